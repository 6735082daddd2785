import { UsageError } from '../errors.js';

/**
 * Simple moving average computed exactly as pandas' `Series.rolling(n).mean()` (pandas 1.5,
 * pandas/_libs/window/aggregations.pyx `roll_mean`): a running sum with separate Kahan
 * compensations for values added and removed, and the GH#42064 rule that a window of identical
 * values returns that value. backtesting.py's test strategy uses this SMA, so crossovers of nearly
 * equal averages only reproduce bit for bit with the same summation. NaN for the first n-1 bars.
 */
export function rollingMean(values: Float64Array, n: number): Float64Array {
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`SMA period must be a positive integer, got ${n}`);
  const len = values.length;
  const out = new Float64Array(len);
  let nobs = 0;
  let negCt = 0;
  let sum = 0;
  let compAdd = 0;
  let compRemove = 0;
  let sameCount = 0;
  let prev = len > 0 ? values[0]! : 0;
  for (let i = 0; i < len; i++) {
    if (i >= n) {
      const val = values[i - n]!;
      if (val === val) {
        nobs--;
        const y = -val - compRemove;
        const t = sum + y;
        compRemove = t - sum - y;
        sum = t;
        if (val < 0 || (val === 0 && 1 / val < 0)) negCt--; // signbit
      }
    }
    const val = values[i]!;
    if (val === val) {
      nobs++;
      const y = val - compAdd;
      const t = sum + y;
      compAdd = t - sum - y;
      sum = t;
      if (val < 0 || (val === 0 && 1 / val < 0)) negCt++;
      sameCount = val === prev ? sameCount + 1 : 1;
      prev = val;
    }
    let result = Number.NaN;
    if (nobs >= n && nobs > 0) {
      result = sum / nobs;
      if (sameCount >= nobs) result = prev;
      else if (negCt === 0 && result < 0) result = 0;
      else if (negCt === nobs && result > 0) result = 0;
    }
    out[i] = result;
  }
  return out;
}

/**
 * rollingMean(values, n1) and rollingMean(values, n2) in one pass, bit for bit: the same operations
 * per window, interleaved so the two compensated sums advance side by side (a crossover strategy
 * needs both, and each sum is a chain of dependent additions). Prices are all positive, which
 * makes most of pandas' bookkeeping constant: that case runs a leaner loop.
 */
export function rollingMeanPair(values: Float64Array, n1: number, n2: number): [Float64Array, Float64Array] {
  if (!Number.isInteger(n1) || n1 < 1) throw new UsageError(`SMA period must be a positive integer, got ${n1}`);
  if (!Number.isInteger(n2) || n2 < 1) throw new UsageError(`SMA period must be a positive integer, got ${n2}`);
  const out1 = new Float64Array(values.length);
  const out2 = new Float64Array(values.length);
  if (positiveMeans(values, n1, n2, out1, out2) < 0) {
    out1.set(rollingMean(values, n1));
    out2.set(rollingMean(values, n2));
  }
  return [out1, out2];
}

/**
 * Where rollingMean(values, fast) crosses rollingMean(values, slow), without keeping the means
 * (for callers that only need the crossings): cross[t] = up when fast[t-1] < slow[t-1] and
 * fast[t] > slow[t] (backtesting.lib.crossover), `down` for the reverse, 0 elsewhere; `warmup` is
 * the larger count of leading NaN means (backtesting.py's `np.isnan(x).argmin()`, 0 if all NaN).
 * The same numbers as computing both means first; null unless every value is > 0 (then use
 * rollingMeanPair).
 */
export function meanCrossings(
  values: Float64Array,
  fast: number,
  slow: number,
  up: number,
  down: number,
): { cross: Int8Array; warmup: number } | null {
  if (!Number.isInteger(fast) || fast < 1) throw new UsageError(`SMA period must be a positive integer, got ${fast}`);
  if (!Number.isInteger(slow) || slow < 1) throw new UsageError(`SMA period must be a positive integer, got ${slow}`);
  const cross = new Int8Array(values.length);
  const lead = positiveCrossings(values, fast, slow, cross, up, down);
  return lead < 0 ? null : { cross, warmup: lead };
}

/**
 * positiveMeans' loop writing only the crossings (the same floats, compared as meanCrossings says).
 * A separate copy rather than optional outputs in one loop: with null checks on its outputs V8
 * compiles the shared loop about half again slower.
 */
