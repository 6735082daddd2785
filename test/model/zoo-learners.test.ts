import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/tmp.js';
import { auc } from '../../src/lib/model/metrics.js';
import { predictRf, trainRf } from '../../src/lib/model/rf.js';
import { predictMlp, trainMlp } from '../../src/lib/model/mlp.js';
import { mlpToOnnx, rfToOnnx } from '../../src/lib/model/onnx-export-zoo.js';
import { loadModel } from '../../src/lib/model/onnx-infer.js';
import { synthetic } from './synthetic.js';

const names = (n: number) => Array.from({ length: n }, (_, i) => `f${i}`);

function worstDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

test('the random forest learns the planted signal and finds nothing in noise', () => {
  const train = synthetic('signal', 5000, 6, 31);
  const held = synthetic('signal', 3000, 6, 32);
  const model = trainRf(train, { trees: 40 });
  const a = auc(predictRf(model, held.X, held.rows, held.cols), held.y);
  assert.ok(a > 0.85, `AUC ${a}`);
  assert.ok(model.importance[0]! > model.importance[5]!, `importance ${model.importance.join(', ')}`);
  const noise = trainRf(synthetic('noise', 4000, 6, 33), { trees: 40 });
  const heldNoise = synthetic('noise', 4000, 6, 34);
  const b = auc(predictRf(noise, heldNoise.X, heldNoise.rows, heldNoise.cols), heldNoise.y);
  assert.ok(Math.abs(b - 0.5) < 0.04, `AUC ${b}`);
});

test('the random forest is deterministic for a seed', () => {
  const train = synthetic('signal', 2000, 5, 35);
  assert.deepEqual(trainRf(train, { trees: 5, seed: 7 }).trees, trainRf(train, { trees: 5, seed: 7 }).trees);
  assert.notDeepEqual(trainRf(train, { trees: 5, seed: 7 }).trees, trainRf(train, { trees: 5, seed: 8 }).trees);
});

test('the MLP learns the planted signal, stops early and is deterministic for a seed', () => {
  const train = synthetic('signal', 5000, 6, 36);
  const held = synthetic('signal', 3000, 6, 37);
  const model = trainMlp(train, { maxEpochs: 60, learningRate: 0.01 });
  const a = auc(predictMlp(model, held.X, held.rows, held.cols), held.y);
  assert.ok(a > 0.85, `AUC ${a}`);
  assert.ok(model.epochs <= 60 && model.validLoss.length >= model.epochs);
  const again = trainMlp(train, { maxEpochs: 60, learningRate: 0.01 });
  assert.deepEqual(predictMlp(again, held.X, held.rows, held.cols), predictMlp(model, held.X, held.rows, held.cols));
  // On noise the validation loss stops improving early.
  const noise = trainMlp(synthetic('noise', 3000, 6, 38), { maxEpochs: 200, patience: 5 });
  assert.ok(noise.epochs < 100, `stopped after ${noise.epochs} epochs`);
});

test('onnxruntime reproduces the random forest and the MLP on rows with NaNs', async (t) => {
  const dir = tempDir(t);
  const train = synthetic('signal', 4000, 6, 39, 0.1);
  const score = synthetic('signal', 3000, 6, 40, 0.15);
  const rf = trainRf(train, { trees: 30, maxDepth: 8, minLeaf: 5 });
  const mlp = trainMlp(train, { hidden: [16, 8], maxEpochs: 20 });
  const rfPath = join(dir, 'rf.onnx');
  const mlpPath = join(dir, 'mlp.onnx');
  writeFileSync(rfPath, rfToOnnx(rf, { featureNames: names(6), metadata: { kind: 'rf' } }));
  writeFileSync(mlpPath, mlpToOnnx(mlp, { featureNames: names(6) }));
  const rfOrt = await loadModel(rfPath);
  const mlpOrt = await loadModel(mlpPath);
  assert.equal(rfOrt.metadata['kind'], 'rf');
  for (const set of [train, score]) {
    const d1 = worstDiff(predictRf(rf, set.X, set.rows, set.cols), await rfOrt.predict(set.X, set.rows, set.cols));
    assert.ok(d1 < 1e-6, `random forest max |difference| ${d1}`); // float32 sums of float32 leaves
    const d2 = worstDiff(predictMlp(mlp, set.X, set.rows, set.cols), await mlpOrt.predict(set.X, set.rows, set.cols));
    assert.ok(d2 < 1e-5, `MLP max |difference| ${d2}`); // float32 weights in the graph
  }
});
