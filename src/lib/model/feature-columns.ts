/**
 * A registered model names the features it takes, in order; they must be columns the feature builder
 * can compute (features/extended.ts: the daily, weekly/monthly, regime and intraday sets, and their
 * `_lag<k>` values). Scoring picks those columns out of the full matrix — a model is never fed padded
 * or missing columns.
 */
import { DataError } from '../errors.js';
import { isKnownFeature, knownBaseFeatures } from '../features/extended.js';

/** Validates a model's feature list: non-empty, no repeats, every name computable. */
export function checkFeatureList(names: readonly string[]): string[] {
  if (names.length === 0) throw new DataError('the model feature list is empty');
  const seen = new Set<string>();
  for (const name of names) {
    if (!isKnownFeature(name))
      throw new DataError(
        `unknown feature "${name}": features must be among ${knownBaseFeatures().join(', ')} (or <name>_lag<k>)`,
      );
    if (seen.has(name)) throw new DataError(`feature "${name}" is listed twice`);
    seen.add(name);
  }
  return [...names];
}

/** Column index in `available` of each wanted feature. */
export function columnIndices(available: readonly string[], wanted: readonly string[]): number[] {
  return wanted.map((name) => {
    const i = available.indexOf(name);
    if (i < 0) throw new DataError(`the model needs feature "${name}", which the feature matrix does not have`);
    return i;
  });
}

/** The columns `idx` of a row-major rows × cols matrix, in that order (no copy when they are all, in order). */
export function selectColumns(X: Float64Array, rows: number, cols: number, idx: readonly number[]): Float64Array {
  if (idx.length === cols && idx.every((c, i) => c === i)) return X;
  const out = new Float64Array(rows * idx.length);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < idx.length; j++) out[r * idx.length + j] = X[r * cols + idx[j]!]!;
  }
  return out;
}
