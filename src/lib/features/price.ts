import { rollingMax, rollingMin } from './rolling.js';
import { nanArray, requireSameLength } from './series-util.js';

/** Trading days in a year: the window of the "52-week" high and low. */
export const BARS_PER_YEAR = 252;

/** Opening gap: open_t / close_{t-1} - 1 (positive = gap up). Bar 0 is NaN. */
export function gap(open: Float64Array, close: Float64Array): Float64Array {
  const len = requireSameLength('gap', open, close);
  const out = nanArray(len);
  for (let i = 1; i < len; i++) out[i] = open[i]! / close[i - 1]! - 1;
  return out;
}

/**
 * Distance of the close from the highest HIGH of the n bars ending today (today included):
 * close_t / max(high_{t-n+1..t}) - 1, so <= 0 and 0 at a new high. First value at bar n-1.
 */
export function distanceFromHigh(high: Float64Array, close: Float64Array, n = BARS_PER_YEAR): Float64Array {
  const len = requireSameLength('distance from high', high, close);
  const hh = rollingMax(high, n);
  for (let i = n - 1; i < len; i++) hh[i] = close[i]! / hh[i]! - 1;
  return hh;
}

/**
 * Distance of the close from the lowest LOW of the n bars ending today (today included):
 * close_t / min(low_{t-n+1..t}) - 1, so >= 0 and 0 at a new low. First value at bar n-1.
 */
export function distanceFromLow(low: Float64Array, close: Float64Array, n = BARS_PER_YEAR): Float64Array {
  const len = requireSameLength('distance from low', low, close);
  const ll = rollingMin(low, n);
  for (let i = n - 1; i < len; i++) ll[i] = close[i]! / ll[i]! - 1;
  return ll;
}
