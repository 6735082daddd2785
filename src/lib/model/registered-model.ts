/** A registered model ready to score default-feature-set matrices (playbook, model backtests). */
import type { FeatureMatrix } from '../features/matrix.js';
import { resolveModel, type ModelRecord } from '../store/models.js';
import type { Store } from '../store/open.js';
import { checkFeatureList, columnIndices, selectColumns } from './feature-columns.js';
import { modelFilePath } from './model-files.js';
import { assertFeaturesMatch, loadModel } from './onnx-infer.js';

export interface ScoringModel {
  record: ModelRecord;
  /** Probability per row of a matrix built by buildFeatureMatrix / buildLatestFeatureRows. */
  score(m: FeatureMatrix): Promise<Float64Array>;
}

/**
 * The model `id` (or the active one), loaded with onnxruntime and checked against its registered
 * feature list: a width or name mismatch is a DataError, never padded.
 */
export async function openScoringModel(store: Store, modelsDir: string, id?: string): Promise<ScoringModel> {
  const record = resolveModel(store, id);
  const features = checkFeatureList(record.features);
  const loaded = await loadModel(modelFilePath(record, modelsDir));
  assertFeaturesMatch(loaded, features);
  return {
    record,
    async score(m) {
      if (m.rows === 0) return new Float64Array(0);
      const idx = columnIndices(m.featureNames, features);
      return loaded.predict(selectColumns(m.X, m.rows, m.cols, idx), m.rows, idx.length);
    },
  };
}
