import { nanArray, requirePeriod, requireSameLength } from './series-util.js';

/**
 * On-balance volume, TA-Lib TA_OBV: OBV[0] = volume[0] (Tulip starts at 0), then add the bar's
 * volume on an up close, subtract it on a down close, keep it on an unchanged close.
 */
export function obv(close: Float64Array, volume: Float64Array): Float64Array {
  const len = requireSameLength('OBV', close, volume);
  const out = new Float64Array(len);
  if (len === 0) return out;
  let acc = volume[0]!;
  out[0] = acc;
  for (let i = 1; i < len; i++) {
    const c = close[i]!;
    const prev = close[i - 1]!;
    if (c > prev) acc += volume[i]!;
    else if (c < prev) acc -= volume[i]!;
    out[i] = acc;
  }
  return out;
}

/**
 * Scale-free OBV slope: (OBV_t - OBV_{t-n}) / (sum of volume over bars t-n+1..t), i.e. the net share
 * of the last n bars' volume that traded on up closes minus down closes, in [-1, 1].
 * First value at bar n; NaN when the n bars traded no volume.
 */
export function obvSlope(close: Float64Array, volume: Float64Array, n = 20): Float64Array {
  requirePeriod('OBV slope', n);
  const len = requireSameLength('OBV slope', close, volume);
  const out = nanArray(len);
  let net = 0;
  let total = 0;
  for (let i = 1; i < len; i++) {
    const dir = close[i]! > close[i - 1]! ? 1 : close[i]! < close[i - 1]! ? -1 : 0;
    net += dir * volume[i]!;
    total += volume[i]!;
    if (i > n) {
      const j = i - n;
      const oldDir = close[j]! > close[j - 1]! ? 1 : close[j]! < close[j - 1]! ? -1 : 0;
      net -= oldDir * volume[j]!;
      total -= volume[j]!;
    }
    if (i >= n) out[i] = total > 0 ? net / total : Number.NaN;
  }
  return out;
}

/**
 * Relative volume: volume_t / mean(volume over the PREVIOUS n bars, t-n..t-1). Today's bar is left
 * out of its own baseline so a volume spike is not diluted by itself. First value at bar n;
 * NaN when the baseline is 0 (no trading in the window).
 */
export function relativeVolume(volume: Float64Array, n = 20): Float64Array {
  requirePeriod('relative volume', n);
  const len = volume.length;
  const out = nanArray(len);
  let sum = 0;
  for (let i = 0; i < len; i++) {
    if (i >= n) {
      const baseline = sum / n;
      out[i] = baseline > 0 ? volume[i]! / baseline : Number.NaN;
      sum -= volume[i - n]!;
    }
    sum += volume[i]!;
  }
  return out;
}
