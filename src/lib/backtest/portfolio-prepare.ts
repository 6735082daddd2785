import { InternalError } from '../errors.js';
import type { BarSeries } from '../types.js';
import { resolveOptions, validateSeries, windowOf, type BacktestOptions, type ResolvedOptions } from './options.js';
import { SymbolColumns } from './portfolio-columns.js';
import type { Strategy, StrategyPlan } from './strategy.js';
import { sameStamps, unionCalendar } from './union-calendar.js';

/** A portfolio's checked inputs, its calendar window and each symbol's plan and columns. */
export interface PreparedPortfolio {
  options: ResolvedOptions;
  /** The calendar (UTC ms) and the window of it to trade, [lo, hi]. */
  calendar: Float64Array;
  lo: number;
  hi: number;
  /** Calendar slot of each bar, per symbol; null when every series has exactly the calendar's stamps. */
  slotOf: Int32Array[] | null;
  columns: SymbolColumns;
}

/**
 * Validates each series, the options and the window, and plans each symbol, throwing the same
 * error as checking everything first and planning after: a bad series, then bad options, then an
 * empty window, then a failing plan. Each series is validated, compared with the first series'
 * stamps and planned in turn, so its columns are read from memory once; while every series has
 * the first one's stamps (the usual case: one exchange's sessions) its columns are derived right
 * away too. `union` forces the general path, per-symbol slot maps on a union calendar.
 */
export function preparePortfolio(
  seriesList: readonly BarSeries[],
  strategy: Strategy,
  opts: BacktestOptions,
  union: boolean,
): PreparedPortfolio {
  const N = seriesList.length;
  const stamps = seriesList[0]!.ts;
  let shared = !union;
  let early: SymbolColumns | null = null; // columns on the first series' calendar, while it is shared
  const plans: StrategyPlan[] = new Array<StrategyPlan>(N);
  let planError: { error: unknown } | null = null;
  for (let s = 0; s < N; s++) {
    const series = seriesList[s]!;
    validateSeries(series);
    if (shared && s > 0 && series.ts !== stamps && !sameStamps(series.ts, stamps)) {
      shared = false;
      early = null;
    }
    if (shared && s === 0) early = earlyColumns(stamps, opts, N);
    if (planError) continue;
    try {
      plans[s] = planOf(strategy, series);
    } catch (error) {
      planError = { error };
      continue;
    }
    early?.add(s, series.close, plans[s]!.targets, plans[s]!.warmup, null);
  }
  const options = resolveOptions(opts);
  const cal = shared ? { ts: stamps.slice(), slotOf: null } : unionCalendar(seriesList);
  const { lo, hi } = windowOf(cal.ts, opts.from, opts.to);
  if (planError) throw planError.error;
  let columns = early;
  if (!columns) {
    columns = new SymbolColumns(N, lo, hi);
    for (let s = 0; s < N; s++)
      columns.add(s, seriesList[s]!.close, plans[s]!.targets, plans[s]!.warmup, cal.slotOf?.[s] ?? null);
  }
  return { options, calendar: cal.ts, lo, hi, slotOf: cal.slotOf, columns };
}

function planOf(strategy: Strategy, series: BarSeries): StrategyPlan {
  const plan = strategy.plan(series, { indicators: false });
  if (plan.targets.length !== series.close.length)
    throw new InternalError(`${strategy.name}: target count mismatch for ${series.symbol}`);
  return plan;
}

/** Columns on the first series' own stamps; null when the window is invalid (reported later, in order). */
function earlyColumns(stamps: Float64Array, opts: BacktestOptions, symbols: number): SymbolColumns | null {
  try {
    const { lo, hi } = windowOf(stamps, opts.from, opts.to);
    return new SymbolColumns(symbols, lo, hi);
  } catch {
    return null;
  }
}
