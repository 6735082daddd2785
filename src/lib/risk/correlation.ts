/**
 * Return correlation between two symbols, point in time: only closes at or before the as-of session count.
 * Returns are simple daily returns (close / previous close − 1) over the sessions both symbols have a close, so a
 * bar missing in one series never pairs a one-day return with a two-day one.
 */

export interface CloseSeries {
  /** Session stamps (epoch ms), ascending. */
  ts: ArrayLike<number>;
  close: ArrayLike<number>;
}

export interface ReturnCorrelation {
  /** Pearson correlation of the two return series. */
  value: number;
  /** Returns it was computed over (= the window when enough history exists). */
  sessions: number;
}

/**
 * Pearson correlation of the last `sessions` daily returns up to `asOfTs` (inclusive), or null when the two
 * symbols share fewer than `sessions` returns (too little common history to judge) or one series is flat.
 */
export function returnCorrelation(
  a: CloseSeries,
  b: CloseSeries,
  asOfTs: number,
  sessions: number,
): ReturnCorrelation | null {
  const [ca, cb] = commonCloses(a, b, asOfTs);
  const n = ca.length - 1;
  if (n < sessions || sessions < 2) return null;
  const ra = new Float64Array(sessions);
  const rb = new Float64Array(sessions);
  for (let k = 0; k < sessions; k++) {
    const i = n - sessions + k + 1;
    ra[k] = ca[i]! / ca[i - 1]! - 1;
    rb[k] = cb[i]! / cb[i - 1]! - 1;
  }
  const value = pearson(ra, rb);
  return Number.isFinite(value) ? { value, sessions } : null;
}

/** Pearson's r: Σ(x−x̄)(y−ȳ) / √(Σ(x−x̄)² Σ(y−ȳ)²). NaN when either series has no variance. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Number.NaN;
}

/** Closes of the sessions (≤ asOfTs) where both series have a positive close, oldest first. */
function commonCloses(a: CloseSeries, b: CloseSeries, asOfTs: number): [number[], number[]] {
  const ca: number[] = [];
  const cb: number[] = [];
  let j = 0;
  for (let i = 0; i < a.ts.length && a.ts[i]! <= asOfTs; i++) {
    while (j < b.ts.length && b.ts[j]! < a.ts[i]!) j++;
    if (j >= b.ts.length) break;
    if (b.ts[j] !== a.ts[i]) continue;
    const x = a.close[i]!;
    const y = b.close[j]!;
    if (x > 0 && y > 0) {
      ca.push(x);
      cb.push(y);
    }
  }
  return [ca, cb];
}
