import { DAY_MS } from './local-time.js';

/**
 * The sampling conventions of backtesting.py 0.6.6 `_stats.compute_stats` and `_util._data_period`:
 * the data period is the median spacing of the last 100 bars; equity is resampled to calendar days
 * (weeks/months/years for weekly/monthly/yearly data) and annualized with 252 periods a year for
 * daily data without weekends, 365 with weekends, 52 weekly, 12 monthly, 1 yearly.
 */

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** Median spacing (ms) of the last 100 stamps; NaN with fewer than two bars. */
export function dataPeriodMs(localTime: Float64Array): number {
  const from = Math.max(0, localTime.length - 100);
  if (localTime.length - from < 2) return Number.NaN;
  const n = localTime.length - from - 1;
  const mid = n >> 1;
  const fast = fewValuesMedian(localTime, from, mid, n % 2 === 1);
  if (fast !== undefined) return fast;
  const diffs = new Float64Array(n);
  for (let i = from + 1; i < localTime.length; i++) diffs[i - from - 1] = localTime[i]! - localTime[i - 1]!;
  diffs.sort(); // numeric ascending, as the comparator sort it replaces (stamps are never NaN)
  return n % 2 ? diffs[mid]! : (diffs[mid - 1]! + diffs[mid]!) / 2;
}

const FEW = 8;
const fewValues = new Float64Array(FEW);
const fewCounts = new Int32Array(FEW);

/**
 * The median of the spacings after `from` when they take at most FEW distinct values (bars a day, a
 * weekend or a holiday apart; minutes apart with a few gaps): distinct values with counts, walked in
 * ascending order, instead of sorting a hundred numbers on every backtest. undefined when there are more.
 */
function fewValuesMedian(localTime: Float64Array, from: number, mid: number, odd: boolean): number | undefined {
  let distinct = 0;
  for (let i = from + 1; i < localTime.length; i++) {
    const d = localTime[i]! - localTime[i - 1]!;
    let k = 0;
    while (k < distinct && fewValues[k] !== d) k++;
    if (k === distinct) {
      if (distinct === FEW) return undefined;
      fewValues[k] = d;
      fewCounts[k] = 0;
      distinct++;
    }
    fewCounts[k]!++;
  }
  // Element `rank` of the sorted spacings: the smallest value whose cumulative count passes it.
  const at = (rank: number): number => {
    let best = Infinity;
    for (let k = 0; k < distinct; k++) {
      let below = 0;
      for (let j = 0; j < distinct; j++) if (fewValues[j]! < fewValues[k]!) below += fewCounts[j]!;
      if (below <= rank && rank < below + fewCounts[k]! && fewValues[k]! < best) best = fewValues[k]!;
    }
    return best;
  };
  return odd ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}

/** pandas Timedelta.resolution_string as a unit in ms: the smallest non-zero component. */
export function resolutionMs(periodMs: number): number {
  if (!(periodMs > 0) || periodMs % DAY_MS === 0) return DAY_MS;
  if (periodMs % HOUR_MS === 0) return HOUR_MS;
  if (periodMs % MINUTE_MS === 0) return MINUTE_MS;
  if (periodMs % 1000 === 0) return 1000;
  return 1;
}

/** A duration (ms) rounded up to the data resolution, in days (backtesting.py `_round_timedelta`). */
export function roundedDays(durationMs: number, resolution: number): number {
  if (!Number.isFinite(durationMs)) return Number.NaN;
  return (Math.ceil(durationMs / resolution) * resolution) / DAY_MS;
}

export interface Sampling {
  annualPeriods: number;
  /** Bucket key of a local time: resampling groups bars with equal keys. */
  bucket: (localMs: number) => number;
  /** Every bar is alone in its bucket (daily bars, one per day): the periodic returns are the bar returns. */
  barBuckets?: boolean;
}

