import type { TradeLog } from './fills.js';
import { PortfolioBook } from './portfolio-book.js';
import type { DecisionEvents } from './portfolio-columns.js';
import type { PortfolioLoopInput } from './portfolio-input.js';
import { closesAt, closeValues } from './portfolio-marks.js';

export interface PortfolioLoopOutput {
  equity: Float64Array;
  cash: Float64Array;
  log: TradeLog;
  /** Positions still open at the end, per symbol (size 0 when flat), and last closes. */
  size: Float64Array;
  entryPrice: Float64Array;
  entryBar: Int32Array;
  mark: Float64Array;
  /** Last slot simulated (slots − 1, or the slot where the account ran out of money). */
  lastSlot: number;
}

/**
 * The per-slot simulation of the portfolio engine: waiting orders fill at their symbol's open
 * (exits first, then entries sized to equity/N capped by free cash), positions are marked at the
 * close, each bar's target becomes the next order, and equity ≤ 0 at a close liquidates there and
 * stops (backtesting.py's _OutOfMoneyError).
 *
 * Marking to market at the close changes nothing that is traded, except by running out of money;
 * so the slots are simulated first (decisions from each slot's list of non-hold targets) and valued
 * afterwards, symbol by symbol (portfolio-marks.ts). When equity reached 0 at some close, the
 * simulation runs again and stops there: everything before that close is the same in both runs.
 */
export function runPortfolioLoop(input: PortfolioLoopInput, events: DecisionEvents): PortfolioLoopOutput {
  const n = input.slots;
  let run = simulate(input, events, -1);
  const equity = closeValues(input, run.cashAt, {
    log: run.book.log,
    heldThrough: run.heldThrough,
    size: run.book.size,
    entryBar: run.book.entryBar,
  });
  let stop = 0;
  while (stop < n && !(equity[stop]! <= 0)) stop++;
  if (stop < n) {
    run = simulate(input, events, stop);
    equity.fill(0, stop);
  } else if (input.finalize) {
    equity[n - 1] = run.book.money;
    run.cashAt[n - 1] = run.book.money;
  }
  const lastSlot = Math.min(stop, n - 1);
  const { log, size, entryPrice, entryBar } = run.book;
  return { equity, cash: run.cashAt, log, size, entryPrice, entryBar, mark: closesAt(input, lastSlot), lastSlot };
}

interface Run {
  book: PortfolioBook;
  /** Cash at each slot's close (0 from a stop on). */
  cashAt: Float64Array;
  /** Trades from this index on closed after their exit slot's close (finalize or liquidation). */
  heldThrough: number;
}

/** Slots 0..n−1, or up to `stop` (≥ 0) where everything is liquidated at the close. */
function simulate(input: PortfolioLoopInput, events: DecisionEvents, stop: number): Run {
  const n = input.slots;
  const book = new PortfolioBook(input, events.symbol.length);
  const cashAt = new Float64Array(n);
  const { dayStart, symbol, target } = events;
  for (let j = 0; j < n; j++) {
    if (book.waiting > 0) book.fillAtOpen(j);
    if (j === stop) {
      const heldThrough = book.log.count;
      book.liquidate(j);
      return { book, cashAt, heldThrough };
    }
    cashAt[j] = book.money;
    book.decide(symbol, target, dayStart[j]!, dayStart[j + 1]!);
  }
  const heldThrough = book.log.count;
  if (input.finalize) book.finalize(n - 1);
  return { book, cashAt, heldThrough };
}
