import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nyMidnight } from '../../src/lib/time.js';
import { cleanBars, findingsOf, problems } from './build-bars.js';

const without = (...dates: string[]) => cleanBars().filter((b) => !dates.some((d) => b.ts === nyMidnight(d)));

test('one missing session: one error with the date', () => {
  assert.deepEqual(problems(without('2024-01-09')), [['error', 'missing-sessions', '2024-01-09']]);
});

test('a run of missing sessions across a weekend is one finding listing every date', () => {
  const findings = findingsOf(without('2024-01-04', '2024-01-05', '2024-01-08', '2024-01-11'));
  const gaps = findings.filter((f) => f.check === 'missing-sessions');
  assert.deepEqual(
    gaps.map((f) => f.detail),
    [
      { from: '2024-01-04', to: '2024-01-08', count: 3, dates: '2024-01-04,2024-01-05,2024-01-08' },
      { from: '2024-01-11', to: '2024-01-11', count: 1, dates: '2024-01-11' },
    ],
  );
  assert.equal(findings.filter((f) => f.level === 'error').length, 2);
});

test('missing first or last sessions are not gaps (the range is first..last bar)', () => {
  assert.deepEqual(problems(without('2024-01-02')), []);
  const findings = findingsOf(without('2024-01-02'));
  assert.equal(findings[0]?.detail?.first, '2024-01-03');
});

test('a holiday with no bar is not a gap (2024-01-15 MLK Day between 01-12 and 01-16)', () => {
  const bars = [...cleanBars(), { ...cleanBars()[0]!, ts: nyMidnight('2024-01-16') }];
  assert.deepEqual(problems(bars, [], { asOf: '2024-01-16' }), []);
});
