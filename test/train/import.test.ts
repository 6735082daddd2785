import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFeatureMatrix, buildLatestFeatureRows } from '../../src/lib/features/matrix.js';
import { trainGbdt } from '../../src/lib/model/gbdt-train.js';
import { predictProba } from '../../src/lib/model/gbdt-predict.js';
import { gbdtToOnnx } from '../../src/lib/model/onnx-export.js';
import { importModel } from '../../src/lib/model/import-model.js';
import { runPlaybook } from '../../src/lib/model/playbook.js';
import { loadSeries } from '../../src/lib/store/bars.js';
import { listModels } from '../../src/lib/store/models.js';
import { DataError } from '../../src/lib/errors.js';
import { tempDir } from '../helpers/tmp.js';
import { FIXED_NOW, sampleStore } from './sample-store.js';
import { identityModel } from './onnx-models.js';

const SYMBOLS = ['AAPL', 'AMZN', 'GOOGL', 'MSFT', 'NVDA'];
/** A model trained elsewhere on 3 of the default features, in its own order. */
const OWN = ['rsi_14', 'ret_20', 'atr_pct'];

function columns(X: Float64Array, rows: number, names: readonly string[], wanted: readonly string[]): Float64Array {
  const idx = wanted.map((n) => names.indexOf(n));
  return Float64Array.from(
    { length: rows * idx.length },
    (_, k) => X[Math.floor(k / idx.length) * names.length + idx[k % idx.length]!]!,
  );
}

const isData = (re: RegExp) => (e: unknown) => e instanceof DataError && re.test(e.message);

test('import: a matching model is registered, copied to models/, and scores the playbook on its own columns', async (t) => {
  const dir = tempDir(t);
  const store = await sampleStore(t, dir, SYMBOLS);
  const series = SYMBOLS.map((s) => loadSeries(store, s));
  const m = buildFeatureMatrix([series[0]!], { horizon: 1 }); // AAPL only: every row but the last has a target
  const rows = m.rows - 1;
  const X = columns(m.X, m.rows, m.featureNames, OWN).slice(0, rows * OWN.length);
  const model = await trainGbdt({ X, y: m.y.slice(0, rows), rows, cols: OWN.length }, { trees: 20, depth: 3, seed: 3 });
  const file = join(dir, 'elsewhere.onnx');
  writeFileSync(file, gbdtToOnnx(model, { featureNames: OWN }));
  const modelsDir = join(dir, 'models');

  const rec = await importModel(store, {
    file,
    features: OWN,
    id: 'my-model',
    modelsDir,
    now: FIXED_NOW,
    activate: false,
  });
  assert.equal(rec.id, 'my-model');
  assert.equal(rec.kind, 'onnx');
  assert.deepEqual(rec.features, OWN);
  assert.equal(rec.path, join(modelsDir, 'my-model.onnx'));
  assert.ok(readFileSync(rec.path).equals(readFileSync(file)));
  assert.ok(rec.probe >= 0 && rec.probe <= 1);
  await assert.rejects(
    importModel(store, { file, features: OWN, id: 'my-model', modelsDir, now: FIXED_NOW, activate: false }),
    isData(/already registered/),
  );

  const reportsDir = join(dir, 'reports');
  const pb = await runPlaybook(store, {
    symbols: SYMBOLS,
    modelId: 'my-model',
    top: 10,
    threshold: 0.55,
    allowShort: false,
    modelsDir,
    reportsDir,
    now: FIXED_NOW,
  });
  assert.equal(pb.session, '2023-12-29');
  assert.equal(pb.rows.length, SYMBOLS.length);
  // independent: the trainer's own predictions on the latest rows' 3 columns (onnxruntime computes in float32)
  const latest = buildLatestFeatureRows(series);
  const expected = predictProba(
    model,
    columns(latest.X, latest.rows, latest.featureNames, OWN),
    latest.rows,
    OWN.length,
  );
  for (const row of pb.rows) {
    const i = latest.symbol.indexOf(row.symbol);
    assert.ok(Math.abs(row.probability - expected[i]!) <= 1e-6, `${row.symbol}: ${row.probability} vs ${expected[i]}`);
    assert.equal(row.rsi, latest.X[i * latest.cols + latest.featureNames.indexOf('rsi_14')]);
  }
  assert.ok(pb.rows.every((r, k) => k === 0 || pb.rows[k - 1]!.probability >= r.probability));
});

test('import rejects a wrong width, wrong names in metadata, unknown features and a non-probability output — never pads', async (t) => {
  const dir = tempDir(t);
  const store = await sampleStore(t, dir, ['AAPL'], { days: 40 });
  const modelsDir = join(dir, 'models');
  const rnd = Float64Array.from({ length: 300 }, (_, i) => (Math.sin(i * 12.9898) * 43758.5453) % 1);
  const model = await trainGbdt(
    { X: rnd, y: Float64Array.from({ length: 100 }, (_, i) => i % 2), rows: 100, cols: 3 },
    { trees: 2, depth: 2 },
  );
  const file = join(dir, 'three.onnx');
  writeFileSync(file, gbdtToOnnx(model, { featureNames: OWN }));
  const attempt = (f: string, features: string[]) =>
    importModel(store, { file: f, features, modelsDir, now: FIXED_NOW, activate: false });

  await assert.rejects(attempt(file, [...OWN, 'ret_1']), isData(/takes 3 features, expected 4/));
  await assert.rejects(
    attempt(file, ['rsi_14', 'ret_5', 'atr_pct']),
    isData(/feature 1 is "ret_20" in the model, expected "ret_5"/),
  );
  await assert.rejects(attempt(file, ['rsi_14', 'momentum', 'atr_pct']), isData(/unknown feature "momentum"/));
  await assert.rejects(attempt(file, ['rsi_14', 'rsi_14', 'atr_pct']), isData(/listed twice/));

  const noMeta = join(dir, 'no-metadata.onnx');
  writeFileSync(noMeta, identityModel(1));
  await assert.rejects(attempt(noMeta, ['ret_1', 'ret_5']), isData(/takes 1 features, expected 2/));
  const twoOutputs = join(dir, 'two-outputs.onnx');
  writeFileSync(twoOutputs, identityModel(2));
  await assert.rejects(
    attempt(twoOutputs, ['ret_1', 'ret_5']),
    isData(/float32\[1, 2\] for one row; a model must output one probability per row/),
  );
  const garbage = join(dir, 'garbage.onnx');
  writeFileSync(garbage, 'not a model');
  await assert.rejects(attempt(garbage, ['ret_1']), isData(/cannot load ONNX model/));

  assert.equal(listModels(store).length, 0);
  assert.ok(!existsSync(modelsDir) || readdirSync(modelsDir).length === 0, 'a rejected import leaves no file');
  // a width-1 model with no metadata and a probability output is acceptable
  const ok = await attempt(noMeta, ['ret_1']);
  assert.equal(ok.probe, 0);
});