/** `periodMs`: dataPeriodMs(localTime), when the caller has it. */
export function sampling(localTime: Float64Array, periodMs = dataPeriodMs(localTime)): Sampling {
  const freqDays = Math.floor(periodMs / DAY_MS);
  let weekend = 0;
  let prevDay = Number.NaN;
  let isWeekend = 0;
  let days = 0;
  let dow = 0;
  for (let i = 0; i < localTime.length; i++) {
    const day = Math.floor(localTime[i]! / DAY_MS);
    if (day !== prevDay) {
      days++;
      const step = day - prevDay;
      if (step > 0 && step < 7) {
        // Stamps ascend a few days at a time: step the weekday instead of an integer division.
        dow += step;
        if (dow >= 7) dow -= 7;
      } else {
        // (day + 4) mod 7 in int32 arithmetic (a float `%` is a libm call), floored; 1970-01-01 was a Thursday.
        const rem = ((day + 4) | 0) % 7;
        dow = rem < 0 ? rem + 7 : rem;
      }
      isWeekend = dow === 0 || dow === 6 ? 1 : 0;
      prevDay = day;
    }
    weekend += isWeekend;
  }
  const haveWeekends = weekend / localTime.length > (2 / 7) * 0.6;
  const day = (ms: number): number => Math.floor(ms / DAY_MS);
  if (freqDays === 7) return { annualPeriods: 52, bucket: (ms) => Math.floor((day(ms) + 3) / 7) }; // weeks ending Sunday
  if (freqDays === 31) {
    return {
      annualPeriods: 12,
      bucket: (ms) => {
        const d = new Date(ms);
        return d.getUTCFullYear() * 12 + d.getUTCMonth();
      },
    };
  }
  if (freqDays === 365) return { annualPeriods: 1, bucket: (ms) => new Date(ms).getUTCFullYear() };
  return { annualPeriods: haveWeekends ? 365 : 252, bucket: day, barBuckets: days === localTime.length };
}

/** Returns between consecutive non-empty buckets (last equity of each bucket), oldest first. */
export function periodicReturns(
  equity: Float64Array,
  localTime: Float64Array,
  bucket: (ms: number) => number,
): Float64Array {
  const last = new Float64Array(equity.length);
  let m = 0;
  let key = Number.NaN;
  for (let i = 0; i < equity.length; i++) {
    const k = bucket(localTime[i]!);
    if (k !== key) {
      last[m++] = equity[i]!;
      key = k;
    } else last[m - 1] = equity[i]!;
  }
  const out = new Float64Array(Math.max(0, m - 1));
  for (let k = 1; k < m; k++) out[k - 1] = last[k]! / last[k - 1]! - 1;
  return out;
}

/** backtesting.py `geometric_mean`: 0 if any return ≤ −100 %, NaN for none. NaN returns count as 0. */
export function geometricMean(returns: Float64Array | readonly number[]): number {
  let logSum = 0;
  for (let i = 0; i < returns.length; i++) {
    const r = returns[i]!;
    const g = (Number.isNaN(r) ? 0 : r) + 1;
    if (g <= 0) return 0;
    logSum += Math.log(g);
  }
  return Math.exp(logSum / (returns.length || Number.NaN)) - 1;
}

const THIRD = 1 / 3;
const FIFTH = 1 / 5;
const SEVENTH = 1 / 7;
const NINTH = 1 / 9;

/**
 * ln(q). Near 1 (|q − 1| ≲ 4 %, a day's move) by ln q = 2·atanh(z), z = (q − 1)/(q + 1), whose series
 * 2z(1 + z²/3 + … + z⁸/9) leaves out less than z¹⁰/11 < 1e-18 (relative) there; it agrees with Math.log to a
 * few units in the last place at a fraction of the cost (statistics take one log per bar and per benchmark
 * bar). Elsewhere Math.log.
 */
export function lnRatio(q: number): number {
  return lnQuotient(q, 1);
}

/** ln(a / b) as lnRatio computes it, with z = (a − b)/(a + b): no division chained before the series. */
export function lnQuotient(a: number, b: number): number {
  const z = (a - b) / (a + b);
  if (z === 0) return 0;
  if (!(z > -NEAR && z < NEAR)) return Math.log(a / b);
  return 2 * z * atanhSeries(z * z);
}

/** |z| below which lnQuotient uses the series. */
export const NEAR = 0.02;

/**
 * 1 + w/3 + w²/5 + w³/7 + w⁴/9 for w = z²: atanh(z)/z, the series of lnQuotient, in Estrin's order (pairs
 * first): the statistics' loop waits on this chain of multiplications, and pairing halves its length.
 */
export function atanhSeries(w: number): number {
  const w2 = w * w;
  return 1 + w * THIRD + w2 * (FIFTH + w * SEVENTH) + w2 * w2 * NINTH;
}
