/**
 * One interface over the two learners (GBDT and the logistic baseline) so cross-validation and the
 * final fit do not care which one runs.
 */
import { trainGbdt } from './gbdt-train.js';
import { predictProba } from './gbdt-predict.js';
import type { GbdtModel, GbdtParams, TrainingSet } from './gbdt-types.js';
import { predictLogistic, trainLogistic, type LogisticModel } from './logistic.js';
import { gbdtToOnnx, logisticToOnnx } from './onnx-export.js';

export const MODEL_KINDS = ['gbdt', 'logistic'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

export interface LearnerSpec {
  kind: ModelKind;
  gbdt: Partial<GbdtParams>;
  /** L2 penalty of the logistic baseline. */
  l2: number;
}

export interface Fitted {
  kind: ModelKind;
  /** Trees kept after early stopping (0 for logistic). */
  trees: number;
  /** Importance per feature: total split gain (GBDT) or |weight on the standardized feature| (logistic). */
  importance: number[];
  predict(X: Float64Array, rows: number): Float64Array;
  toOnnx(featureNames: string[], metadata: Record<string, string>): Uint8Array;
}

function fittedGbdt(model: GbdtModel): Fitted {
  return {
    kind: 'gbdt',
    trees: model.bestIteration,
    importance: model.importance,
    predict: (X, rows) => predictProba(model, X, rows, model.nFeatures),
    toOnnx: (featureNames, metadata) => gbdtToOnnx(model, { featureNames, metadata }),
  };
}

function fittedLogistic(model: LogisticModel): Fitted {
  return {
    kind: 'logistic',
    trees: 0,
    importance: model.weights.map(Math.abs),
    predict: (X, rows) => predictLogistic(model, X, rows, model.nFeatures),
    toOnnx: (featureNames, metadata) => logisticToOnnx(model, { featureNames, metadata }),
  };
}

/** Fits on `train`; a GBDT watches `valid` for early stopping when given. */
export async function fit(spec: LearnerSpec, train: TrainingSet, valid?: TrainingSet): Promise<Fitted> {
  if (spec.kind === 'logistic')
    return fittedLogistic(trainLogistic(train.X, train.y, train.rows, train.cols, { l2: spec.l2 }));
  return fittedGbdt(await trainGbdt(train, spec.gbdt, valid));
}

/** The rows `idx` of a row-major matrix and their labels, as a training set. */
export function takeRows(X: Float64Array, y: Float64Array, cols: number, idx: Int32Array): TrainingSet {
  const out = new Float64Array(idx.length * cols);
  const labels = new Float64Array(idx.length);
  idx.forEach((r, i) => {
    out.set(X.subarray(r * cols, (r + 1) * cols), i * cols);
    labels[i] = y[r]!;
  });
  return { X: out, y: labels, rows: idx.length, cols };
}
