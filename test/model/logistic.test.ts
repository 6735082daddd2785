import { test } from 'node:test';
import assert from 'node:assert/strict';
import { predictLogistic, trainLogistic } from '../../src/lib/model/logistic.js';
import { mulberry32 } from '../../src/lib/model/rng.js';
import { auc } from '../../src/lib/model/metrics.js';

/** y ~ Bernoulli(sigmoid(0.5 + 1.5·x0 − 1·x1)) with x ~ N(0, 1) (Box–Muller), x2 irrelevant. */
function logisticData(rows: number, seed: number) {
  const rand = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const X = new Float64Array(rows * 3);
  const y = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    for (let f = 0; f < 3; f++) X[r * 3 + f] = normal();
    const z = 0.5 + 1.5 * X[r * 3]! - X[r * 3 + 1]!;
    y[r] = rand() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { X, y };
}

test('recovers the generating coefficients (unit-variance features, tiny L2)', () => {
  const { X, y } = logisticData(40_000, 31);
  const m = trainLogistic(X, y, 40_000, 3, { l2: 1e-6 });
  const raw = m.weights.map((w, f) => w / m.scale[f]!);
  assert.ok(Math.abs(raw[0]! - 1.5) < 0.06, `w0 ${raw[0]}`);
  assert.ok(Math.abs(raw[1]! + 1) < 0.05, `w1 ${raw[1]}`);
  assert.ok(Math.abs(raw[2]!) < 0.05, `w2 ${raw[2]}`);
  const b = m.intercept - raw.reduce((s, w, f) => s + w * m.mean[f]!, 0);
  assert.ok(Math.abs(b - 0.5) < 0.05, `intercept ${b}`);
});

test('stops at the penalized optimum: gradient of loss + L2 is zero; deterministic; L2 shrinks', () => {
  const { X, y } = logisticData(3000, 32);
  const l2 = 5;
  const m = trainLogistic(X, y, 3000, 3, { l2 });
  assert.deepEqual(trainLogistic(X, y, 3000, 3, { l2 }), m);
  const p = predictLogistic(m, X, 3000, 3);
  for (let f = 0; f < 3; f++) {
    let g = l2 * m.weights[f]!;
    for (let r = 0; r < 3000; r++) g += (p[r]! - y[r]!) * ((X[r * 3 + f]! - m.mean[f]!) / m.scale[f]!);
    assert.ok(Math.abs(g) < 1e-6, `gradient ${f}: ${g}`);
  }
  const loose = trainLogistic(X, y, 3000, 3, { l2: 0.01 });
  assert.ok(Math.abs(m.weights[0]!) < Math.abs(loose.weights[0]!));
  assert.ok(auc(p, y) > 0.75);
});
