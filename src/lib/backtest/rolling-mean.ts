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
