/** Scores of predicted probabilities against labels, including the trader's view: top-k daily picks. */
import { accuracy, auc, logLoss, precision, recall } from './metrics.js';

export interface EvalMetrics {
  rows: number;
  auc: number;
  logLoss: number;
  accuracy: number;
  precision: number;
  recall: number;
  /** Share of positives among the k highest-probability symbols of each session. */
  topKHitRate: number;
  /** Share of positives among all rows: the hit rate of picking at random. */
  baseRate: number;
}

/**
 * Hit rate of the daily picks: in every session, the min(k, symbols that session) rows with the
 * highest probability (ties by row order) are picked; the rate is positives / picks over all sessions.
 */
export function topKHitRate(p: ArrayLike<number>, y: ArrayLike<number>, session: ArrayLike<number>, k: number): number {
  const bySession = new Map<number, number[]>();
  for (let i = 0; i < p.length; i++) {
    const rows = bySession.get(session[i]!);
    if (rows) rows.push(i);
    else bySession.set(session[i]!, [i]);
  }
  let picks = 0;
  let hits = 0;
  for (const rows of bySession.values()) {
    rows.sort((a, b) => p[b]! - p[a]! || a - b);
    for (const r of rows.slice(0, k)) {
      picks++;
      hits += y[r]!;
    }
  }
  return picks === 0 ? NaN : hits / picks;
}

export function evaluate(p: Float64Array, y: Float64Array, session: Int32Array, topK: number): EvalMetrics {
  let positives = 0;
  for (const v of y) positives += v;
  return {
    rows: p.length,
    auc: auc(p, y),
    logLoss: logLoss(p, y),
    accuracy: accuracy(p, y),
    precision: precision(p, y),
    recall: recall(p, y),
    topKHitRate: topKHitRate(p, y, session, topK),
    baseRate: positives / p.length,
  };
}

export function mean(values: readonly number[]): number {
  const finite = values.filter(Number.isFinite);
  return finite.length === 0 ? NaN : finite.reduce((s, v) => s + v, 0) / finite.length;
}

/** Sample standard deviation (n - 1) of the finite values; NaN with fewer than two. */
export function sampleStd(values: readonly number[]): number {
  const finite = values.filter(Number.isFinite);
  if (finite.length < 2) return NaN;
  const m = mean(finite);
  return Math.sqrt(finite.reduce((s, v) => s + (v - m) ** 2, 0) / (finite.length - 1));
}
