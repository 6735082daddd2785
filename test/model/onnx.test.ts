import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/tmp.js';
import { trainGbdt } from '../../src/lib/model/gbdt-train.js';
import { predictProba } from '../../src/lib/model/gbdt-predict.js';
import { gbdtToOnnx, logisticToOnnx } from '../../src/lib/model/onnx-export.js';
import { assertFeaturesMatch, loadModel } from '../../src/lib/model/onnx-infer.js';
import { predictLogistic, trainLogistic } from '../../src/lib/model/logistic.js';
import { DataError } from '../../src/lib/errors.js';
import { synthetic } from './synthetic.js';

const names = (n: number) => Array.from({ length: n }, (_, i) => `f${i}`);

test('onnxruntime reproduces the trainer probabilities to 1e-6 on 6,000 rows with NaNs', async (t) => {
  const train = synthetic('signal', 8000, 6, 21, 0.1);
  const score = synthetic('signal', 6000, 6, 22, 0.15);
  const model = await trainGbdt(train, { trees: 80, depth: 6, learningRate: 0.15, subsample: 0.8 });
  const path = join(tempDir(t), 'gbdt.onnx');
  writeFileSync(
    path,
    gbdtToOnnx(model, { featureNames: names(6), metadata: { target: 'up 5d', metrics: '{"auc":0.9}' } }),
  );
  const loaded = await loadModel(path);
  assert.equal(loaded.inputName, 'features');
  assert.equal(loaded.nFeatures, 6);
  assert.deepEqual(loaded.featureNames, names(6));
  assert.equal(loaded.metadata['target'], 'up 5d');
  for (const set of [train, score]) {
    const ours = predictProba(model, set.X, set.rows, set.cols);
    const ort = await loaded.predict(set.X, set.rows, set.cols);
    let worst = 0;
    for (let i = 0; i < set.rows; i++) worst = Math.max(worst, Math.abs(ours[i]! - ort[i]!));
    assert.ok(worst <= 1e-6, `max |difference| ${worst}`);
  }
  await assert.rejects(loaded.predict(score.X, score.rows * 2, 3), DataError);
});

test('assertFeaturesMatch rejects a different width or different feature names, never pads', async (t) => {
  const dir = tempDir(t);
  const train = synthetic('signal', 1000, 4, 23);
  const model = await trainGbdt(train, { trees: 3, depth: 2 });
  const expected = ['ret_1d', 'ret_5d', 'rsi_14', 'vol_20d'];
  const good = join(dir, 'good.onnx');
  writeFileSync(good, gbdtToOnnx(model, { featureNames: expected }));
  assertFeaturesMatch(await loadModel(good), expected);

  const renamed = join(dir, 'renamed.onnx');
  writeFileSync(renamed, gbdtToOnnx(model, { featureNames: ['ret_1d', 'ret_5d', 'rsi_7', 'vol_20d'] }));
  const loadedRenamed = await loadModel(renamed);
  assert.throws(
    () => assertFeaturesMatch(loadedRenamed, expected),
    (e: unknown) => e instanceof DataError && /rsi_7/.test(e.message),
  );

  const narrow = await trainGbdt(synthetic('signal', 1000, 3, 24), { trees: 3, depth: 2 });
  const narrowPath = join(dir, 'narrow.onnx');
  writeFileSync(narrowPath, gbdtToOnnx(narrow, { featureNames: expected.slice(0, 3) }));
  const loadedNarrow = await loadModel(narrowPath);
  assert.throws(
    () => assertFeaturesMatch(loadedNarrow, expected),
    (e: unknown) => e instanceof DataError && /3 features, expected 4/.test(e.message),
  );
  await assert.rejects(loadedNarrow.predict(new Float64Array(8), 2, 4), DataError);
});

test('the logistic baseline exports to ONNX with the same probabilities', async (t) => {
  const data = synthetic('signal', 5000, 5, 25, 0.1);
  const model = trainLogistic(data.X, data.y, data.rows, data.cols, { l2: 1 });
  const path = join(tempDir(t), 'lr.onnx');
  writeFileSync(path, logisticToOnnx(model, { featureNames: names(5) }));
  const ort = await (await loadModel(path)).predict(data.X, data.rows, data.cols);
  const ours = predictLogistic(model, data.X, data.rows, data.cols);
  let worst = 0;
  for (let i = 0; i < data.rows; i++) worst = Math.max(worst, Math.abs(ours[i]! - ort[i]!));
  assert.ok(worst < 1e-5, `max |difference| ${worst}`); // float32 weights in the graph
});

test('export refuses a feature-name list of the wrong length', async () => {
  const model = await trainGbdt(synthetic('signal', 500, 3, 26), { trees: 2, depth: 2 });
  assert.throws(() => gbdtToOnnx(model, { featureNames: ['a', 'b'] }), DataError);
});

test('values closer together than float32 resolution branch the same way as in onnxruntime', async (t) => {
  // x = 1 + k·2^-23 + 2^-30: each k is its own float32 value, and the extra 2^-30 is lost in float32
  // but would send x past a float32 threshold in a float64 comparison.
  const rows = 5000;
  const X = new Float64Array(rows * 2);
  const y = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const k = r % 40;
    X[r * 2] = 1 + k * 2 ** -23 + 2 ** -30;
    X[r * 2 + 1] = (r * 7919) % 13;
    y[r] = k % 4 < 2 !== (r % 10 === 0) ? 1 : 0;
  }
  const model = await trainGbdt({ X, y, rows, cols: 2 }, { trees: 20, depth: 4, learningRate: 0.3 });
  const path = join(tempDir(t), 'edges.onnx');
  writeFileSync(path, gbdtToOnnx(model, { featureNames: names(2) }));
  const ort = await (await loadModel(path)).predict(X, rows, 2);
  const ours = predictProba(model, X, rows, 2);
  let worst = 0;
  for (let i = 0; i < rows; i++) worst = Math.max(worst, Math.abs(ours[i]! - ort[i]!));
  assert.ok(worst <= 1e-6, `max |difference| ${worst}`);
  assert.ok(model.importance[0]! > 0, 'the model must split on the fine-grained feature');
});