function positiveCrossings(
  values: Float64Array,
  n1: number,
  n2: number,
  cross: Int8Array,
  up: number,
  down: number,
): number {
  const len = values.length;
  let sum1 = 0;
  let add1 = 0;
  let rem1 = 0;
  let sum2 = 0;
  let add2 = 0;
  let rem2 = 0;
  let sameCount = 0;
  let prev = len > 0 ? values[0]! : 0;
  let m1 = Number.NaN;
  let m2 = Number.NaN;
  let lead1 = -1;
  let lead2 = -1;
  for (let i = 0; i < len; i++) {
    const val = values[i]!;
    if (!(val > 0)) return -1;
    if (i >= n1) {
      const y = -values[i - n1]! - rem1;
      const t = sum1 + y;
      rem1 = t - sum1 - y;
      sum1 = t;
    }
    if (i >= n2) {
      const y = -values[i - n2]! - rem2;
      const t = sum2 + y;
      rem2 = t - sum2 - y;
      sum2 = t;
    }
    const y1 = val - add1;
    const t1 = sum1 + y1;
    add1 = t1 - sum1 - y1;
    sum1 = t1;
    const y2 = val - add2;
    const t2 = sum2 + y2;
    add2 = t2 - sum2 - y2;
    sum2 = t2;
    sameCount = val === prev ? sameCount + 1 : 1;
    prev = val;
    const a = i < n1 - 1 ? Number.NaN : sameCount >= n1 ? prev : atLeastZero(sum1 / n1);
    const b = i < n2 - 1 ? Number.NaN : sameCount >= n2 ? prev : atLeastZero(sum2 / n2);
    // At i = 0, m1 and m2 are NaN: no crossing.
    if (m1 < m2 && a > b) cross[i] = up;
    else if (m2 < m1 && b > a) cross[i] = down;
    if (lead1 < 0 && a === a) lead1 = i;
    if (lead2 < 0 && b === b) lead2 = i;
    m1 = a;
    m2 = b;
  }
  return Math.max(lead1 < 0 ? 0 : lead1, lead2 < 0 ? 0 : lead2);
}

/**
 * rollingMean's loop for two windows when every value is > 0: no NaN is skipped, so the count of
 * values in a full window is its length; no value is negative or −0, so only the "mean < 0 → 0"
 * rule can apply. Writes the means to out1/out2; returns the larger count of leading NaN means, or
 * −1 (outputs partly written) on the first value that is not > 0.
 */
function positiveMeans(values: Float64Array, n1: number, n2: number, out1: Float64Array, out2: Float64Array): number {
  const len = values.length;
  let sum1 = 0;
  let add1 = 0;
  let rem1 = 0;
  let sum2 = 0;
  let add2 = 0;
  let rem2 = 0;
  let sameCount = 0;
  let prev = len > 0 ? values[0]! : 0;
  let lead1 = -1;
  let lead2 = -1;
  for (let i = 0; i < len; i++) {
    const val = values[i]!;
    if (!(val > 0)) return -1;
    if (i >= n1) {
      const y = -values[i - n1]! - rem1;
      const t = sum1 + y;
      rem1 = t - sum1 - y;
      sum1 = t;
    }
    if (i >= n2) {
      const y = -values[i - n2]! - rem2;
      const t = sum2 + y;
      rem2 = t - sum2 - y;
      sum2 = t;
    }
    const y1 = val - add1;
    const t1 = sum1 + y1;
    add1 = t1 - sum1 - y1;
    sum1 = t1;
    const y2 = val - add2;
    const t2 = sum2 + y2;
    add2 = t2 - sum2 - y2;
    sum2 = t2;
    sameCount = val === prev ? sameCount + 1 : 1;
    prev = val;
    const a = i < n1 - 1 ? Number.NaN : sameCount >= n1 ? prev : atLeastZero(sum1 / n1);
    const b = i < n2 - 1 ? Number.NaN : sameCount >= n2 ? prev : atLeastZero(sum2 / n2);
    out1[i] = a;
    out2[i] = b;
    if (lead1 < 0 && a === a) lead1 = i;
    if (lead2 < 0 && b === b) lead2 = i;
  }
  return Math.max(lead1 < 0 ? 0 : lead1, lead2 < 0 ? 0 : lead2);
}

/** pandas' clamp of a mean of non-negative values (unlike Math.max, keeps −0 and NaN as they are). */
function atLeastZero(mean: number): number {
  return mean < 0 ? 0 : mean;
}
