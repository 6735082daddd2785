/**
 * The return moments the statistics need, for daily bars where each bar is its own day (so the day returns are
 * the bar returns): one pass over the bars for the geometric mean, the downside deviation and beta's sums, one
 * more for the variance, with no array of returns or of logs allocated. The same formulas, in the same order of
 * summation, as the general path in stats.ts (periodicReturns → geometricMean, varianceDdof1, beta).
 */
import { lnRatio } from './periodic-returns.js';

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

export function barMoments(equity: Float64Array, benchmark: Float64Array): ReturnMoments {
  const k = equity.length - 1;
  let sr = 0;
  let down = 0;
  let logSum = 0;
  let ruined = false;
  let sx = 0;
  let sy = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 1; i <= k; i++) {
    const q = equity[i]! / equity[i - 1]!;
    const r = q - 1;
    sr += r;
    const m = Math.min(r, 0);
    down += m * m;
    const x = lnRatio(q);
    const y = lnRatio(benchmark[i]! / benchmark[i - 1]!);
    sx += x;
    sy += y;
    sxy += x * y;
    syy += y * y;
    if (r + 1 <= 0) ruined = true;
    else if (r === r) logSum += x; // a NaN return counts as 0
  }
  let variance = Number.NaN;
  if (k >= 2) {
    const mean = sr / k;
    let s2 = 0;
    for (let i = 1; i <= k; i++) {
      const d = equity[i]! / equity[i - 1]! - 1 - mean;
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
