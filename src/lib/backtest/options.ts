import { DataError, UsageError } from '../errors.js';
import { addDays, nyMidnight, parseDate } from '../time.js';
import type { BarSeries, SessionDate } from '../types.js';

export interface BacktestOptions {
  /** Starting cash (default 10 000). */
  cash?: number;
  /** Commission as a fraction of traded value, charged on entry and on exit (default 0). */
  commission?: number;
  /** Slippage in basis points against the trader on every fill: buys higher, sells lower (default 0). */
  slippageBps?: number;
  /** Close what is still open at the last bar's open, so it counts in the stats (default false). */
  finalizeTrades?: boolean;
  /** First and last session (inclusive, New York dates) to trade; indicators may warm up before. */
  from?: SessionDate;
  to?: SessionDate;
  /** MAX_RISK of the strategy: dollars one entry may cost (see capToMaxCost); default no cap. */
  maxEntryCost?: number;
}

export interface ResolvedOptions {
  cash: number;
  commission: number;
  /** Slippage as a fraction of price. */
  slip: number;
  finalizeTrades: boolean;
  /** Infinity = no cap. */
  maxEntryCost: number;
}

export function resolveOptions(opts: BacktestOptions): ResolvedOptions {
  const cash = opts.cash ?? 10_000;
  const commission = opts.commission ?? 0;
  const slippageBps = opts.slippageBps ?? 0;
  if (!(Number.isFinite(cash) && cash > 0)) throw new UsageError(`cash must be a positive amount, got ${cash}`);
  // backtesting.py accepts −10 % (market-maker rebates) up to 10 %.
  if (!(commission >= -0.1 && commission < 0.1)) {
    throw new UsageError(`commission must be a fraction of traded value in [-0.1, 0.1), got ${commission}`);
  }
  if (!(slippageBps >= 0 && slippageBps < 10_000))
    throw new UsageError(`slippage must be 0..9999 bps, got ${slippageBps}`);
  const maxEntryCost = opts.maxEntryCost ?? Infinity;
  if (!(maxEntryCost >= 0)) throw new UsageError(`MAX_RISK must be dollars >= 0, got ${maxEntryCost}`);
  return { cash, commission, slip: slippageBps / 10_000, finalizeTrades: opts.finalizeTrades ?? false, maxEntryCost };
}

/**
 * Throws DataError for an empty series, mismatched columns, unsorted stamps or an unusable open or
 * close (the only prices the engines trade on; backtesting.py also rejects NaN high/low, which
 * cannot change a result here).
 */
export function validateSeries(s: BarSeries): void {
  const n = s.close.length;
  if (n === 0) throw new DataError(`${s.symbol}: no bars to backtest`);
  for (const [name, col] of [
    ['ts', s.ts],
    ['open', s.open],
    ['high', s.high],
    ['low', s.low],
  ] as const) {
    if (col.length !== n) throw new DataError(`${s.symbol}: ${name} has ${col.length} values for ${n} closes`);
  }
  const { ts, open, close } = s;
  let prev = -Infinity;
  for (let i = 0; i < n; i++) {
    const o = open[i]!;
    const c = close[i]!;
    const t = ts[i]!;
    if (!(o > 0 && c > 0 && o < Infinity && c < Infinity && t > prev)) {
      if (!(t > prev)) throw new DataError(`${s.symbol}: bar ${i} is not after the bar before it`);
      throw new DataError(`${s.symbol}: bar ${i} has a missing or non-positive price (open ${o}, close ${c})`);
    }
    prev = t;
  }
}

/** Inclusive bar range [lo, hi] of the sessions from..to; throws UsageError when it holds no bar. */
export function windowOf(ts: Float64Array, from?: SessionDate, to?: SessionDate): { lo: number; hi: number } {
  const start = from === undefined ? -Infinity : nyMidnight(parseDate(from, 'from date'));
  const end = to === undefined ? Infinity : nyMidnight(addDays(parseDate(to, 'to date'), 1));
  let lo = 0;
  while (lo < ts.length && ts[lo]! < start) lo++;
  let hi = ts.length - 1;
  while (hi >= 0 && ts[hi]! >= end) hi--;
  if (lo > hi) throw new UsageError(`no bars between ${from ?? 'the start'} and ${to ?? 'the end'}`);
  return { lo, hi };
}
