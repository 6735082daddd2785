import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sessionClose } from '../../src/lib/market/calendar.js';
import { cleanBars, findingsOf, problems } from './build-bars.js';

// The clean series ends on Friday 2024-01-12; Monday 2024-01-15 is MLK Day.
test('up to date: last bar is the last completed session', () => {
  assert.deepEqual(problems(cleanBars(), [], { asOf: '2024-01-12' }), []);
  assert.deepEqual(problems(cleanBars(), [], { asOf: '2024-01-15' }), [], 'MLK Day adds no session');
  // Tuesday before the close: Friday is still the last completed session.
  assert.deepEqual(problems(cleanBars(), [], { asOf: '2024-01-16', nowMs: sessionClose('2024-01-16') - 1 }), []);
});

test('one session behind once the bell rings: warning', () => {
  const found = findingsOf(cleanBars(), [], { asOf: '2024-01-16', nowMs: sessionClose('2024-01-16') });
  const stale = found.filter((f) => f.level !== 'info');
  assert.deepEqual(
    stale.map((f) => [f.level, f.check, f.date]),
    [['warning', 'stale-data', '2024-01-12']],
  );
  assert.deepEqual(stale[0]?.detail, { lastBar: '2024-01-12', expected: '2024-01-16', sessionsBehind: 1 });
});

test('five sessions behind is a warning, six an error', () => {
  // Sessions after 01-12: 16, 17, 18, 19, 22, 23.
  const five = findingsOf(cleanBars(), [], { asOf: '2024-01-22' }).find((f) => f.check === 'stale-data');
  assert.equal(five?.level, 'warning');
  assert.equal(five?.detail?.sessionsBehind, 5);
  const six = findingsOf(cleanBars(), [], { asOf: '2024-01-23' }).find((f) => f.check === 'stale-data');
  assert.equal(six?.level, 'error');
  assert.equal(six?.detail?.sessionsBehind, 6);
});

test('a bar for a session that has not closed yet: unfinished-session warning', () => {
  const nowMs = sessionClose('2024-01-12') - 60_000;
  assert.deepEqual(problems(cleanBars(), [], { asOf: '2024-01-12', nowMs }), [
    ['warning', 'unfinished-session', '2024-01-12'],
  ]);
  assert.deepEqual(problems(cleanBars(), [], { asOf: '2024-01-11' }), [
    ['warning', 'unfinished-session', '2024-01-12'],
  ]);
});
