/**
 * Train and evaluate on a feature matrix: purged walk-forward cross-validation, then the final model
 * on all labeled rows except a held-out tail (validation for early stopping, reported as holdout).
 * Pure apart from the worker thread the GBDT trainer may use; deterministic for a seed.
 */
import { DataError } from '../errors.js';
import type { FeatureMatrix } from '../features/matrix.js';
import { FEATURE_WARMUP } from '../features/feature-set.js';
import { nyDate } from '../time.js';
import type { SessionDate } from '../types.js';
import { evaluate, mean, sampleStd, type EvalMetrics } from './evaluate.js';
import { fit, takeRows, usesValidation, type Fitted, type LearnerSpec } from './learner.js';
import { brierScore, calibrationBins, expectedCalibrationError, type CalibrationBin } from './metrics.js';
import {
  holdoutSplit,
  indexSessions,
  subIndex,
  walkForwardSplits,
  type SessionIndex,
  type Split,
} from './walk-forward.js';

/** Fewer labeled sessions than this cannot support walk-forward validation. */
export const MIN_SESSIONS = 60;

export interface TrainConfig {
  learner: LearnerSpec;
  folds: number;
  /** Target horizon in sessions: the purge gap between training and test rows. */
  horizon: number;
  /** Picks per session for the top-k hit rate. */
  topK: number;
  /** Share of the sessions held out at the end for early stopping (and, for the final model, the holdout). */
  validFraction: number;
}

export interface FoldResult extends EvalMetrics {
  fold: number;
  trainFrom: SessionDate;
  trainTo: SessionDate;
  testFrom: SessionDate;
  testTo: SessionDate;
  trainRows: number;
  trees: number;
}

/** Fold means of the metrics, AUC with its spread, and the calibration of the pooled out-of-fold predictions. */
export type CvSummary = Pick<
  EvalMetrics,
  'logLoss' | 'accuracy' | 'precision' | 'recall' | 'topKHitRate' | 'baseRate'
> & {
  folds: FoldResult[];
  aucMean: number;
  aucStd: number;
  calibration: CalibrationBin[];
  /** Of the pooled out-of-fold predictions. */
  brier: number;
  ece: number;
};

/** The out-of-fold predictions: each made by a fold model that did not train on its row. */
export interface OutOfFold {
  /** Row indices into the feature matrix, ascending within each fold. */
  rows: Int32Array;
  p: Float64Array;
}

export interface TrainOutcome {
  fitted: Fitted;
  cv: CvSummary;
  holdout: EvalMetrics & { from: SessionDate; to: SessionDate };
  /** Training rows of the final model and the labeled data range. */
  rows: number;
  dataFrom: SessionDate;
  dataTo: SessionDate;
  oof: OutOfFold;
}

export interface Labeled {
  X: Float64Array;
  y: Float64Array;
  cols: number;
  index: SessionIndex;
  /** Matrix row of each labeled row. */
  matrixRow: Int32Array;
}

/** Rows with a known target only (the last `horizon` sessions of each series have none). */
export function labeledRows(m: FeatureMatrix): Labeled {
  const keep: number[] = [];
  m.y.forEach((v, i) => Number.isNaN(v) || keep.push(i));
  const idx = Int32Array.from(keep);
  const { X, y } = takeRows(m.X, m.y, m.cols, idx);
  const ts = Float64Array.from(idx, (r) => m.ts[r]!);
  if (idx.length === 0) {
    throw new DataError(
      `no rows with features and a known target: the features need ${FEATURE_WARMUP} sessions of warm-up, ` +
        `so collect at least ${FEATURE_WARMUP + MIN_SESSIONS} sessions plus the horizon (ats backfill)`,
    );
  }
  return { X, y, cols: m.cols, index: indexSessions(ts), matrixRow: idx };
}

const day = (index: SessionIndex, s: number): SessionDate => nyDate(index.sessions[s]!);

/** Fits on a split's training rows, early-stopping on their own purged tail when the learner uses one. */
export async function fitSplit(data: Labeled, train: Int32Array, cfg: TrainConfig): Promise<Fitted> {
  if (!usesValidation(cfg.learner)) return fit(cfg.learner, takeRows(data.X, data.y, data.cols, train));
  const inner = holdoutSplit(subIndex(data.index, train), cfg.validFraction, cfg.horizon);
  const pick = (local: Int32Array) =>
    takeRows(
      data.X,
      data.y,
      data.cols,
      Int32Array.from(local, (i) => train[i]!),
    );
  return fit(cfg.learner, pick(inner.train), pick(inner.test));
}

