import { UsageError } from '../errors.js';
import type { BarSeries } from '../types.js';
import { drawdownSeries } from './drawdown.js';
import type { OpenPosition } from './engine.js';
import type { BarClock, Trade } from './fills.js';
import type { PortfolioLoopInput } from './portfolio-input.js';
import { runPortfolioLoop } from './portfolio-loop.js';
import { preparePortfolio } from './portfolio-prepare.js';
import { formatLocal, toNyLocal } from './local-time.js';
import type { BacktestOptions } from './options.js';
import { computeStats, type BacktestStats } from './stats.js';
import type { Strategy } from './strategy.js';

export interface SymbolBreakdown {
  trades: Trade[];
  /** Sum of closed trades' PnL (after commissions). */
  pnl: number;
  openPosition: OpenPosition | null;
}

export interface PortfolioResult {
  strategy: string;
  symbols: string[];
  /** Union calendar of the window (UTC ms); trade bars index into it. */
  ts: Float64Array;
  equity: Float64Array;
  cash: Float64Array;
  drawdown: Float64Array;
  /** All closed trades, in the order they closed. */
  trades: Trade[];
  perSymbol: Record<string, SymbolBreakdown>;
  stats: BacktestStats;
}

/**
 * One strategy over several symbols with shared cash on the union of their calendars. Fill rules
 * are the single-symbol engine's (decision on a symbol's bar close, fill at its next bar's open,
 * slippage and commission per fill); each entry gets at most equity/N (N = number of symbols, equity
 * marked at that open) in whole shares, capped by the cash not already tied up in positions. On a
 * slot, all exits fill before any entry, so freed cash can be reused the same morning. Symbols
 * without a bar on a slot are valued at their last close. With finalizeTrades, positions still open
 * close at the last slot's open (or the symbol's last close when it has no bar there).
 *
 * Speed (500 symbols × 10 years in tens of milliseconds): when every series has the same stamps no
 * calendar is built and bars are indexed by slot; nothing is copied slot by slot; decisions come
 * from per-slot lists of non-hold targets; equity is marked symbol by symbol after the simulation
 * (portfolio-loop.ts); trades and the per-symbol breakdown are built on first access. Every number
 * is the same as the plain slot-by-slot formulation (test/backtest/portfolio-reference.ts).
 */
export function runPortfolioBacktest(
  seriesList: readonly BarSeries[],
  strategy: Strategy,
  opts: BacktestOptions = {},
): PortfolioResult {
  return runPortfolio(seriesList, strategy, opts, false);
}

/**
 * runPortfolioBacktest; `union` forces the general path (each symbol's bars mapped onto a union
 * calendar) even where every series has the same stamps, for tests that check both paths agree.
 */
export function runPortfolio(
  seriesList: readonly BarSeries[],
  strategy: Strategy,
  opts: BacktestOptions,
  union: boolean,
): PortfolioResult {
  if (seriesList.length === 0) throw new UsageError('portfolio backtest needs at least one symbol');
  const symbols = seriesList.map((s) => s.symbol);
  if (new Set(symbols).size !== symbols.length)
    throw new UsageError(`duplicate symbols in portfolio: ${symbols.join(',')}`);
  const { options: o, calendar, lo, hi, slotOf, columns } = preparePortfolio(seriesList, strategy, opts, union);
  const { commission: rate, slip } = o;
  const n = hi - lo + 1;
  const N = seriesList.length;
  const ts = calendar.subarray(lo, hi + 1);
  const localTime = toNyLocal(ts);
  const labels: string[] = [];
  const clock: BarClock = { localMs: (j) => localTime[j]!, label: (j) => (labels[j] ??= formatLocal(localTime[j]!)) };

  const input: PortfolioLoopInput = {
    open: seriesList.map((s) => s.open),
    close: seriesList.map((s) => s.close),
    first: columns.first,
    last: columns.last,
    slotOf,
    lo,
    slots: n,
    symbols: N,
    cash: o.cash,
    rate,
    slip,
    finalize: o.finalizeTrades,
    maxCost: o.maxEntryCost,
  };
  const { equity, cash, log, size, entryPrice, entryBar, mark, lastSlot } = runPortfolioLoop(input, columns.events());
  const benchmark = columns.index(N, lastSlot);
  const drawdown = drawdownSeries(equity);
  const stats = computeStats({
    localTime,
    equity,
    drawdown,
    trades: log.table(symbols, rate),
    benchmark,
    benchmarkStart: Math.max(0, columns.firstDecision - 1),
    symbols,
  });
  // Trade records are built on first access (as in `simulate`): statistics read the trade table,
  // and tens of thousands of objects would otherwise be made for callers that only want curves.
  let trades: Trade[] | undefined;
  let perSymbol: Record<string, SymbolBreakdown> | undefined;
  const allTrades = (): Trade[] => (trades ??= log.toTrades(symbols, rate, clock));
  const breakdown = (): Record<string, SymbolBreakdown> => {
    const bySymbol: Trade[][] = symbols.map(() => []);
    const pnl = new Float64Array(N);
    allTrades().forEach((t, k) => {
      const s = log.symbol[k]!;
      bySymbol[s]!.push(t);
      pnl[s]! += t.pnl;
    });
    const out: Record<string, SymbolBreakdown> = {};
    symbols.forEach((sym, s) => {
      out[sym] = { trades: bySymbol[s]!, pnl: pnl[s]!, openPosition: size[s] === 0 ? null : openPosition(s) };
    });
    return out;
  };
  const openPosition = (s: number): OpenPosition => ({
    symbol: symbols[s]!,
    size: size[s]!,
    entryBar: entryBar[s]!,
    entryTime: clock.label(entryBar[s]!),
    entryPrice: entryPrice[s]!,
    lastPrice: mark[s]!,
    unrealizedPnl: size[s]! * (mark[s]! - entryPrice[s]!),
  });
  return {
    strategy: strategy.name,
    symbols,
    ts,
    equity,
    cash,
    drawdown,
    get trades(): Trade[] {
      return allTrades();
    },
    get perSymbol(): Record<string, SymbolBreakdown> {
      return (perSymbol ??= breakdown());
    },
    stats,
  };
}
