/**
 * One interface over the learners (GBDT, random forest, MLP and the logistic baseline) so
 * cross-validation and the final fit do not care which one runs.
 */
import { trainGbdt } from './gbdt-train.js';
import { predictProba } from './gbdt-predict.js';
import type { GbdtModel, GbdtParams, TrainingSet } from './gbdt-types.js';
import { predictLogistic, trainLogistic, type LogisticModel } from './logistic.js';
import { gbdtToOnnx, logisticToOnnx } from './onnx-export.js';
import { mlpToOnnx, rfToOnnx } from './onnx-export-zoo.js';
import { mlpImportance, predictMlp, trainMlp, type MlpModel, type MlpParams } from './mlp.js';
import { predictRf, trainRf, type RfModel, type RfParams } from './rf.js';

export const MODEL_KINDS = ['gbdt', 'rf', 'mlp', 'logistic'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

export interface LearnerSpec {
  kind: ModelKind;
  gbdt: Partial<GbdtParams>;
  /** L2 penalty of the logistic baseline. */
  l2: number;
  rf?: Partial<RfParams>;
  mlp?: Partial<MlpParams>;
  /** The MLP's input is the feature vector plus its values at the last mlpLags sessions (setting mlpLags). */
  mlpLags?: number;
}

/** Learners that watch a validation set (early stopping) when they are fitted. */
export function usesValidation(spec: LearnerSpec): boolean {
  return spec.kind === 'mlp' || (spec.kind === 'gbdt' && (spec.gbdt.earlyStoppingRounds ?? 0) > 0);
}

export interface Fitted {
  kind: ModelKind;
  /** Trees kept after early stopping (GBDT), trees of the forest, epochs of the MLP (0 for logistic). */
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

function fittedRf(model: RfModel): Fitted {
  return {
    kind: 'rf',
    trees: model.trees.length,
    importance: model.importance,
    predict: (X, rows) => predictRf(model, X, rows, model.nFeatures),
    toOnnx: (featureNames, metadata) => rfToOnnx(model, { featureNames, metadata }),
  };
}

function fittedMlp(model: MlpModel): Fitted {
  return {
    kind: 'mlp',
    trees: model.epochs,
    importance: mlpImportance(model),
    predict: (X, rows) => predictMlp(model, X, rows, model.nFeatures),
    toOnnx: (featureNames, metadata) => mlpToOnnx(model, { featureNames, metadata }),
  };
}

/** Fits on `train`; a GBDT (with early stopping) and the MLP watch `valid` when given. */
export async function fit(spec: LearnerSpec, train: TrainingSet, valid?: TrainingSet): Promise<Fitted> {
  switch (spec.kind) {
    case 'logistic':
      return fittedLogistic(trainLogistic(train.X, train.y, train.rows, train.cols, { l2: spec.l2 }));
    case 'rf':
      return fittedRf(trainRf(train, spec.rf));
    case 'mlp':
      return fittedMlp(trainMlp(train, spec.mlp, valid));
    case 'gbdt':
      return fittedGbdt(await trainGbdt(train, spec.gbdt, valid));
  }
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
