import { rollingStd } from './rolling.js';
import { TA_EPSILON, nanArray, nanPrefixArray, requirePeriod, requireSameLength } from './series-util.js';

/**
 * Population standard deviation over n bars times nbDev, TA-Lib TA_STDDEV (first value at n-1).
 * Variance = mean(x^2) - mean(x)^2 from running sums, in ta_INT_VAR's operation order; a variance
 * below TA_EPSILON (rounding residue of a flat window) gives 0.
 */
export function stddev(x: Float64Array, n = 5, nbDev = 1): Float64Array {
  requirePeriod('STDDEV', n);
  const len = x.length;
  const out = nanArray(len);
  if (n - 1 >= len) return out;
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < n - 1; i++) {
    const v = x[i]!;
    s1 += v;
    s2 += v * v;
  }
  let trailing = 0;
  for (let i = n - 1; i < len; i++) {
    const v = x[i]!;
    s1 += v;
    s2 += v * v;
    const mean1 = s1 / n;
    const mean2 = s2 / n;
    const old = x[trailing++]!;
    s1 -= old;
    s2 -= old * old;
    const variance = mean2 - mean1 * mean1;
    out[i] = variance < TA_EPSILON ? 0 : nbDev === 1 ? Math.sqrt(variance) : Math.sqrt(variance) * nbDev;
  }
  return out;
}

export interface Bollinger {
  upper: Float64Array;
  middle: Float64Array;
  lower: Float64Array;
}

/**
 * Bollinger bands, TA-Lib TA_BBANDS with an SMA middle: middle = SMA(n), bands = middle +/- k *
 * POPULATION std-dev (divide by n, as Bollinger and TA-Lib do). First value at n-1.
 */
export function bollinger(close: Float64Array, n = 20, nbDevUp = 2, nbDevDn = 2): Bollinger {
  requirePeriod('SMA', n);
  const len = close.length;
  const first = n - 1;
  const middle = nanPrefixArray(len, first);
  const upper = nanPrefixArray(len, first);
  const lower = nanPrefixArray(len, first);
  // One pass: SMA's running sum and STDDEV's first sum are the same additions in the same order, so
  // middle = s1/n is bit-identical to sma(close, n) and the band width to stddev(close, n).
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < first && i < len; i++) {
    const v = close[i]!;
    s1 += v;
    s2 += v * v;
  }
  let trailing = 0;
  for (let i = first; i < len; i++) {
    const v = close[i]!;
    s1 += v;
    s2 += v * v;
    const mean1 = s1 / n;
    const variance = s2 / n - mean1 * mean1;
    const old = close[trailing++]!;
    s1 -= old;
    s2 -= old * old;
    const sd = variance < TA_EPSILON ? 0 : Math.sqrt(variance);
    middle[i] = mean1;
    upper[i] = mean1 + sd * nbDevUp;
    lower[i] = mean1 - sd * nbDevDn;
  }
  return { upper, middle, lower };
}

/**
 * True range, TA-Lib TA_TRANGE: max(high-low, |close_prev-high|, |close_prev-low|).
 * Bar 0 has no previous close and is NaN (TA-Lib's first value is at bar 1).
 */
export function trueRange(high: Float64Array, low: Float64Array, close: Float64Array): Float64Array {
  const len = requireSameLength('TRANGE', high, low, close);
  const out = nanArray(len);
  for (let i = 1; i < len; i++) out[i] = trueRangeAt(high[i]!, low[i]!, close[i - 1]!);
  return out;
}

/** One bar's true range given the previous close (strict comparisons in TA-Lib's order). */
export function trueRangeAt(h: number, l: number, prevClose: number): number {
  let greatest = h - l;
  const up = Math.abs(prevClose - h);
  if (up > greatest) greatest = up;
  const down = Math.abs(prevClose - l);
  if (down > greatest) greatest = down;
  return greatest;
}

/**
 * Average true range (Wilder), TA-Lib TA_ATR: seeded at bar n with the mean of TR[1..n]
 * (bar 0's high-low is NOT used, unlike Tulip/StockCharts), then atr = (atr*(n-1) + tr)/n.
 */
export function atr(high: Float64Array, low: Float64Array, close: Float64Array, n = 14): Float64Array {
  requirePeriod('ATR', n);
  if (n === 1) return trueRange(high, low, close);
  const len = requireSameLength('TRANGE', high, low, close);
  if (n >= len) return nanArray(len);
  // One pass, the true range computed in place (no TR array): same values, one read of each column.
  const out = nanPrefixArray(len, n);
  let sum = 0;
  for (let i = 1; i <= n; i++) sum += trueRangeAt(high[i]!, low[i]!, close[i - 1]!);
  let prev = sum / n;
  out[n] = prev;
  const m = n - 1;
  let prevClose = close[n]!;
  for (let i = n + 1; i < len; i++) {
    const h = high[i]!;
    const l = low[i]!;
    prev = (prev * m + trueRangeAt(h, l, prevClose)) / n;
    prevClose = close[i]!;
    out[i] = prev;
  }
  return out;
}

/**
 * Realised volatility: SAMPLE standard deviation (divide by n-1) of the last n daily log returns
 * ln(c_t/c_{t-1}), not annualised (multiply by sqrt(252) for that). First value at bar n.
 */
export function logReturnVolatility(close: Float64Array, n = 20): Float64Array {
  requirePeriod('log-return volatility', n, 2);
  const len = close.length;
  const logRet = nanArray(len);
  for (let i = 1; i < len; i++) logRet[i] = Math.log(close[i]! / close[i - 1]!);
  return rollingStd(logRet, n, 1, 1);
}
