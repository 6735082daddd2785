/**
 * One evaluation of `ats tune`: a configuration scored by purged walk-forward cross-validation
 * (train-model.ts crossValidate) on the first `folds` folds of the full split. Runs in a worker thread.
 */
import { takeRows } from './learner.js';
import type { LearnerSpec } from './learner.js';
import { crossValidate, type Labeled, type TrainConfig } from './train-model.js';
import { subIndex } from './walk-forward.js';

export interface TuneTask {
  trial: number;
  rung: number;
  folds: number;
  learner: LearnerSpec;
}

export interface TuneScore {
  trial: number;
  rung: number;
  folds: number;
  auc: number;
  aucStd: number;
  logLoss: number;
  brier: number;
  seconds: number;
}

/** What every evaluation of a study shares besides the data. */
export type TuneBase = Omit<TrainConfig, 'learner' | 'folds'> & { maxFolds: number };

/**
 * The sessions of the first `k` folds of a `maxFolds`-fold walk-forward split: the first k + 1 of its
 * maxFolds + 1 blocks (walk-forward.ts). Split into k folds they give the same test blocks (up to the
 * remainder the first block absorbs).
 */
export function firstFolds(data: Labeled, maxFolds: number, k: number): Labeled {
  if (k >= maxFolds) return data;
  const n = data.index.sessions.length;
  const block = Math.floor(n / (maxFolds + 1));
  const end = n - (maxFolds - k) * block;
  const keep: number[] = [];
  data.index.ofRow.forEach((s, row) => s < end && keep.push(row));
  const rows = Int32Array.from(keep);
  const { X, y } = takeRows(data.X, data.y, data.cols, rows);
  return {
    X,
    y,
    cols: data.cols,
    index: subIndex(data.index, rows),
    matrixRow: Int32Array.from(rows, (r) => data.matrixRow[r]!),
  };
}

export async function evaluateTask(data: Labeled, base: TuneBase, task: TuneTask): Promise<TuneScore> {
  const started = performance.now();
  const { maxFolds, ...rest } = base;
  const { cv } = await crossValidate(firstFolds(data, maxFolds, task.folds), {
    ...rest,
    folds: task.folds,
    learner: task.learner,
  });
  return {
    trial: task.trial,
    rung: task.rung,
    folds: task.folds,
    auc: cv.aucMean,
    aucStd: cv.aucStd,
    logLoss: cv.logLoss,
    brier: cv.brier,
    seconds: (performance.now() - started) / 1000,
  };
}
