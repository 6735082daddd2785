/**
 * Market regime of a universe, per session, point-in-time (every value at session t uses bars up to t only).
 * The index is equal-weight: each session's return is the mean of the daily returns (close / previous close − 1)
 * of the symbols that have one that session, compounded from 1. Trend: up when the index closes strictly above
 * its 200-session simple average, down otherwise. Volatility: the index's 20-session realised volatility
 * (sample standard deviation of its daily returns, annualised by √252), and its percentile within its own
 * history up to the session (the share of the values so far, this one included, that are ≤ it).
 */
export const REGIME_TREND_SESSIONS = 200;
export const REGIME_VOL_SESSIONS = 20;
/** Fewer volatility values than this give no percentile (a first value would be its own 100th percentile). */
export const REGIME_VOL_MIN_HISTORY = 20;

export type Trend = 'up' | 'down';

export interface RegimeSeries {
  /** The union of the symbols' session timestamps, ascending. */
  ts: Float64Array;
  index: Float64Array;
  sma: Float64Array;
  vol: Float64Array;
  volPct: Float64Array;
  /** Symbols with a return that session. */
  symbols: Int32Array;
}

export interface RegimeState {
  trend: Trend | null;
  volPct: number | null;
}

export interface RegimeWindows {
  trendSessions: number;
  volSessions: number;
  volMinHistory: number;
}

const DEFAULT_WINDOWS: RegimeWindows = {
  trendSessions: REGIME_TREND_SESSIONS,
  volSessions: REGIME_VOL_SESSIONS,
  volMinHistory: REGIME_VOL_MIN_HISTORY,
};

export function computeRegime(
  series: ReadonlyArray<{ ts: Float64Array; close: Float64Array }>,
  w: RegimeWindows = DEFAULT_WINDOWS,
): RegimeSeries {
  const ts = unionSorted(series.map((s) => s.ts));
  const pos = new Map<number, number>();
  ts.forEach((t, i) => pos.set(t, i));
  const n = ts.length;
  const sum = new Float64Array(n);
  const symbols = new Int32Array(n);
  for (const s of series)
    for (let i = 1; i < s.ts.length; i++) {
      const r = s.close[i]! / s.close[i - 1]! - 1;
      if (!Number.isFinite(r)) continue;
      const k = pos.get(s.ts[i]!)!;
      sum[k]! += r;
      symbols[k]! += 1;
    }
  const ret = Float64Array.from(sum, (v, i) => (symbols[i]! > 0 ? v / symbols[i]! : 0));
  const index = new Float64Array(n);
  for (let i = 0; i < n; i++) index[i] = (i === 0 ? 1 : index[i - 1]!) * (1 + (i === 0 ? 0 : ret[i]!));
  const sma = new Float64Array(n).fill(NaN);
  let window = 0;
  for (let i = 0; i < n; i++) {
    window += index[i]!;
    if (i >= w.trendSessions) window -= index[i - w.trendSessions]!;
    if (i >= w.trendSessions - 1) sma[i] = window / w.trendSessions;
  }
  const vol = new Float64Array(n).fill(NaN);
  // The first return is at session 1, so the first full window of returns ends at session volSessions.
  for (let i = w.volSessions; i < n; i++) vol[i] = sampleStd(ret, i - w.volSessions + 1, i + 1) * Math.sqrt(252);
  return { ts, index, sma, vol, volPct: percentileSoFar(vol, w.volMinHistory), symbols };
}

/** The distinct values of every (ascending) array, ascending: pairwise merges, nothing to do for a repeated calendar. */
function unionSorted(arrays: readonly Float64Array[]): Float64Array {
  let union: Float64Array = new Float64Array(0);
  for (const a of arrays) {
    if (a.length === union.length && a.every((v, i) => v === union[i])) continue;
    union = mergeDistinct(union, a);
  }
  return union;
}

function mergeDistinct(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  let [i, j, n] = [0, 0, 0];
  while (i < a.length || j < b.length) {
    const v = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!;
    if (n === 0 || out[n - 1] !== v) out[n++] = v;
  }
  return out.slice(0, n);
}

/** The share of the finite values up to each position (included) that are ≤ the value there. */
function percentileSoFar(x: Float64Array, minHistory: number): Float64Array {
  const out = new Float64Array(x.length).fill(NaN);
  const seen: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!Number.isFinite(v)) continue;
    seen.push(v);
    if (seen.length < minHistory) continue;
    let below = 0;
    for (const s of seen) if (s <= v) below++;
    out[i] = below / seen.length;
  }
  return out;
}

function sampleStd(x: Float64Array, from: number, to: number): number {
  let mean = 0;
  for (let i = from; i < to; i++) mean += x[i]!;
  mean /= to - from;
  let ss = 0;
  for (let i = from; i < to; i++) ss += (x[i]! - mean) ** 2;
  return Math.sqrt(ss / (to - from - 1));
}

/** The regime at position i: trend null before 200 sessions, volPct null before enough history. */
export function regimeAt(r: RegimeSeries, i: number): RegimeState {
  const sma = r.sma[i]!;
  const pct = r.volPct[i]!;
  return {
    trend: Number.isFinite(sma) ? (r.index[i]! > sma ? 'up' : 'down') : null,
    volPct: Number.isFinite(pct) ? pct : null,
  };
}

/** A high-volatility downtrend: trend down and the volatility percentile at or above `minVolPct`. */
export function isHighVolDowntrend(s: RegimeState, minVolPct = 0.8): boolean {
  return s.trend === 'down' && s.volPct !== null && s.volPct >= minVolPct;
}

/** "down, vol 85th pct" — for step lines, tables and CSV. */
export function describeRegime(s: RegimeState): string {
  const trend = s.trend ?? 'trend n/a (< 200 sessions)';
  const vol = s.volPct === null ? 'vol pct n/a' : `vol ${Math.round(s.volPct * 100)}th pct`;
  return `${trend}, ${vol}`;
}
