import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fixturePath } from '../helpers/tmp.js';
import { accuracy, auc, calibrationBins, logLoss, precision, recall } from '../../src/lib/model/metrics.js';
import { mulberry32 } from '../../src/lib/model/rng.js';

/** O(P·N) definition: share of (positive, negative) pairs ordered correctly, ties counting ½. */
function pairwiseAuc(p: number[], y: number[]): number {
  let s = 0;
  let pairs = 0;
  for (let i = 0; i < p.length; i++) {
    if (y[i] !== 1) continue;
    for (let j = 0; j < p.length; j++) {
      if (y[j] !== 0) continue;
      pairs++;
      s += p[i]! > p[j]! ? 1 : p[i] === p[j] ? 0.5 : 0;
    }
  }
  return s / pairs;
}

test('AUC of a hand-computed example with a tie', () => {
  // Positives score 0.9, 0.4, 0.35; negatives 0.8, 0.4, 0.1. Pairs (pos > neg):
  // 0.9 beats all 3; 0.4 beats 0.1, ties 0.4 (½), loses to 0.8; 0.35 beats 0.1 → (3 + 1.5 + 1) / 9.
  const p = [0.9, 0.8, 0.4, 0.4, 0.35, 0.1];
  const y = [1, 0, 1, 0, 1, 0];
  assert.equal(auc(p, y), 5.5 / 9);
});

test('AUC equals the brute-force pairwise count on random tied scores', () => {
  const rand = mulberry32(11);
  for (let trial = 0; trial < 20; trial++) {
    const n = 50 + trial * 7;
    const y = Array.from({ length: n }, () => (rand() < 0.3 ? 1 : 0));
    const p = y.map((v) => Math.round((v * 0.2 + rand()) * 8) / 8); // coarse grid → many ties
    if (!y.includes(1) || !y.includes(0)) continue;
    assert.ok(Math.abs(auc(p, y) - pairwiseAuc(p, y)) < 1e-12);
  }
});

test('AUC is NaN with one class, 1 when perfectly separated, 0.5 when all scores tie', () => {
  assert.ok(Number.isNaN(auc([0.1, 0.2], [1, 1])));
  assert.equal(auc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1]), 1);
  assert.equal(auc([0.5, 0.5, 0.5], [0, 1, 0]), 0.5);
});

test('metrics match scikit-learn on test/fixtures/model/sklearn-metrics.json', () => {
  type Reference = {
    p: number[];
    y: number[];
    roc_auc_score: number;
    log_loss: number;
    accuracy: number;
    precision: number;
    recall: number;
  };
  const ref = JSON.parse(readFileSync(fixturePath('model', 'sklearn-metrics.json'), 'utf8')) as Reference;
  const { p, y } = ref;
  assert.ok(Math.abs(auc(p, y) - ref.roc_auc_score) < 1e-12);
  assert.ok(Math.abs(logLoss(p, y) - ref.log_loss) < 1e-12);
  assert.ok(Math.abs(accuracy(p, y) - ref.accuracy) < 1e-12);
  assert.ok(Math.abs(precision(p, y) - ref.precision) < 1e-12);
  assert.ok(Math.abs(recall(p, y) - ref.recall) < 1e-12);
});

test('log loss of a hand-computed example', () => {
  // −(ln 0.8 + ln(1 − 0.4)) / 2
  assert.ok(Math.abs(logLoss([0.8, 0.4], [1, 0]) - -(Math.log(0.8) + Math.log(0.6)) / 2) < 1e-15);
});

test('calibration bins count rows and average predictions and outcomes per bin', () => {
  const bins = calibrationBins([0.05, 0.15, 0.12, 0.95, 1], [0, 1, 0, 1, 1], 10);
  assert.deepEqual(
    bins.map((b) => [b.lower, b.count]),
    [
      [0, 1],
      [0.1, 2],
      [0.9, 2],
    ],
  );
  assert.ok(Math.abs(bins[1]!.meanPredicted - 0.135) < 1e-12);
  assert.equal(bins[1]!.observedRate, 0.5);
  assert.equal(bins[2]!.observedRate, 1);
});
