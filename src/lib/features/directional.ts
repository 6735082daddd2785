import { isZero, nanArray, requirePeriod, requireSameLength } from './series-util.js';
import { trueRangeAt } from './volatility.js';

export interface DirectionalMovement {
  plusDI: Float64Array;
  minusDI: Float64Array;
  dx: Float64Array;
  adx: Float64Array;
}

/**
 * Wilder's directional movement system in one pass, reproducing TA-Lib's PLUS_DI, MINUS_DI, DX and
 * ADX (ta_PLUS_DI.c, ta_MINUS_DI.c, ta_DX.c, ta_ADX.c; unstable period 0).
 *  +DM = up move (h - h_prev) when it exceeds the down move (l_prev - l) and is > 0, else 0; -DM mirrored.
 *  The DM and TR sums are seeded with the SUM over bars 1..n-1, then smoothed Wilder-style
 *  s = s - s/n + x from bar n on; DI = 100*sDM/sTR (0 when sTR vanishes). First DI/DX at bar n.
 *  DX = 100*|+DI - -DI|/(+DI + -DI); when undefined TA-Lib repeats the previous DX (0 at the first bar).
 *  ADX: first at bar 2n-1 = mean of DX over bars n..2n-1, then adx = (adx*(n-1) + dx)/n; an undefined
 *  DX leaves ADX unchanged. (Tulip's ADX starts one bar earlier.)
 */
export function directionalMovement(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  n = 14,
): DirectionalMovement {
  requirePeriod('DMI', n, 2);
  const len = requireSameLength('DMI', high, low, close);
  const out: DirectionalMovement = {
    plusDI: nanArray(len),
    minusDI: nanArray(len),
    dx: nanArray(len),
    adx: nanArray(len),
  };
  if (len <= n) return out;
  let plusDM = 0;
  let minusDM = 0;
  let tr = 0;
  let sumDX = 0;
  let adx = 0;
  let prevDX = 0;
  for (let i = 1; i < len; i++) {
    const diffP = high[i]! - high[i - 1]!;
    const diffM = low[i - 1]! - low[i]!;
    const range = trueRangeAt(high[i]!, low[i]!, close[i - 1]!);
    if (i < n) {
      if (diffM > 0 && diffP < diffM) minusDM += diffM;
      else if (diffP > 0 && diffP > diffM) plusDM += diffP;
      tr += range;
      continue;
    }
    minusDM -= minusDM / n;
    plusDM -= plusDM / n;
    if (diffM > 0 && diffP < diffM) minusDM += diffM;
    else if (diffP > 0 && diffP > diffM) plusDM += diffP;
    tr = tr - tr / n + range;
    let dxNow = Number.NaN;
    if (!isZero(tr)) {
      const minus = 100.0 * (minusDM / tr);
      const plus = 100.0 * (plusDM / tr);
      out.minusDI[i] = minus;
      out.plusDI[i] = plus;
      const sum = minus + plus;
      if (!isZero(sum)) dxNow = 100.0 * (Math.abs(minus - plus) / sum);
    } else {
      out.minusDI[i] = 0;
      out.plusDI[i] = 0;
    }
    const defined = !Number.isNaN(dxNow);
    prevDX = defined ? dxNow : i === n ? 0 : prevDX;
    out.dx[i] = prevDX;
    if (i < 2 * n - 1) {
      if (defined) sumDX += dxNow;
    } else if (i === 2 * n - 1) {
      if (defined) sumDX += dxNow;
      adx = sumDX / n;
      out.adx[i] = adx;
    } else {
      if (defined) adx = (adx * (n - 1) + dxNow) / n;
      out.adx[i] = adx;
    }
  }
  return out;
}

/** ADX(n), TA-Lib TA_ADX. First value at bar 2n-1. */
export function adx(high: Float64Array, low: Float64Array, close: Float64Array, n = 14): Float64Array {
  return directionalMovement(high, low, close, n).adx;
}
