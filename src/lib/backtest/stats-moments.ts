/**
 * The return moments the statistics need, for daily bars where each bar is its own day (so the day returns are
 * the bar returns): one pass over the bars for the geometric mean, the downside deviation and beta's sums, one
 * more for the variance, with no array of returns or of logs allocated. The same formulas, in the same order of
 * summation, as the general path in stats.ts (periodicReturns → geometricMean, varianceDdof1, beta).
 */
import { atanhSeries, NEAR } from './periodic-returns.js';

export interface ReturnMoments {
  /** backtesting.py geometric_mean of the returns (0 after a return ≤ −100 %, NaN returns count as 0). */
  g: number;
  /** Sample variance (ddof 1) of the returns. */
  variance: number;
  /** √(mean of min(r, 0)²). */
  downside: number;
  /** cov(x, y) / var(y) of the equity's and benchmark's log returns. */
  beta: number;
}

/** The bar returns of the last call, kept for the variance pass (grown, never shrunk). */
let returns = new Float64Array(0);

export function barMoments(equity: Float64Array, benchmark: Float64Array): ReturnMoments {
  const k = equity.length - 1;
  if (returns.length < k + 1) returns = new Float64Array(k + 1);
  const rs = returns;
  let sr = 0;
  let down = 0;
  let logSum = 0;
  let ruined = false;
  let sx = 0;
  let sy = 0;
  let sxy = 0;
  let syy = 0;
  let pe = k >= 0 ? equity[0]! : 0;
  let pb = k >= 0 ? benchmark[0]! : 0;
  for (let i = 1; i <= k; i++) {
    const e = equity[i]!;
    const b = benchmark[i]!;
    const q = e / pe;
    const r = q - 1;
    rs[i] = r;
    sr += r;
    const m = Math.min(r, 0);
    down += m * m;
    // lnQuotient(e, pe) and lnQuotient(b, pb), written out: V8 inlined only one of two calls, and a call that
    // is not inlined returns each log as a new heap number. Three divisions in flight per bar, none chained.
    const zx = (e - pe) / (e + pe);
    const zy = (b - pb) / (b + pb);
    const wx = zx * zx;
    const wy = zy * zy;
    const x = zx === 0 ? 0 : zx > -NEAR && zx < NEAR ? 2 * zx * atanhSeries(wx) : Math.log(e / pe);
    const y = zy === 0 ? 0 : zy > -NEAR && zy < NEAR ? 2 * zy * atanhSeries(wy) : Math.log(b / pb);
    sx += x;
    sy += y;
    sxy += x * y;
    syy += y * y;
    if (r + 1 <= 0) ruined = true;
    else if (r === r) logSum += x; // a NaN return counts as 0
    pe = e;
    pb = b;
  }
  let variance = Number.NaN;
  if (k >= 2) {
    const mean = sr / k;
    let s2 = 0;
    for (let i = 1; i <= k; i++) {
      const d = rs[i]! - mean;
      s2 += d * d;
    }
    variance = s2 / (k - 1);
  }
  return {
    g: k === 0 ? Number.NaN : ruined ? 0 : Math.exp(logSum / k) - 1,
    variance,
    downside: Math.sqrt(down / (k || Number.NaN)),
    beta: k < 2 ? Number.NaN : (sxy - (sx * sy) / k) / (syy - (sy * sy) / k),
  };
}
