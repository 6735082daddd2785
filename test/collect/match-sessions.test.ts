import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchSessions } from '../../src/lib/collect/collect-daily.js';
import { nyMidnight } from '../../src/lib/time.js';

test('matchSessions: rows of the wanted sessions and, per session, whether its bar came', () => {
  // Served Jan 2–12 2024 sessions without Jan 5 and Jan 9; wanted Dec 29, Jan 3–5, Jan 8–10, Jan 16 (hand-worked).
  const served = new Float64Array(
    ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-08', '2024-01-10', '2024-01-11', '2024-01-12'].map(nyMidnight),
  );
  const { rows, present } = matchSessions(served, [
    '2023-12-29',
    '2024-01-03',
    '2024-01-04',
    '2024-01-05',
    '2024-01-08',
    '2024-01-09',
    '2024-01-10',
    '2024-01-16',
  ]);
  assert.deepEqual([...rows!], [1, 2, 3, 4]);
  assert.deepEqual([...present], [0, 1, 1, 0, 1, 0, 1, 0]);
  const all = matchSessions(served.subarray(0, 3), ['2024-01-02', '2024-01-03', '2024-01-04']);
  assert.equal(all.rows, null, 'every row wanted: no copy');
  assert.deepEqual([...all.present], [1, 1, 1]);
  assert.deepEqual([...matchSessions(new Float64Array(0), ['2024-01-02']).present], [0]);
});
