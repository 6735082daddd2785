/**
 * Historical value at risk and expected shortfall (pure). The book's profit and loss of each past session is what
 * its current holdings would have made on that session's returns (historical simulation, point in time: only
 * returns up to the as-of session). Losses are that P&L negated.
 *   VaR_c = the c-quantile of the losses, linearly interpolated between order statistics: numpy.percentile(losses,
 *           100·c) with its default method 'linear' (position (n − 1)·c in the sorted losses);
 *   ES_c  = the mean of the losses at or above VaR_c.
 * Both in dollars, positive = a loss.
 */

export interface VarLevel {
  confidence: number;
  var: number;
  es: number;
}

/** numpy.percentile(x, 100·q) with method 'linear' on a copy of x. */
export function linearQuantile(x: ArrayLike<number>, q: number): number {
  const s = Float64Array.from(x).sort();
  if (s.length === 0) return Number.NaN;
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo]! + (h - lo) * (s[hi]! - s[lo]!);
}

export function historicalVar(pnl: ArrayLike<number>, confidence: number): VarLevel {
  const losses = Float64Array.from(pnl, (p) => -p);
  const v = linearQuantile(losses, confidence);
  let sum = 0;
  let n = 0;
  for (const l of losses) {
    if (l >= v) {
      sum += l;
      n++;
    }
  }
  return { confidence, var: v, es: n ? sum / n : Number.NaN };
}
