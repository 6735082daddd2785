import { UsageError } from '../errors.js';

/**
 * TA-Lib's "is zero" band (ta_utility.h, TA_EPSILON of the 0.6 sources). TA-Lib uses it to avoid
 * dividing by a vanishing denominator (RSI, DI, DX, ADX) and to clamp a negative rounding residue
 * of the variance before sqrt (STDDEV, BBANDS). It only matters for flat price windows.
 */
export const TA_EPSILON = 1e-14;

export function isZero(v: number): boolean {
  return -TA_EPSILON < v && v < TA_EPSILON;
}

/** A Float64Array of length n filled with NaN (the warm-up marker). */
export function nanArray(n: number): Float64Array {
  return new Float64Array(n).fill(Number.NaN);
}

/**
 * A Float64Array of length n whose first `prefix` slots are NaN (the warm-up) and the rest 0, for
 * an indicator that writes every later slot itself: it spares a NaN fill of the whole array.
 */
export function nanPrefixArray(n: number, prefix: number): Float64Array {
  return new Float64Array(n).fill(Number.NaN, 0, Math.min(prefix, n));
}

/** Throws UsageError unless `period` is an integer >= min. */
export function requirePeriod(name: string, period: number, min = 1): void {
  if (!Number.isInteger(period) || period < min) {
    throw new UsageError(`${name}: period must be an integer >= ${min}, got ${period}`);
  }
}

/** Throws UsageError unless every input has the same length (one bar per index). */
export function requireSameLength(name: string, ...inputs: Float64Array[]): number {
  const n = inputs[0]?.length ?? 0;
  for (const a of inputs) {
    if (a.length !== n) throw new UsageError(`${name}: inputs have different lengths (${n} vs ${a.length})`);
  }
  return n;
}
