import { test } from 'node:test';
import assert from 'node:assert/strict';
import { holdoutSplit, indexSessions, walkForwardSplits } from '../../src/lib/model/walk-forward.js';
import { evaluate, sampleStd, topKHitRate } from '../../src/lib/model/evaluate.js';
import { DataError, UsageError } from '../../src/lib/errors.js';

/** 3 symbols × 40 sessions, rows grouped by symbol (as the matrix builder emits them). */
function rowsOf(sessions: number, symbols: number): Float64Array {
  const ts: number[] = [];
  for (let s = 0; s < symbols; s++) for (let d = 0; d < sessions; d++) ts.push(1_000 + d * 86_400_000);
  return Float64Array.from(ts);
}

test('walk-forward folds: train sessions all before test sessions, purge gap = horizon, no overlap, test blocks tile the end', () => {
  const ts = rowsOf(40, 3);
  const index = indexSessions(ts);
  for (const gap of [1, 3, 5]) {
    const splits = walkForwardSplits(index, 4, gap);
    assert.equal(splits.length, 4);
    // 40 sessions / (4 + 1) = blocks of 8: tests on sessions 8..15, 16..23, 24..31, 32..39
    assert.deepEqual(
      splits.map((s) => s.testSessions),
      [
        [8, 15],
        [16, 23],
        [24, 31],
        [32, 39],
      ],
    );
    for (const s of splits) {
      const trainSessions = [...s.train].map((r) => index.ofRow[r]!);
      const testSessions = [...s.test].map((r) => index.ofRow[r]!);
      const lastTrain = Math.max(...trainSessions);
      const firstTest = Math.min(...testSessions);
      assert.equal(firstTest - lastTrain - 1, gap, 'sessions purged between train and test');
      assert.ok(trainSessions.every((x) => x < firstTest));
      assert.equal(new Set([...s.train].filter((r) => s.test.includes(r))).size, 0);
      assert.equal(s.test.length, 8 * 3);
      assert.equal(s.train.length, (firstTest - gap) * 3);
      assert.deepEqual(s.trainSessions, [0, firstTest - gap - 1]);
    }
  }
});

test('holdout split: the last fraction of sessions, training stops gap sessions before it', () => {
  const index = indexSessions(rowsOf(50, 2));
  const h = holdoutSplit(index, 0.2, 3);
  assert.deepEqual(h.testSessions, [40, 49]);
  assert.deepEqual(h.trainSessions, [0, 36]);
  assert.equal(h.test.length, 20);
  assert.equal(h.train.length, 74);
});

test('walk-forward rejects fewer than 2 folds (usage) and too little history (data)', () => {
  const index = indexSessions(rowsOf(12, 1));
  assert.throws(
    () => walkForwardSplits(index, 1, 1),
    (e: unknown) => e instanceof UsageError && /--folds/.test(e.message),
  );
  // blocks of 12 / 6 = 2 sessions: the first test starts at session 2, so a gap of 1 leaves 1 training session, a gap of 2 none
  assert.equal(walkForwardSplits(index, 5, 1)[0]!.train.length, 1);
  assert.throws(() => walkForwardSplits(index, 5, 2), DataError);
  assert.throws(() => walkForwardSplits(indexSessions(rowsOf(3, 1)), 5, 1), DataError);
});

test('top-k hit rate: the k highest probabilities of each session, by hand', () => {
  // session 0: p = .9 (y1), .8 (y0), .1 (y1) → top-2 picks .9 and .8: 1 hit
  // session 1: p = .3 (y1), .7 (y1) → both picked: 2 hits
  const p = [0.9, 0.8, 0.1, 0.3, 0.7];
  const y = [1, 0, 1, 1, 1];
  const session = [0, 0, 0, 1, 1];
  assert.equal(topKHitRate(p, y, session, 2), 3 / 4);
  assert.equal(topKHitRate(p, y, session, 1), 2 / 2);
  const m = evaluate(Float64Array.from(p), Float64Array.from(y), Int32Array.from(session), 2);
  assert.equal(m.baseRate, 4 / 5);
  assert.equal(m.rows, 5);
  // sample std of 1, 2, 3, 4 = sqrt(5/3)
  assert.equal(sampleStd([1, 2, 3, 4]), Math.sqrt(5 / 3));
});
