import { nanArray, requirePeriod } from './series-util.js';

/**
 * Rolling maximum over the n values ending at each bar (first value at bar n-1), in O(len)
 * with a monotonic index deque. The result equals TA-Lib's MAX/highest-high scan value for value.
 */
export function rollingMax(x: Float64Array, n: number): Float64Array {
  return rollingExtreme(x, n, true);
}

/** Rolling minimum over the n values ending at each bar (first value at bar n-1). */
export function rollingMin(x: Float64Array, n: number): Float64Array {
  return rollingExtreme(x, n, false);
}

function rollingExtreme(x: Float64Array, n: number, max: boolean): Float64Array {
  requirePeriod(max ? 'MAX' : 'MIN', n);
  const len = x.length;
  const out = nanArray(len);
  // deque[head..tail) holds the indices of the window's candidates, values monotonic
  // (non-increasing for max); each index enters and leaves once, hence O(len).
  const deque = new Int32Array(len);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < len; i++) {
    const v = x[i]!;
    if (max) while (tail > head && x[deque[tail - 1]!]! <= v) tail--;
    else while (tail > head && x[deque[tail - 1]!]! >= v) tail--;
    deque[tail++] = i;
    if (deque[head]! <= i - n) head++;
    if (i >= n - 1) out[i] = x[deque[head]!]!;
  }
  return out;
}

/**
 * Rolling standard deviation over the n values ending at each bar. `ddof` 0 = population (divide by
 * n), 1 = sample (divide by n-1). First value at start+n-1. Uses Welford's update (add a value, or
 * swap the oldest for the newest), which stays accurate when the mean is large relative to the
 * spread, where sum-of-squares running totals cancel catastrophically.
 */
export function rollingStd(x: Float64Array, n: number, ddof: 0 | 1, start = 0): Float64Array {
  requirePeriod('rolling std', n, ddof + 1);
  const len = x.length;
  const out = nanArray(len);
  let mean = 0;
  let m2 = 0; // sum of squared deviations from the mean
  for (let i = start; i < len; i++) {
    const v = x[i]!;
    const count = i - start + 1;
    if (count <= n) {
      const delta = v - mean;
      mean += delta / count;
      m2 += delta * (v - mean);
    } else {
      const old = x[i - n]!;
      const newMean = mean + (v - old) / n;
      m2 += (v - old) * (v - newMean + old - mean);
      mean = newMean;
    }
    if (count >= n) out[i] = m2 > 0 ? Math.sqrt(m2 / (n - ddof)) : 0;
  }
  return out;
}
