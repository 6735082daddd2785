/**
 * Weekly and monthly features built from daily bars, point-in-time: at session t the current week (Monday to
 * Sunday, New York dates) or month is the PARTIAL period up to and including t, its close being close_t and its
 * high the highest high so far; the later sessions of that period are never read. Earlier periods are complete.
 */
import type { BarSeries } from '../types.js';
import { rsiAverages, rsiStep, rsiValue } from './momentum.js';
import { nanArray } from './series-util.js';

export const MTF_FEATURE_NAMES = [
  'wk_sma_ratio_10', // close_t / mean of the last 10 weekly closes (the partial week's is close_t) - 1
  'wk_rsi_14', // Wilder RSI(14) of the weekly closes, the partial week closing at close_t
  'wk_dist_52w_high', // close_t / highest weekly high of the last 52 weeks (partial week included) - 1
  'mo_sma_ratio_6', // close_t / mean of the last 6 monthly closes (the partial month's is close_t) - 1
  'mo_dist_high', // close_t / the month-to-date high - 1
] as const;

const WEEK_SMA = 10;
const WEEK_RSI = 14;
const WEEKS_HIGH = 52;
const MONTH_SMA = 6;
const DAY_MS = 86_400_000;

export type PeriodUnit = 'week' | 'month';

/**
 * Calendar period key of a daily bar: weeks start on Monday (1970-01-01 was a Thursday). Daily bars are stamped at
 * 00:00 New York (04:00 or 05:00 UTC), so the UTC day of the stamp is the session's date: plain arithmetic, no
 * time-zone lookup per bar.
 */
function periodKey(ts: number, unit: PeriodUnit): number {
  const day = Math.floor(ts / DAY_MS);
  if (unit === 'week') return Math.floor((day + 3) / 7);
  return monthOfDay(day);
}

/** year * 12 + month (0-based) of a day number since 1970-01-01: Hinnant's civil_from_days, integers only. */
function monthOfDay(day: number): number {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return (yoe + era * 400 + (month <= 2 ? 1 : 0)) * 12 + month - 1;
}

/** The period of each bar (0, 1, ... in order) and, per period, its complete close and high. */
export interface Periods {
  of: Int32Array;
  close: Float64Array;
  high: Float64Array;
}

export function periodsOf(s: Pick<BarSeries, 'ts' | 'high' | 'close'>, unit: PeriodUnit): Periods {
  const n = s.ts.length;
  const of = new Int32Array(n);
  const close = new Float64Array(n);
  const high = new Float64Array(n);
  let key = NaN;
  let p = -1;
  for (let i = 0; i < n; i++) {
    const k = periodKey(s.ts[i]!, unit);
    if (k !== key) {
      key = k;
      high[++p] = -Infinity;
    }
    of[i] = p;
    close[p] = s.close[i]!;
    if (s.high[i]! > high[p]! || Number.isNaN(s.high[i]!)) high[p] = s.high[i]!;
  }
  return { of, close: close.slice(0, p + 1), high: high.slice(0, p + 1) };
}

/** close_t / mean(last `len` period closes, the current one being close_t) - 1; NaN until `len` periods exist. */
function smaRatio(s: BarSeries, p: Periods, len: number): Float64Array {
  const out = nanArray(s.ts.length);
  const prefix = new Float64Array(p.close.length + 1);
  p.close.forEach((c, k) => (prefix[k + 1] = prefix[k]! + c));
  for (let i = 0; i < s.ts.length; i++) {
    const k = p.of[i]!;
    if (k < len - 1) continue;
    const c = s.close[i]!;
    out[i] = c / ((prefix[k]! - prefix[k - len + 1]! + c) / len) - 1;
  }
  return out;
}

/**
 * RSI(n) of the period closes with the current period closing at close_t: the Wilder averages after the last
 * complete period (rsiAverages) extended by one step. Equal to rsi() of [closes of earlier periods, close_t].
 */
export function partialPeriodRsi(s: BarSeries, p: Periods, n: number): Float64Array {
  const out = nanArray(s.ts.length);
  const avg = rsiAverages(p.close, n);
  for (let i = 0; i < s.ts.length; i++) {
    const k = p.of[i]!;
    if (k < n + 1) continue;
    const [gain, loss] = rsiStep(avg.gain[k - 1]!, avg.loss[k - 1]!, s.close[i]! - p.close[k - 1]!, n);
    out[i] = rsiValue(gain, loss);
  }
  return out;
}

/** close_t / max(high of the `len - 1` previous periods, period-to-date high) - 1 (fewer periods at the start). */
function distFromPeriodHigh(s: BarSeries, p: Periods, len: number): Float64Array {
  const out = nanArray(s.ts.length);
  const prevMax = new Float64Array(p.close.length).fill(-Infinity);
  for (let k = 0; k < prevMax.length; k++)
    for (let j = Math.max(0, k - len + 1); j < k; j++) prevMax[k] = Math.max(prevMax[k]!, p.high[j]!);
  let toDate = -Infinity;
  for (let i = 0; i < s.ts.length; i++) {
    const k = p.of[i]!;
    toDate = i > 0 && p.of[i - 1] === k ? Math.max(toDate, s.high[i]!) : s.high[i]!;
    out[i] = s.close[i]! / Math.max(prevMax[k]!, toDate) - 1;
  }
  return out;
}

/** The MTF_FEATURE_NAMES columns of one series, in that order. */
export function timeframeColumns(s: BarSeries): Float64Array[] {
  const weeks = periodsOf(s, 'week');
  const months = periodsOf(s, 'month');
  return [
    smaRatio(s, weeks, WEEK_SMA),
    partialPeriodRsi(s, weeks, WEEK_RSI),
    distFromPeriodHigh(s, weeks, WEEKS_HIGH),
    smaRatio(s, months, MONTH_SMA),
    distFromPeriodHigh(s, months, 1),
  ];
}
