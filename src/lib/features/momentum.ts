import { emaK } from './moving-average.js';
import { isZero, nanArray, nanPrefixArray, requirePeriod } from './series-util.js';

/**
 * Relative Strength Index (Wilder), TA-Lib TA_RSI: average gain and loss are seeded with the
 * simple mean of the first n changes (bars 1..n), then smoothed avg = (avg*(n-1) + x)/n;
 * RSI = 100*avgGain/(avgGain+avgLoss) (0 when both vanish). First value at bar n.
 */
export function rsi(close: Float64Array, n = 14): Float64Array {
  requirePeriod('RSI', n, 2);
  const len = close.length;
  if (len <= n) return nanArray(len);
  const out = nanPrefixArray(len, n);
  // Branch-free split of a change d into gain and loss: (|d| + d)/2 and (|d| - d)/2 are exactly d
  // or 0 (doubling and halving are exact), so the sums match TA-Lib's if/else bit for bit, without
  // a mispredicted branch per bar on a random walk.
  let gain = 0;
  let loss = 0;
  let prev = close[0]!;
  for (let i = 1; i <= n; i++) {
    const c = close[i]!;
    const d = c - prev;
    prev = c;
    const a = Math.abs(d);
    gain += (a + d) * 0.5;
    loss += (a - d) * 0.5;
  }
  loss /= n;
  gain /= n;
  out[n] = rsiValue(gain, loss);
  const m = n - 1;
  for (let i = n + 1; i < len; i++) {
    const c = close[i]!;
    const d = c - prev;
    prev = c;
    const a = Math.abs(d);
    // TA-Lib's order: prev*(n-1), add, divide by n (not a multiply by 1/n: that rounds differently).
    loss = (loss * m + (a - d) * 0.5) / n;
    gain = (gain * m + (a + d) * 0.5) / n;
    out[i] = rsiValue(gain, loss);
  }
  return out;
}

/**
 * The Wilder average gain and loss after each bar, exactly as rsi() computes them (NaN before bar n), so a
 * caller can extend the series by one hypothetical close: the partial-period RSI of weekly features.
 */
export function rsiAverages(close: Float64Array, n = 14): { gain: Float64Array; loss: Float64Array } {
  requirePeriod('RSI', n, 2);
  const len = close.length;
  const gainAt = nanArray(len);
  const lossAt = nanArray(len);
  if (len <= n) return { gain: gainAt, loss: lossAt };
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= n; i++) {
    const d = close[i]! - close[i - 1]!;
    const a = Math.abs(d);
    gain += (a + d) * 0.5;
    loss += (a - d) * 0.5;
  }
  loss /= n;
  gain /= n;
  gainAt[n] = gain;
  lossAt[n] = loss;
  for (let i = n + 1; i < len; i++) {
    [gain, loss] = rsiStep(gain, loss, close[i]! - close[i - 1]!, n);
    gainAt[i] = gain;
    lossAt[i] = loss;
  }
  return { gain: gainAt, loss: lossAt };
}

/** One Wilder smoothing step of rsi() for the change d: [gain, loss] after it. */
export function rsiStep(gain: number, loss: number, d: number, n: number): [number, number] {
  const a = Math.abs(d);
  return [(gain * (n - 1) + (a + d) * 0.5) / n, (loss * (n - 1) + (a - d) * 0.5) / n];
}

export function rsiValue(gain: number, loss: number): number {
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
  const seedAt = slow - 1;
  const first = seedAt + (signal - 1);
  if (first >= len) return { macd: nanArray(len), signal: nanArray(len), hist: nanArray(len) };
  const out: Macd = {
    macd: nanPrefixArray(len, first),
    signal: nanPrefixArray(len, first),
    hist: nanPrefixArray(len, first),
  };
  // One pass over the closes with both EMAs (and then the signal EMA) as running values; each
  // value is computed exactly as emaSeededAt would (same seed sums, same update order).
  let slowEma = seedMean(close, slow, seedAt);
  let fastEma = seedMean(close, fast, seedAt);
  const kSlow = emaK(slow);
  const kFast = emaK(fast);
  let sigSum = fastEma - slowEma;
  for (let i = seedAt + 1; i <= first; i++) {
    const c = close[i]!;
    slowEma = (c - slowEma) * kSlow + slowEma;
    fastEma = (c - fastEma) * kFast + fastEma;
    sigSum += fastEma - slowEma;
  }
  let line = fastEma - slowEma;
  let sig = sigSum / signal;
  out.macd[first] = line;
  out.signal[first] = sig;
  out.hist[first] = line - sig;
  const kSig = emaK(signal);
  for (let i = first + 1; i < len; i++) {
    const c = close[i]!;
    slowEma = (c - slowEma) * kSlow + slowEma;
    fastEma = (c - fastEma) * kFast + fastEma;
    line = fastEma - slowEma;
    sig = (line - sig) * kSig + sig;
    out.macd[i] = line;
    out.signal[i] = sig;
    out.hist[i] = line - sig;
  }
  return out;
}

/** The simple mean of the n values ending at `end`, summed from the oldest (emaSeededAt's seed). */
function seedMean(x: Float64Array, n: number, end: number): number {
  let sum = 0;
  for (let i = end - n + 1; i <= end; i++) sum += x[i]!;
  return sum / n;
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
