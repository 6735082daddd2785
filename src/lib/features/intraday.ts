/**
 * Intraday features from stored minute bars (timeframe '1m', each bar's ts its start), regular session only
 * (09:30 <= start < 16:00 New York). A daily row at session t takes the LAST minute session on or before t's date,
 * and none older than INTRADAY_MAX_AGE daily bars (stale intraday data is missing, not carried forward for ever);
 * minute bars of later dates are never read. Missing: NaN (gbdt/rf route it, logistic/mlp impute the mean).
 */
import type { BarSeries } from '../types.js';
import { formatUtcDate, nyTime } from '../time.js';
import { nanArray } from './series-util.js';

export const INTRADAY_FEATURE_NAMES = [
  'id_orb', // the session close vs the opening range (first 30 min): 1 above its high, -1 below its low, else 0
  'id_last_hour_ret', // session close / the price at 15:00 (close of the last bar starting before 15:00) - 1
  'id_rvol', // realised volatility: sqrt of the sum of squared 1-minute log returns of the session
  'id_vwap_dist', // session close / VWAP - 1, VWAP = sum(volume * (high + low + close)/3) / sum(volume)
] as const;

/** Daily bars back from t within which a minute session still counts (t itself and the 4 before it). */
export const INTRADAY_MAX_AGE = 5;

const DAY_MS = 86_400_000;
const MIN_MS = 60_000;

export interface IntradaySession {
  /** UTC day number of the session's date. */
  day: number;
  values: number[];
}

/** The regular-session statistics of one day's minute bars [from, to) (indices into m). */
function sessionStats(m: BarSeries, from: number, to: number, open: number): number[] {
  const orEnd = open + 30 * MIN_MS;
  const lastHour = open + 330 * MIN_MS; // 15:00
  let orHigh = -Infinity;
  let orLow = Infinity;
  let at1500 = NaN;
  let ss = 0;
  let pv = 0;
  let vol = 0;
  for (let i = from; i < to; i++) {
    const t = m.ts[i]!;
    if (t < orEnd) {
      orHigh = Math.max(orHigh, m.high[i]!);
      orLow = Math.min(orLow, m.low[i]!);
    }
    if (t < lastHour) at1500 = m.close[i]!;
    if (i > from) ss += Math.log(m.close[i]! / m.close[i - 1]!) ** 2;
    pv += (m.volume[i]! * (m.high[i]! + m.low[i]! + m.close[i]!)) / 3;
    vol += m.volume[i]!;
  }
  const close = m.close[to - 1]!;
  const orb = orHigh === -Infinity ? NaN : close > orHigh ? 1 : close < orLow ? -1 : 0;
  return [orb, close / at1500 - 1, to - from > 1 ? Math.sqrt(ss) : NaN, vol > 0 ? close / (pv / vol) - 1 : NaN];
}

/** One entry per date with regular-session minute bars, oldest first (m sorted by ts). */
export function intradaySessions(m: BarSeries): IntradaySession[] {
  const out: IntradaySession[] = [];
  let i = 0;
  const n = m.ts.length;
  while (i < n) {
    // The regular session (13:30–21:00 UTC in either offset) lies inside one UTC day, the New York date.
    const day = Math.floor(m.ts[i]! / DAY_MS);
    let end = i;
    while (end < n && Math.floor(m.ts[end]! / DAY_MS) === day) end++;
    const date = formatUtcDate(day * DAY_MS);
    const open = nyTime(date, 9, 30);
    const close = nyTime(date, 16, 0);
    let a = i;
    while (a < end && m.ts[a]! < open) a++;
    let b = a;
    while (b < end && m.ts[b]! < close) b++;
    if (b > a) out.push({ day, values: sessionStats(m, a, b, open) });
    i = end;
  }
  return out;
}

/** The INTRADAY_FEATURE_NAMES columns aligned to the daily bars (NaN where no recent minute session). */
export function intradayColumns(daily: Pick<BarSeries, 'ts'>, minute: BarSeries | undefined): Float64Array[] {
  const n = daily.ts.length;
  const cols = INTRADAY_FEATURE_NAMES.map(() => nanArray(n));
  if (!minute || minute.ts.length === 0) return cols;
  const sessions = intradaySessions(minute);
  // Daily bars are stamped at 00:00 New York, which is within the same UTC day.
  const dayOf = (i: number) => Math.floor(daily.ts[i]! / DAY_MS);
  let s = -1;
  for (let t = 0; t < n; t++) {
    while (s + 1 < sessions.length && sessions[s + 1]!.day <= dayOf(t)) s++;
    if (s < 0) continue;
    const oldest = dayOf(Math.max(0, t - INTRADAY_MAX_AGE + 1));
    const session = sessions[s]!;
    if (session.day < oldest) continue;
    session.values.forEach((v, j) => (cols[j]![t] = v));
  }
  return cols;
}
