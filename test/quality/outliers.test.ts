import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Split } from '../../src/lib/types.js';
import { bar, findingsOf, problems, SESSIONS } from './build-bars.js';

/** Raw (unadjusted) closes around a 4-for-1 split executed 2024-01-09: the price quarters overnight. */
const RAW_CLOSES = [400, 404, 402, 406, 408, 102, 103, 101, 104];
const rawBars = () => SESSIONS.map((d, i) => bar(d, RAW_CLOSES[i]!, { low: RAW_CLOSES[i]! - 1 }));
const split: Split = { symbol: 'TEST', executionDate: '2024-01-09', splitFrom: 1, splitTo: 4 };

test('a 75% drop on a recorded 4-for-1 split day is not an outlier', () => {
  assert.deepEqual(problems(rawBars(), [split]), []);
});

test('the same drop without the split recorded is an outlier warning', () => {
  assert.deepEqual(problems(rawBars()), [['warning', 'outlier-move', '2024-01-09']]);
  const f = findingsOf(rawBars()).find((x) => x.check === 'outlier-move');
  assert.equal(f?.detail?.previousDate, '2024-01-08');
  assert.equal(f?.detail?.return, 102 / 408 - 1);
  assert.match(f?.message ?? '', /-75\.0%/);
});

test('a split recorded for another day or symbol does not explain the move', () => {
  assert.deepEqual(problems(rawBars(), [{ ...split, executionDate: '2024-01-10' }]), [
    ['warning', 'outlier-move', '2024-01-09'],
  ]);
  assert.deepEqual(problems(rawBars(), [{ ...split, symbol: 'OTHER' }]), [['warning', 'outlier-move', '2024-01-09']]);
});

test('a split that does not account for the move (2-for-1 recorded, price quartered) is still flagged', () => {
  const f = findingsOf(rawBars(), [{ ...split, splitTo: 2 }]).filter((x) => x.check === 'outlier-move');
  assert.equal(f.length, 1);
  assert.equal(f[0]?.detail?.splitTo, 2);
});

test('a split-adjusted series with the split recorded shows nothing', () => {
  const adjusted = SESSIONS.map((d, i) => bar(d, 100 + i));
  assert.deepEqual(problems(adjusted, [split]), []);
});

test('the bound is inclusive-safe and configurable; moves up count too', () => {
  const up = SESSIONS.map((d, i) => bar(d, i === 5 ? 130 : 100, { low: 99 }));
  // 100 -> 130 is +30% (flagged at the default 25%), then 130 -> 100 is -23.1% (not flagged).
  assert.deepEqual(problems(up), [['warning', 'outlier-move', '2024-01-09']]);
  assert.deepEqual(problems(up, [], { asOf: '2024-01-13', outlierReturn: 0.35 }), []);
  assert.deepEqual(problems(up, [], { asOf: '2024-01-13', outlierReturn: 0.2 }), [
    ['warning', 'outlier-move', '2024-01-09'],
    ['warning', 'outlier-move', '2024-01-10'],
  ]);
});
