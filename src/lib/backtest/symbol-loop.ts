import { CashSteps } from './cash-steps.js';
import { allInShares, capToMaxCost, commissionOf, exitCashDelta, slipped, TradeLog } from './fills.js';
import { Target } from './strategy.js';

export interface SymbolLoopInput {
  open: Float64Array;
  close: Float64Array;
  targets: Int8Array;
  /** Inclusive window of bars to simulate; outputs are indexed from lo. */
  lo: number;
  hi: number;
  /** First bar that may take a decision (backtesting.py: 1 + indicator warm-up). */
  start: number;
  cash: number;
  /** Commission fraction and slippage fraction. */
  rate: number;
  slip: number;
  finalize: boolean;
  /** Dollars one entry may cost (MAX_RISK); Infinity = all in. */
  maxCost: number;
  /** Where to write the equity curve (hi − lo + 1 values), when the caller has room for it. */
  equity?: Float64Array;
}

export interface SymbolLoopOutput {
  equity: Float64Array;
  /** Cash and position after each bar, as the steps they make at fills (see cash-steps.ts). */
  steps: CashSteps;
  /** Closed round trips; bars are window indices, symbol index 0. */
  log: TradeLog;
  /** The position still open at the end (size 0 when flat). */
  size: number;
  entryPrice: number;
  entryBar: number;
}

const HOLD = Target.hold;
const LONG = Target.long;
const SHORT = Target.short;
const FLAT = Target.flat;

/**
 * The per-bar simulation, kept in one small allocation-free function so V8 optimizes it early:
 * fill the pending order at this bar's open (exit first, then the all-in entry), mark to market at
 * the close, then turn the bar's target into the next pending order.
 */
export function runSymbolLoop(input: SymbolLoopInput): SymbolLoopOutput {
  const { open, close, targets, lo, hi, start, rate, slip } = input;
  const n = hi - lo + 1;
  const equity = input.equity ?? new Float64Array(n);
  const steps = new CashSteps(input.cash);
  const log = new TradeLog();
  // `realized` is backtesting.py's broker cash: starting cash + closed PnL − commissions paid.
  // The running amounts start as floats read from a Float64Array: started from a small-integer
  // number, V8 may keep them boxed and allocate a heap number on every bar.
  const start0 = Float64Array.of(input.cash, 0);
  let realized = start0[0]!;
  let size = start0[1]!;
  let entryPrice = start0[1]!;
  let entryBar = 0;
  let pending: number = HOLD;
  let outOfMoney = false;

  for (let i = lo; i <= hi; i++) {
    const j = i - lo;
    if (i < start) {
      equity[j] = realized;
      continue;
    }
    const filled = pending !== HOLD;
    if (filled) {
      const px = open[i]!;
      if (size !== 0) {
        const exitPrice = slipped(px, -size, slip);
        log.add(0, size, entryBar, entryPrice, j, exitPrice);
        realized += exitCashDelta(size, entryPrice, exitPrice, rate);
        size = 0;
      }
      if (pending !== FLAT) {
        const side = pending === LONG ? 1 : -1;
        const shares = capToMaxCost(
          allInShares(realized > 0 ? realized : 0, px, side, slip, rate),
          slipped(px, side, slip),
          input.maxCost,
        );
        if (shares !== 0) {
          size = shares;
          entryPrice = slipped(px, side, slip);
          entryBar = j;
          realized -= commissionOf(shares, entryPrice, rate);
        }
      }
      pending = HOLD;
    }
    const value = size === 0 ? realized : realized + (size * (close[i]! - entryPrice) - 0);
    if (value <= 0) {
      // Out of money (backtesting.py `_OutOfMoneyError`): liquidate at this close and stop.
      if (size !== 0) log.add(0, size, entryBar, entryPrice, j, close[i]!);
      size = 0;
      outOfMoney = true;
      // Equity, cash and position stay 0 from here on.
      steps.add(j, 0, 0);
      break;
    }
    equity[j] = value;
    // Cash = realized − size × entry price, the same operation on every bar until the next fill.
    if (filled) steps.add(j, realized - size * entryPrice, size);
    if (i < hi) {
      const t = targets[i]!;
      if ((t === LONG && size <= 0) || (t === SHORT && size >= 0) || (t === FLAT && size !== 0)) pending = t;
    }
  }

  // backtesting.py finalize_trades: close what is open at the last bar's open.
  if (!outOfMoney && input.finalize && size !== 0 && start <= hi) {
    const exitPrice = slipped(open[hi]!, -size, slip);
    log.add(0, size, entryBar, entryPrice, n - 1, exitPrice);
    realized += exitCashDelta(size, entryPrice, exitPrice, rate);
    size = 0;
    equity[n - 1] = realized;
    steps.add(n - 1, realized, 0);
  }
  return { equity, steps, log, size, entryPrice, entryBar };
}
