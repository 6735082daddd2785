import { emaK, emaSeededAt } from './moving-average.js';
import { isZero, nanArray, requirePeriod } from './series-util.js';

/**
 * Relative Strength Index (Wilder), TA-Lib TA_RSI: average gain and loss are seeded with the
 * simple mean of the first n changes (bars 1..n), then smoothed avg = (avg*(n-1) + x)/n;
 * RSI = 100*avgGain/(avgGain+avgLoss) (0 when both vanish). First value at bar n.
 */
export function rsi(close: Float64Array, n = 14): Float64Array {
  requirePeriod('RSI', n, 2);
  const len = close.length;
  const out = nanArray(len);
  if (len <= n) return out;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= n; i++) {
    const d = close[i]! - close[i - 1]!;
    if (d < 0) loss -= d;
    else gain += d;
  }
  loss /= n;
  gain /= n;
  out[n] = rsiValue(gain, loss);
  for (let i = n + 1; i < len; i++) {
    const d = close[i]! - close[i - 1]!;
    loss *= n - 1;
    gain *= n - 1;
    if (d < 0) loss -= d;
    else gain += d;
    loss /= n;
    gain /= n;
    out[i] = rsiValue(gain, loss);
  }
  return out;
}

function rsiValue(gain: number, loss: number): number {
  const total = gain + loss;
  return isZero(total) ? 0 : 100 * (gain / total);
}

export interface Macd {
  macd: Float64Array;
  signal: Float64Array;
  hist: Float64Array;
}

/**
 * MACD, TA-Lib TA_MACD. macd = EMA(fast) - EMA(slow), signal = EMA(signal) of macd, hist = macd - signal.
 * TA-Lib's seeding quirk: BOTH EMAs are seeded at bar slow-1, the fast one with the SMA of the
 * `fast` closes ending there (bars 14..25 for 12/26), not of the first `fast` closes; the signal
 * EMA is seeded with the SMA of macd over bars slow-1 .. slow+signal-3. All three outputs start
 * at bar (slow-1)+(signal-1) (33 for 12/26/9); earlier bars are NaN.
 */
export function macd(close: Float64Array, fast = 12, slow = 26, signal = 9): Macd {
  requirePeriod('MACD fast', fast, 2);
  requirePeriod('MACD slow', slow, 2);
  requirePeriod('MACD signal', signal, 1);
  if (slow < fast) [fast, slow] = [slow, fast];
  const len = close.length;
  const first = slow - 1 + (signal - 1);
  const out: Macd = { macd: nanArray(len), signal: nanArray(len), hist: nanArray(len) };
  if (first >= len) return out;
  const slowEma = emaSeededAt(close, slow, emaK(slow), slow - 1);
  const line = emaSeededAt(close, fast, emaK(fast), slow - 1);
  for (let i = slow - 1; i < len; i++) line[i] = line[i]! - slowEma[i]!;
  const sig = emaSeededAt(line, signal, emaK(signal), first);
  for (let i = first; i < len; i++) {
    out.macd[i] = line[i]!;
    out.signal[i] = sig[i]!;
    out.hist[i] = line[i]! - sig[i]!;
  }
  return out;
}

/**
 * Rate of change as a fraction: x[t]/x[t-n] - 1 (Tulip `roc`; TA-Lib ROC is this times 100).
 * First value at bar n. Also used for the n-day simple return of a close series.
 */
export function roc(x: Float64Array, n: number): Float64Array {
  requirePeriod('ROC', n);
  const len = x.length;
  const out = nanArray(len);
  for (let i = n; i < len; i++) out[i] = x[i]! / x[i - n]! - 1;
  return out;
}
