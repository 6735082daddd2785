import { sma } from './moving-average.js';
import { rollingMax, rollingMin } from './rolling.js';
import { nanArray, requirePeriod, requireSameLength } from './series-util.js';

/**
 * Raw stochastic %K: 100*(close - LL_n)/(HH_n - LL_n) over the n bars ending at t (first value at
 * bar n-1). Written as (close - LL)/((HH - LL)/100) like ta_STOCH.c so the doubles match; 0 when
 * the range is empty (TA-Lib's choice).
 */
export function fastK(high: Float64Array, low: Float64Array, close: Float64Array, n: number): Float64Array {
  requirePeriod('STOCH fastK', n);
  const len = requireSameLength('STOCH', high, low, close);
  const hh = rollingMax(high, n);
  const ll = rollingMin(low, n);
  const out = nanArray(len);
  for (let i = n - 1; i < len; i++) {
    const diff = (hh[i]! - ll[i]!) / 100.0;
    out[i] = diff !== 0 ? (close[i]! - ll[i]!) / diff : 0;
  }
  return out;
}

export interface Stoch {
  k: Float64Array;
  d: Float64Array;
}

/**
 * Slow stochastic, TA-Lib TA_STOCH with SMA smoothing: slowK = SMA(fastK, slowKPeriod),
 * slowD = SMA(slowK, slowDPeriod). Like TA-Lib, both outputs start at the same bar,
 * (fastK-1)+(slowK-1)+(slowD-1) = 17 for (14,3,3); slowK is NaN before it too.
 */
export function stoch(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  fastKPeriod = 14,
  slowKPeriod = 3,
  slowDPeriod = 3,
): Stoch {
  requirePeriod('STOCH slowK', slowKPeriod);
  requirePeriod('STOCH slowD', slowDPeriod);
  const raw = fastK(high, low, close, fastKPeriod);
  const slowK = sma(raw, slowKPeriod, fastKPeriod - 1);
  const slowD = sma(slowK, slowDPeriod, fastKPeriod - 1 + slowKPeriod - 1);
  const first = fastKPeriod - 1 + slowKPeriod - 1 + slowDPeriod - 1;
  slowK.fill(Number.NaN, 0, Math.min(first, slowK.length));
  return { k: slowK, d: slowD };
}

/**
 * Fast stochastic, TA-Lib TA_STOCHF with SMA smoothing: fastK and fastD = SMA(fastK, fastDPeriod),
 * both starting at bar (fastK-1)+(fastD-1) (15 for (14,3)).
 */
export function stochf(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  fastKPeriod = 14,
  fastDPeriod = 3,
): Stoch {
  requirePeriod('STOCHF fastD', fastDPeriod);
  const k = fastK(high, low, close, fastKPeriod);
  const d = sma(k, fastDPeriod, fastKPeriod - 1);
  k.fill(Number.NaN, 0, Math.min(fastKPeriod - 1 + fastDPeriod - 1, k.length));
  return { k, d };
}
