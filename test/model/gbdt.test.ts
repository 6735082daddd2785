import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trainGbdt } from '../../src/lib/model/gbdt-train.js';
import { predictProba } from '../../src/lib/model/gbdt-predict.js';
import { auc } from '../../src/lib/model/metrics.js';
import { DataError, UsageError } from '../../src/lib/errors.js';
import type { GbdtTree } from '../../src/lib/model/gbdt-types.js';
import { synthetic } from './synthetic.js';

const small = { trees: 30, depth: 4, learningRate: 0.2 };

test('learns a clearly separable signal (held-out AUC > 0.9)', async () => {
  const train = synthetic('signal', 6000, 6, 1);
  const test_ = synthetic('signal', 3000, 6, 2);
  const model = await trainGbdt(train, small);
  const a = auc(predictProba(model, test_.X, test_.rows, test_.cols), test_.y);
  assert.ok(a > 0.9, `AUC ${a}`);
  // x0, x1·x2 and x3's missingness carry the signal; x4 and x5 are noise.
  const imp = model.importance;
  assert.ok(imp[0]! > imp[4]! && imp[0]! > imp[5]!, `importance ${imp.join(', ')}`);
});

test('finds nothing in pure noise (held-out AUC near 0.5)', async () => {
  const train = synthetic('noise', 6000, 6, 3);
  const test_ = synthetic('noise', 6000, 6, 4);
  const model = await trainGbdt(train, { ...small, learningRate: 0.05, minLeaf: 50 });
  const a = auc(predictProba(model, test_.X, test_.rows, test_.cols), test_.y);
  assert.ok(Math.abs(a - 0.5) < 0.04, `AUC ${a}`);
});

test('is deterministic for a seed and independent of the thread count', async () => {
  const train = synthetic('signal', 3000, 5, 5);
  const params = { ...small, subsample: 0.7, colsample: 0.8, seed: 42 };
  const a = await trainGbdt(train, params);
  const b = await trainGbdt(train, params);
  const c = await trainGbdt(train, { ...params, threads: 2 });
  assert.deepEqual(a.trees, b.trees);
  assert.deepEqual(a.trees, c.trees);
  assert.deepEqual(predictProba(a, train.X, train.rows, train.cols), predictProba(c, train.X, train.rows, train.cols));
  const d = await trainGbdt(train, { ...params, seed: 43 });
  assert.notDeepEqual(a.trees, d.trees);
});

test('early stopping keeps the best prefix of trees', async () => {
  const train = synthetic('noise', 3000, 5, 6);
  const valid = synthetic('noise', 2000, 5, 7);
  const model = await trainGbdt(train, { trees: 300, depth: 5, learningRate: 0.3, earlyStoppingRounds: 5 }, valid);
  assert.ok(model.validLoss.length < 300, `ran ${model.validLoss.length} trees`);
  assert.equal(model.trees.length, model.bestIteration);
  assert.equal(model.validLoss.length, model.bestIteration + 5);
  const best = Math.min(...model.validLoss);
  assert.equal(model.validLoss[model.bestIteration - 1], best);
});

function leafOf(t: GbdtTree, x: ArrayLike<number>): number {
  let n = 0;
  while (t.feature[n]! >= 0) {
    const v = x[t.feature[n]!]!;
    n = (Number.isNaN(v) ? t.nanLeft[n] === 1 : Math.fround(v) <= t.threshold[n]!) ? t.left[n]! : t.right[n]!;
  }
  return n;
}

test('leaves hold at least minLeaf training rows; thresholds are float32; NaN rows follow the learned side', async () => {
  const train = synthetic('signal', 4000, 5, 8, 0.2);
  const minLeaf = 40;
  const model = await trainGbdt(train, { trees: 5, depth: 6, minLeaf });
  for (const t of model.trees) {
    const counts = new Map<number, number>();
    for (let r = 0; r < train.rows; r++) {
      const leaf = leafOf(t, train.X.subarray(r * 5, r * 5 + 5));
      counts.set(leaf, (counts.get(leaf) ?? 0) + 1);
    }
    for (const c of counts.values()) assert.ok(c >= minLeaf, `leaf with ${c} rows`);
    t.threshold.forEach((v, i) => t.feature[i]! >= 0 && assert.equal(Math.fround(v), v));
  }
  // Missing x3 means logit 4 in the generator: such rows must score higher than average.
  const p = predictProba(model, train.X, train.rows, train.cols);
  let missing = 0,
    nMissing = 0,
    all = 0;
  for (let r = 0; r < train.rows; r++) {
    all += p[r]!;
    if (Number.isNaN(train.X[r * 5 + 3]!)) {
      missing += p[r]!;
      nMissing++;
    }
  }
  assert.ok(missing / nMissing > all / train.rows + 0.1);
});

test('bad parameters and labels are rejected with the right error', async () => {
  const train = synthetic('signal', 200, 3, 9);
  await assert.rejects(trainGbdt(train, { depth: 0 }), UsageError);
  await assert.rejects(trainGbdt(train, { bins: 256 }), UsageError);
  await assert.rejects(trainGbdt({ ...train, y: new Float64Array(200).fill(1) }), DataError);
  await assert.rejects(trainGbdt({ ...train, y: new Float64Array(200).fill(2) }), DataError);
  await assert.rejects(trainGbdt({ ...train, rows: 100 }), DataError);
});
