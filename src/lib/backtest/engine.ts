import { InternalError } from '../errors.js';
import type { BarSeries } from '../types.js';
import { drawdownSeries } from './drawdown.js';
import type { BarClock, Trade, TradeTable } from './fills.js';
import { runSymbolLoop } from './symbol-loop.js';
import { formatLocal, nyLocalMs, toNyLocal } from './local-time.js';
import { resolveOptions, validateSeries, windowOf, type BacktestOptions } from './options.js';
import { computeStats, type BacktestStats } from './stats.js';
import type { Strategy } from './strategy.js';

/** A position still open at the end (finalizeTrades off), valued at the last close. */
export interface OpenPosition {
  symbol: string;
  size: number;
  entryBar: number;
  entryTime: string;
  entryPrice: number;
  lastPrice: number;
  /** size × (last close − entry), before the exit commission. */
  unrealizedPnl: number;
}

/** What the simulation produces, before statistics. */
export interface Simulation {
  symbol: string;
  strategy: string;
  /** Bar stamps (UTC ms) of the backtest window; every array below is aligned to it. */
  ts: Float64Array;
  /** Account value after each bar's close: cash + shares × close. */
  equity: Float64Array;
  /** Cash after each bar (short-sale proceeds included, commissions deducted). Built on first access. */
  cash: Float64Array;
  /** Shares held after each bar (negative when short). Built on first access. */
  position: Float64Array;
  /** Closed round trips in closing order; bars index the window. Built on first access. */
  trades: Trade[];
  openPosition: OpenPosition | null;
  indicators: Record<string, Float64Array>;
  /** Window bar whose close is the Buy & Hold base (the bar before the first decision). */
  benchmarkStart: number;
  /** The window as inclusive bar indices of the input series (from/to). */
  window: { lo: number; hi: number };
}

export interface BacktestResult extends Omit<Simulation, 'benchmarkStart' | 'window'> {
  /** 1 − equity / running peak. */
  drawdown: Float64Array;
  stats: BacktestStats;
}

/**
 * Simulate one strategy on one symbol, as backtesting.py 0.6.6 `Backtest.run` does with margin 1,
 * no spread, hedging and trade_on_close off: the decision on bar t's close becomes a market order
 * filled at bar t+1's open; going long/short closes any opposite position first and then puts all
 * available cash in whole shares (see fills.ts); decisions start on bar warmup+1; with
 * finalizeTrades what is still open closes at the last bar's open; equity ≤ 0 liquidates at the close
 * and stops. Differences from backtesting.py: a target equal to the side already held is ignored (no
 * re-entry on a repeated cross), a decision on the last bar is ignored (backtesting.py fills it during
 * finalize at that same bar's open), and slippage, which it lacks, applies to every fill. Bars outside
 * from/to are used for indicators only.
 */
export function simulate(series: BarSeries, strategy: Strategy, opts: BacktestOptions = {}): Simulation {
  return simulation(series, strategy, opts).sim;
}

/**
 * simulate; the plan's indicator arrays are made on first access. `table` gives the closed trades as
 * columns, for statistics that need no Trade objects.
 */
