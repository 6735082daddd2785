/**
 * `ats train import FILE --features a,b,c`: register an ONNX model trained elsewhere. It must take
 * exactly those features (width, and names when its metadata records them), each one computable
 * (in FEATURE_NAMES), and output one probability per row — checked with onnxruntime before the file
 * is copied to models/<id>.onnx and registered.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { DataError, UsageError } from '../errors.js';
import { activateModel, findModel, getModel, insertModel, type ModelRecord } from '../store/models.js';
import type { Store } from '../store/open.js';
import { checkFeatureList } from './feature-columns.js';
import { checkModelId, modelId, writeModelFile } from './model-files.js';
import { assertFeaturesMatch, loadModel } from './onnx-infer.js';
import { probeProbabilityOutput } from './onnx-probe.js';

export interface ImportOptions {
  file: string;
  features: string[];
  id?: string;
  modelsDir: string;
  now: number;
  activate: boolean;
}

function parseJson(raw: string | undefined): unknown {
  if (raw === undefined) return null;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

export async function importModel(store: Store, o: ImportOptions): Promise<ModelRecord & { probe: number }> {
  if (!existsSync(o.file)) throw new UsageError(`model file ${o.file} not found`);
  const features = checkFeatureList(o.features);
  if (o.id !== undefined) checkModelId(o.id);
  const loaded = await loadModel(o.file);
  assertFeaturesMatch(loaded, features);
  const bytes = readFileSync(o.file);
  const probe = await probeProbabilityOutput(o.file, bytes, loaded.nFeatures);
  const id = o.id ?? modelId(o.now, bytes);
  const range = parseJson(loaded.metadata['training_range']) as { from?: string; to?: string } | null;
  if (findModel(store, id)) throw new DataError(`model ${id} is already registered: pass another --id`);
  const path = writeModelFile(o.modelsDir, id, bytes);
  try {
    insertModel(store, {
      id,
      createdAt: o.now,
      kind: 'onnx',
      path,
      features,
      target: parseJson(loaded.metadata['target']),
      params: { importedFrom: basename(o.file), producer: loaded.metadata['kind'] ?? null },
      metrics: {},
      symbols: [],
      dataFrom: typeof range?.from === 'string' ? range.from : null,
      dataTo: typeof range?.to === 'string' ? range.to : null,
    });
  } catch (err) {
    rmSync(path, { force: true });
    throw err;
  }
  if (o.activate) activateModel(store, id);
  return { ...getModel(store, id), probe };
}
