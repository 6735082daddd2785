import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pearson, returnCorrelation } from '../../src/lib/risk/correlation.js';

const DAY = 86_400_000;

/** Closes that start at `start` and then move by `returns`, one per day from day 0. */
function series(start: number, returns: number[], firstDay = 0): { ts: number[]; close: number[] } {
  const close = [start];
  for (const r of returns) close.push(close.at(-1)! * (1 + r));
  return { ts: close.map((_, i) => (firstDay + i) * DAY), close };
}

// Hand computation (Pearson's r). a = [0.1, −0.1, 0.1, 0], b = [0.05, −0.02, 0.01, 0.02];
// means 0.025 and 0.015; deviations a: 0.075, −0.125, 0.075, −0.025; b: 0.035, −0.035, −0.005, 0.005;
// Σdadb = 0.002625 + 0.004375 − 0.000375 − 0.000125 = 0.0065; Σda² = 0.0275; Σdb² = 0.0025;
// r = 0.0065 / √(0.0275 × 0.0025) = 0.0065 / 0.00829156… = 0.783929…
const A = [0.1, -0.1, 0.1, 0];
const B = [0.05, -0.02, 0.01, 0.02];

test('pearson: the hand-computed 0.7839', () => {
  assert.ok(Math.abs(pearson(A, B) - 0.7839294959) < 1e-9);
  assert.ok(Math.abs(pearson(A, A) - 1) < 1e-12);
  assert.ok(Number.isNaN(pearson([0.01, 0.01], [0.02, 0.03])), 'a flat series has no correlation');
});

test('returnCorrelation: simple daily returns from the closes, the last N sessions up to the as-of session', () => {
  const a = series(100, A);
  const b = series(50, B);
  const r = returnCorrelation(a, b, 4 * DAY, 4);
  assert.equal(r?.sessions, 4);
  assert.ok(Math.abs(r.value - 0.7839294959) < 1e-9, String(r?.value));
  // too little history for a 5-session window: no judgement
  assert.equal(returnCorrelation(a, b, 4 * DAY, 5), null);
});

test('point in time: bars after the as-of session change nothing', () => {
  const a = series(100, [...A, 0.3, -0.2]);
  const b = series(50, [...B, -0.3, 0.25]);
  const before = returnCorrelation(series(100, A), series(50, B), 4 * DAY, 4);
  const withLater = returnCorrelation(a, b, 4 * DAY, 4);
  assert.deepEqual(withLater, before);
  // the later bars do count once the as-of session reaches them
  assert.notDeepEqual(returnCorrelation(a, b, 6 * DAY, 4), before);
});

test('returns pair only sessions both symbols have: a bar missing in one series is skipped in both', () => {
  const a = series(100, [0.02, ...A]); // one extra leading day
  const b = series(50, B, 1); // starts a day later
  const r = returnCorrelation(a, b, 5 * DAY, 4);
  assert.ok(Math.abs(r!.value - 0.7839294959) < 1e-9);
  // drop b's day-3 bar: the common closes are days 1, 2, 4, 5 → three returns only
  const gap = { ts: b.ts.filter((_, i) => i !== 2), close: b.close.filter((_, i) => i !== 2) };
  assert.equal(returnCorrelation(a, gap, 5 * DAY, 4), null);
  assert.equal(returnCorrelation(a, gap, 5 * DAY, 3)?.sessions, 3);
});
