import { InternalError, UsageError } from '../errors.js';
import type { BarSeries } from '../types.js';
import { drawdownSeries } from './drawdown.js';
import type { OpenPosition } from './engine.js';
import type { BarClock, Trade } from './fills.js';
import { runPortfolioLoop } from './portfolio-loop.js';
import { formatLocal, toNyLocal } from './local-time.js';
import { resolveOptions, validateSeries, windowOf, type BacktestOptions } from './options.js';
import { computeStats, type BacktestStats } from './stats.js';
import type { Strategy, StrategyPlan } from './strategy.js';
import { unionCalendar } from './union-calendar.js';

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
 */
export function runPortfolioBacktest(
  seriesList: readonly BarSeries[],
  strategy: Strategy,
  opts: BacktestOptions = {},
): PortfolioResult {
  if (seriesList.length === 0) throw new UsageError('portfolio backtest needs at least one symbol');
  const symbols = seriesList.map((s) => s.symbol);
  if (new Set(symbols).size !== symbols.length) throw new UsageError(`duplicate symbols in portfolio: ${symbols.join(',')}`);
  seriesList.forEach(validateSeries);
  const o = resolveOptions(opts);
  const { commission: rate, slip } = o;
  const cal = unionCalendar(seriesList);
  const { lo, hi } = windowOf(cal.ts, opts.from, opts.to);
  const n = hi - lo + 1;
  const N = seriesList.length;
  const localTime = toNyLocal(cal.ts.subarray(lo, hi + 1));
  const labels: string[] = [];
  const clock: BarClock = { localMs: (j) => localTime[j]!, label: (j) => (labels[j] ??= formatLocal(localTime[j]!)) };

  const plans = seriesList.map((series) => {
    const plan = strategy.plan(series);
    if (plan.targets.length !== series.close.length) throw new InternalError(`${strategy.name}: target count mismatch for ${series.symbol}`);
    return plan;
  });
  const { openAt, closeAt, targetAt, firstDecision } = slotMajor(seriesList, plans, cal.slotOf, lo, hi);
  const { equity, cash, benchmark, log, size, entryPrice, entryBar, mark } = runPortfolioLoop({
    openAt,
    closeAt,
    targetAt,
    slots: n,
    symbols: N,
    cash: o.cash,
    rate,
    slip,
    finalize: o.finalizeTrades,
  });
  const trades = log.toTrades(symbols, rate, clock);
  const perSymbol: Record<string, SymbolBreakdown> = {};
  symbols.forEach((sym, s) => {
    perSymbol[sym] = {
      trades: [],
      pnl: 0,
      openPosition:
        size[s] === 0
          ? null
          : {
              symbol: sym,
              size: size[s]!,
              entryBar: entryBar[s]!,
              entryTime: clock.label(entryBar[s]!),
              entryPrice: entryPrice[s]!,
              lastPrice: mark[s]!,
              unrealizedPnl: size[s]! * (mark[s]! - entryPrice[s]!),
            },
    };
  });
  for (const t of trades) {
    const entry = perSymbol[t.symbol]!;
    entry.trades.push(t);
    entry.pnl += t.pnl;
  }
  const drawdown = drawdownSeries(equity);
  const stats = computeStats({
    localTime,
    equity,
    drawdown,
    trades,
    benchmark,
    benchmarkStart: Math.max(0, firstDecision - 1),
    symbols,
  });
  return {
    strategy: strategy.name,
    symbols,
    ts: cal.ts.subarray(lo, hi + 1),
    equity,
    cash,
    drawdown,
    trades,
    perSymbol,
    stats,
  };
}

/**
 * Slot-major copies of the window (index j * N + s): opens and closes (NaN where a symbol has no
 * bar) and the target each symbol may act on — hold unless the bar may decide: from backtesting.py's
 * first decision bar max(first + 1, warmup + 1), and not on the symbol's last bar (nothing to fill it).
 */
function slotMajor(
  seriesList: readonly BarSeries[],
  plans: readonly StrategyPlan[],
  slotOf: readonly Int32Array[],
  lo: number,
  hi: number,
): { openAt: Float64Array; closeAt: Float64Array; targetAt: Int8Array; firstDecision: number } {
  const N = seriesList.length;
  const n = hi - lo + 1;
  const openAt = new Float64Array(n * N).fill(Number.NaN);
  const closeAt = new Float64Array(n * N).fill(Number.NaN);
  const targetAt = new Int8Array(n * N);
  let firstDecision = n - 1;
  for (let s = 0; s < N; s++) {
    const slots = slotOf[s]!;
    const { open, close } = seriesList[s]!;
    const { targets, warmup } = plans[s]!;
    let first = 0;
    while (first < slots.length && slots[first]! < lo) first++;
    let last = slots.length - 1;
    while (last >= 0 && slots[last]! > hi) last--;
    const startBar = Math.max(first + 1, warmup + 1);
    for (let b = first; b <= last; b++) {
      const j = slots[b]! - lo;
      openAt[j * N + s] = open[b]!;
      closeAt[j * N + s] = close[b]!;
      if (b >= startBar && b < last) {
        targetAt[j * N + s] = targets[b]!;
        if (j < firstDecision) firstDecision = j;
      }
    }
  }
  return { openAt, closeAt, targetAt, firstDecision };
}