function simulation(
  series: BarSeries,
  strategy: Strategy,
  opts: BacktestOptions,
  withDrawdown = false,
): { sim: Simulation; table: () => TradeTable; drawdown?: Float64Array } {
  validateSeries(series);
  const o = resolveOptions(opts);
  const { lo, hi } = windowOf(series.ts, opts.from, opts.to);
  // Indicator arrays are built on first access, like trades: the run itself needs only targets.
  const plan = strategy.plan(series, { indicators: false });
  if (plan.targets.length !== series.close.length) {
    throw new InternalError(`${strategy.name} planned ${plan.targets.length} targets for ${series.close.length} bars`);
  }
  const { commission: rate, slip } = o;
  const symbol = series.symbol;
  // Trade times are converted on demand: a whole local-time array would cost a pass and 8 bytes a bar.
  const stamps = series.ts;
  const clock: BarClock = {
    localMs: (bar) => nyLocalMs(stamps[lo + bar]!),
    label: (bar) => formatLocal(nyLocalMs(stamps[lo + bar]!)),
  };
  const start = Math.max(lo + 1, plan.warmup + 1);
  // With drawdown, the equity curve and its drawdown share one allocation (each costs microseconds).
  const curves = withDrawdown ? new Float64Array(2 * (hi - lo + 1)) : undefined;
  const out = runSymbolLoop({
    ...(curves ? { equity: curves.subarray(0, hi - lo + 1) } : {}),
    open: series.open,
    close: series.close,
    targets: plan.targets,
    lo,
    hi,
    start,
    cash: o.cash,
    rate,
    slip,
    finalize: o.finalizeTrades,
    maxCost: o.maxEntryCost,
  });
  const { equity, size, entryPrice, entryBar } = out;
  const n = equity.length;
  // Cash and position arrays are written on first access: the loop records only their changes.
  let cashPosition: { cash: Float64Array; position: Float64Array } | undefined;
  // Trade records are built on first access: a long intraday run can close 100 000 trades, and
  // callers that only need the equity curve (optimizers, benchmarks) never pay for the objects.
  let trades: Trade[] | undefined;
  const lastClose = series.close[hi]!;
  const openPosition: OpenPosition | null =
    size === 0
      ? null
      : {
          symbol,
          size,
          entryBar,
          entryTime: clock.label(entryBar),
          entryPrice,
          lastPrice: lastClose,
          unrealizedPnl: size * (lastClose - entryPrice),
        };
  const windowIndicators = (all: Record<string, Float64Array>): Record<string, Float64Array> => {
    const out: Record<string, Float64Array> = {};
    for (const [name, values] of Object.entries(all)) out[name] = values.subarray(lo, hi + 1);
    return out;
  };
  let indicators: Record<string, Float64Array> | undefined;
  const sim: Simulation = {
    symbol,
    strategy: strategy.name,
    ts: series.ts.subarray(lo, hi + 1),
    equity,
    get cash(): Float64Array {
      return (cashPosition ??= out.steps.expand(n)).cash;
    },
    get position(): Float64Array {
      return (cashPosition ??= out.steps.expand(n)).position;
    },
    get trades(): Trade[] {
      return (trades ??= out.log.toTrades([symbol], rate, clock));
    },
    openPosition,
    get indicators(): Record<string, Float64Array> {
      return (indicators ??= windowIndicators(strategy.plan(series).indicators));
    },
    benchmarkStart: Math.min(start - 1 - lo, n - 1),
    window: { lo, hi },
  };
  return { sim, table: () => out.log.table([symbol], rate), ...(curves ? { drawdown: curves.subarray(n) } : {}) };
}

let localScratch = new Float64Array(0);

/**
 * `simulate` plus drawdown and every backtesting.py statistic. The statistics read the trade columns
 * directly, and the result keeps simulate's lazy members lazy (cash, position, trades, indicators):
 * a short run made by the thousand (walk-forward, tuning) pays only for what its caller reads.
 */
export function runBacktest(series: BarSeries, strategy: Strategy, opts: BacktestOptions = {}): BacktestResult {
  // Indicator arrays on first access too: a run made by the thousand (walk-forward, tuning) never reads them.
  const { sim, table, drawdown: room } = simulation(series, strategy, opts, true);
  const { window } = sim;
  const n = sim.ts.length;
  // Local times are read by the statistics only: one scratch array serves every run.
  if (localScratch.length < n) localScratch = new Float64Array(Math.max(n, 2 * localScratch.length));
  const localTime = toNyLocal(sim.ts, localScratch.subarray(0, n));
  const drawdown = drawdownSeries(sim.equity, room);
  const stats = computeStats({
    localTime,
    equity: sim.equity,
    drawdown,
    trades: table(),
    benchmark: series.close.subarray(window.lo, window.hi + 1),
    benchmarkStart: sim.benchmarkStart,
    symbols: [sim.symbol],
  });
  return {
    symbol: sim.symbol,
    strategy: sim.strategy,
    ts: sim.ts,
    equity: sim.equity,
    get cash(): Float64Array {
      return sim.cash;
    },
    get position(): Float64Array {
      return sim.position;
    },
    get trades(): Trade[] {
      return sim.trades;
    },
    openPosition: sim.openPosition,
    get indicators(): Record<string, Float64Array> {
      return sim.indicators;
    },
    drawdown,
    stats,
  };
}
