/**
 * Classification metrics over predicted probabilities p and labels y (0/1).
 * AUC is the Mann–Whitney statistic: the probability that a random positive scores above a random
 * negative, ties counting one half — computed exactly from average ranks.
 */
import { DataError } from '../errors.js';

function checkPair(p: ArrayLike<number>, y: ArrayLike<number>): void {
  if (p.length !== y.length) throw new DataError(`metrics: ${p.length} predictions for ${y.length} labels`);
  if (p.length === 0) throw new DataError('metrics: no rows');
}

/** Exact ROC AUC with tied scores given their average rank; NaN when only one class is present. */
export function auc(p: ArrayLike<number>, y: ArrayLike<number>): number {
  checkPair(p, y);
  const n = p.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => p[a]! - p[b]!);
  let rankSumPos = 0;
  let positives = 0;
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && p[order[j + 1]!] === p[order[i]!]) j++;
    const averageRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (y[order[k]!] === 1) {
        rankSumPos += averageRank;
        positives++;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSumPos - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Mean negative log-likelihood, probabilities clipped to [eps, 1 - eps] (eps = 1e-15, as scikit-learn). */
export function logLoss(p: ArrayLike<number>, y: ArrayLike<number>, eps = 1e-15): number {
  checkPair(p, y);
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const q = Math.min(Math.max(p[i]!, eps), 1 - eps);
    s -= y[i] === 1 ? Math.log(q) : Math.log(1 - q);
  }
  return s / p.length;
}

export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** Counts with "positive" meaning p >= threshold. */
export function confusion(p: ArrayLike<number>, y: ArrayLike<number>, threshold = 0.5): Confusion {
  checkPair(p, y);
  const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < p.length; i++) {
    const predicted = p[i]! >= threshold;
    if (y[i] === 1) {
      if (predicted) c.tp++;
      else c.fn++;
    } else if (predicted) c.fp++;
    else c.tn++;
  }
  return c;
}

export function accuracy(p: ArrayLike<number>, y: ArrayLike<number>, threshold = 0.5): number {
  const c = confusion(p, y, threshold);
  return (c.tp + c.tn) / p.length;
}

/** tp / (tp + fp); NaN when nothing is predicted positive. */
export function precision(p: ArrayLike<number>, y: ArrayLike<number>, threshold = 0.5): number {
  const c = confusion(p, y, threshold);
  return c.tp + c.fp === 0 ? NaN : c.tp / (c.tp + c.fp);
}

/** tp / (tp + fn); NaN when there are no positives. */
export function recall(p: ArrayLike<number>, y: ArrayLike<number>, threshold = 0.5): number {
  const c = confusion(p, y, threshold);
  return c.tp + c.fn === 0 ? NaN : c.tp / (c.tp + c.fn);
}

export interface CalibrationBin {
  lower: number;
  upper: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
}

/** Equal-width probability bins [k/n, (k+1)/n) (the last includes 1); empty bins are omitted. */
export function calibrationBins(p: ArrayLike<number>, y: ArrayLike<number>, bins = 10): CalibrationBin[] {
  checkPair(p, y);
  const count = new Float64Array(bins);
  const sumP = new Float64Array(bins);
  const sumY = new Float64Array(bins);
  for (let i = 0; i < p.length; i++) {
    const k = Math.min(bins - 1, Math.max(0, Math.floor(p[i]! * bins)));
    count[k]!++;
    sumP[k]! += p[i]!;
    sumY[k]! += y[i]!;
  }
  const out: CalibrationBin[] = [];
  for (let k = 0; k < bins; k++) {
    const c = count[k]!;
    if (c > 0)
      out.push({
        lower: k / bins,
        upper: (k + 1) / bins,
        count: c,
        meanPredicted: sumP[k]! / c,
        observedRate: sumY[k]! / c,
      });
  }
  return out;
}

/** Mean squared error of the probabilities (Brier 1950): 0 is perfect, 0.25 is a constant 0.5. */
export function brierScore(p: ArrayLike<number>, y: ArrayLike<number>): number {
  checkPair(p, y);
  let s = 0;
  for (let i = 0; i < p.length; i++) s += (p[i]! - y[i]!) ** 2;
  return s / p.length;
}

/**
 * Expected calibration error over equal-width bins (Naeini et al. 2015): the row-weighted mean of
 * |observed rate − mean predicted probability| over the reliability bins.
 */
export function expectedCalibrationError(bins: readonly CalibrationBin[]): number {
  const total = bins.reduce((s, b) => s + b.count, 0);
  return total === 0 ? NaN : bins.reduce((s, b) => s + b.count * Math.abs(b.observedRate - b.meanPredicted), 0) / total;
}
