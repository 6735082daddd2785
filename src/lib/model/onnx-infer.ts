/**
 * Scoring with onnxruntime-node (loaded lazily: it is heavy). The input width comes from the session's
 * input metadata and the feature names from the model's metadata_props (decoded with our onnx.proto
 * subset, since onnxruntime-node does not expose them).
 */
import { readFile } from 'node:fs/promises';
import { DataError, errorMessage } from '../errors.js';
import { FEATURE_NAMES_KEY } from './onnx-export.js';
import { modelProto } from './onnx-proto.js';

export interface LoadedModel {
  path: string;
  inputName: string;
  nFeatures: number;
  /** From metadata_props, when the model carries them. */
  featureNames: string[] | null;
  metadata: Record<string, string>;
  /** Probability per row of a row-major matrix, scored in batches. */
  predict(X: Float64Array, rows: number, cols: number): Promise<Float64Array>;
}

const BATCH_ROWS = 65_536;

export function readMetadata(bytes: Uint8Array): Record<string, string> {
  const decoded = modelProto().decode(bytes) as unknown as { metadata_props?: { key?: string; value?: string }[] };
  const out: Record<string, string> = {};
  for (const { key, value } of decoded.metadata_props ?? []) if (key !== undefined) out[key] = value ?? '';
  return out;
}

function parseFeatureNames(path: string, raw: string | undefined): string[] | null {
  if (raw === undefined) return null;
  try {
    const names: unknown = JSON.parse(raw);
    if (Array.isArray(names) && names.every((n) => typeof n === 'string')) return names;
  } catch {
    // fall through to the error below
  }
  throw new DataError(`${path}: metadata ${FEATURE_NAMES_KEY} is not a JSON array of strings`);
}

export async function loadModel(path: string): Promise<LoadedModel> {
  const ort = await import('onnxruntime-node');
  let bytes: Uint8Array;
  let session: Awaited<ReturnType<typeof ort.InferenceSession.create>>;
  try {
    bytes = await readFile(path);
    session = await ort.InferenceSession.create(bytes);
  } catch (err) {
    throw new DataError(`cannot load ONNX model ${path}: ${errorMessage(err)}`, { cause: err });
  }
  const input = session.inputMetadata[0];
  if (!input || !input.isTensor || input.shape.length !== 2 || typeof input.shape[1] !== 'number') {
    throw new DataError(`${path}: expected one input of shape [N, features]`);
  }
  const inputName = input.name;
  const nFeatures = input.shape[1];
  const outputName = session.outputNames[0]!;
  const metadata = readMetadata(bytes);
  const featureNames = parseFeatureNames(path, metadata[FEATURE_NAMES_KEY]);
  return {
    path,
    inputName,
    nFeatures,
    featureNames,
    metadata,
    async predict(X: Float64Array, rows: number, cols: number): Promise<Float64Array> {
      if (cols !== nFeatures) throw new DataError(`${path}: model expects ${nFeatures} features, matrix has ${cols}`);
      if (X.length !== rows * cols) throw new DataError(`matrix length ${X.length} is not ${rows} x ${cols}`);
      const out = new Float64Array(rows);
      for (let start = 0; start < rows; start += BATCH_ROWS) {
        const n = Math.min(BATCH_ROWS, rows - start);
        const batch = Float32Array.from(X.subarray(start * cols, (start + n) * cols));
        const result = await session.run({ [inputName]: new ort.Tensor('float32', batch, [n, cols]) });
        out.set(result[outputName]!.data as Float32Array, start);
      }
      return out;
    },
  };
}

/** Rejects a model whose input width or recorded feature names differ from the expected list. */
export function assertFeaturesMatch(
  model: Pick<LoadedModel, 'path' | 'nFeatures' | 'featureNames'>,
  featureNames: string[],
): void {
  if (model.nFeatures !== featureNames.length) {
    throw new DataError(`${model.path}: model takes ${model.nFeatures} features, expected ${featureNames.length}`);
  }
  if (model.featureNames === null) return;
  const i = featureNames.findIndex((name, k) => model.featureNames![k] !== name);
  if (i >= 0 || model.featureNames.length !== featureNames.length) {
    const k = Math.max(i, 0);
    throw new DataError(
      `${model.path}: feature ${k} is "${model.featureNames[k] ?? '(none)'}" in the model, expected "${featureNames[k]}"`,
    );
  }
}