function scoreSplit(
  data: Labeled,
  split: Split,
  fitted: Fitted,
  topK: number,
): { metrics: EvalMetrics; p: Float64Array; y: Float64Array } {
  const test = takeRows(data.X, data.y, data.cols, split.test);
  const p = fitted.predict(test.X, test.rows);
  const session = Int32Array.from(split.test, (r) => data.index.ofRow[r]!);
  return { metrics: evaluate(p, test.y, session, topK), p, y: test.y };
}

/** The CV summary and the pooled out-of-fold probabilities (by input matrix row). */
export async function crossValidate(data: Labeled, cfg: TrainConfig): Promise<{ cv: CvSummary; oof: OutOfFold }> {
  const folds: FoldResult[] = [];
  const oofP: number[] = [];
  const oofY: number[] = [];
  const oofRows: number[] = [];
  const splits = walkForwardSplits(data.index, cfg.folds, cfg.horizon);
  for (const [k, split] of splits.entries()) {
    const fitted = await fitSplit(data, split.train, cfg);
    const { metrics, p, y } = scoreSplit(data, split, fitted, cfg.topK);
    oofP.push(...p);
    oofY.push(...y);
    for (const r of split.test) oofRows.push(data.matrixRow[r]!);
    folds.push({
      fold: k + 1,
      ...metrics,
      trainRows: split.train.length,
      trees: fitted.trees,
      trainFrom: day(data.index, split.trainSessions[0]),
      trainTo: day(data.index, split.trainSessions[1]),
      testFrom: day(data.index, split.testSessions[0]),
      testTo: day(data.index, split.testSessions[1]),
    });
  }
  const avg = (key: keyof EvalMetrics) => mean(folds.map((f) => f[key]));
  const calibration = calibrationBins(oofP, oofY);
  const cv: CvSummary = {
    folds,
    aucMean: avg('auc'),
    aucStd: sampleStd(folds.map((f) => f.auc)),
    logLoss: avg('logLoss'),
    accuracy: avg('accuracy'),
    precision: avg('precision'),
    recall: avg('recall'),
    topKHitRate: avg('topKHitRate'),
    baseRate: avg('baseRate'),
    calibration,
    brier: brierScore(oofP, oofY),
    ece: expectedCalibrationError(calibration),
  };
  return { cv, oof: { rows: Int32Array.from(oofRows), p: Float64Array.from(oofP) } };
}

function checkEnough(data: Labeled): void {
  const n = data.index.sessions.length;
  if (n < MIN_SESSIONS) {
    throw new DataError(
      `only ${n} sessions with features and a known target; training needs at least ${MIN_SESSIONS} ` +
        `(the features need ${FEATURE_WARMUP} sessions of warm-up, ` +
        `so collect at least ${FEATURE_WARMUP + MIN_SESSIONS} sessions plus the horizon: ats backfill)`,
    );
  }
  let positives = 0;
  for (const v of data.y) positives += v;
  if (positives === 0 || positives === data.y.length)
    throw new DataError('every target is the same class: change --threshold or --horizon');
}

/** Cross-validates, then fits the final model with the purged holdout tail as its validation set. */
export async function trainAndEvaluate(m: FeatureMatrix, cfg: TrainConfig): Promise<TrainOutcome> {
  const data = labeledRows(m);
  checkEnough(data);
  const { cv, oof } = await crossValidate(data, cfg);
  const holdout = holdoutSplit(data.index, cfg.validFraction, cfg.horizon);
  const train = takeRows(data.X, data.y, data.cols, holdout.train);
  const valid = takeRows(data.X, data.y, data.cols, holdout.test);
  const fitted = await fit(cfg.learner, train, valid);
  const { metrics } = scoreSplit(data, holdout, fitted, cfg.topK);
  const last = data.index.sessions.length - 1;
  return {
    fitted,
    cv,
    holdout: {
      ...metrics,
      from: day(data.index, holdout.testSessions[0]),
      to: day(data.index, holdout.testSessions[1]),
    },
    rows: train.rows,
    dataFrom: day(data.index, 0),
    dataTo: day(data.index, last),
    oof,
  };
}
