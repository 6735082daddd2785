import { nanArray, requirePeriod } from './series-util.js';

/**
 * Simple moving average, TA-Lib TA_SMA: mean of the last n values; first value at start+n-1.
 * `start` skips a NaN prefix (a warm-up of an upstream indicator) so the running sum starts
 * exactly where TA-Lib's would when it chains MAs (STOCH slow %K/%D).
 * The running-sum order (add the new value, divide, drop the trailing one) mirrors ta_SMA.c so
 * the doubles are bit-identical.
 */
export function sma(x: Float64Array, n: number, start = 0): Float64Array {
  requirePeriod('SMA', n);
  const len = x.length;
  const out = nanArray(len);
  const first = start + n - 1;
  if (first >= len) return out;
  let sum = 0;
  for (let i = start; i < first; i++) sum += x[i]!;
  let trailing = start;
  for (let i = first; i < len; i++) {
    sum += x[i]!;
    out[i] = sum / n;
    sum -= x[trailing++]!;
  }
  return out;
}

/** TA-Lib's smoothing constant for an n-period EMA (PER_TO_K). */
export function emaK(n: number): number {
  return 2 / (n + 1);
}

/**
 * EMA whose seed is the simple mean of the n values ending at `seedAt` (TA_INT_EMA with
 * startIdx = seedAt); values before seedAt are NaN. TA-Lib's MACD seeds both EMAs at the slow
 * EMA's first bar, which is why this is separate from `ema`.
 */
function emaSeededAt(x: Float64Array, n: number, k: number, seedAt: number): Float64Array {
  const len = x.length;
  const out = nanArray(len);
  if (seedAt >= len || seedAt - n + 1 < 0) return out;
  let sum = 0;
  for (let i = seedAt - n + 1; i <= seedAt; i++) sum += x[i]!;
  let prev = sum / n;
  out[seedAt] = prev;
  for (let i = seedAt + 1; i < len; i++) {
    prev = (x[i]! - prev) * k + prev;
    out[i] = prev;
  }
  return out;
}

/**
 * Exponential moving average, TA-Lib TA_EMA (default compatibility): k = 2/(n+1), seeded with
 * the SMA of the first n values at bar n-1 (first value), then ema = (x - ema)*k + ema.
 * (Tulip seeds with x[0] instead; early values differ, later ones converge.)
 */
export function ema(x: Float64Array, n: number, start = 0): Float64Array {
  requirePeriod('EMA', n);
  return emaSeededAt(x, n, emaK(n), start + n - 1);
}
