/**
 * Scoring with a trained GBDT. Splits compare the float32-rounded feature with the (float32) threshold,
 * the same comparison onnxruntime makes, so both give the same branch on any input.
 */
import { DataError } from '../errors.js';
import type { GbdtModel, GbdtTree } from './gbdt-types.js';

/** Leaf value of one tree for the row starting at X[offset]. */
export function treeValue(t: GbdtTree, X: Float64Array, offset: number): number {
  let node = 0;
  for (;;) {
    const f = t.feature[node]!;
    if (f < 0) return t.value[node]!;
    const x = X[offset + f]!;
    const goLeft = Number.isNaN(x) ? t.nanLeft[node] === 1 : Math.fround(x) <= t.threshold[node]!;
    node = goLeft ? t.left[node]! : t.right[node]!;
  }
}

export function checkMatrix(X: Float64Array, rows: number, cols: number, nFeatures: number): void {
  if (cols !== nFeatures) throw new DataError(`model expects ${nFeatures} features, matrix has ${cols}`);
  if (X.length !== rows * cols) throw new DataError(`matrix length ${X.length} is not ${rows} x ${cols}`);
}

/** Log-odds per row: base score plus the sum of tree values (trees summed in order). */
export function predictMargin(model: GbdtModel, X: Float64Array, rows: number, cols: number): Float64Array {
  checkMatrix(X, rows, cols, model.nFeatures);
  const out = new Float64Array(rows).fill(model.baseScore);
  for (const t of model.trees) {
    for (let r = 0, o = 0; r < rows; r++, o += cols) out[r]! += treeValue(t, X, o);
  }
  return out;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function predictProba(model: GbdtModel, X: Float64Array, rows: number, cols: number): Float64Array {
  return predictMargin(model, X, rows, cols).map(sigmoid);
}
