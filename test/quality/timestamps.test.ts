import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nyMidnight } from '../../src/lib/time.js';
import { bar, cleanBars, findingsOf, problems } from './build-bars.js';

test('two rows with the same timestamp: one duplicate-bar error', () => {
  const bars = [...cleanBars(), bar('2024-01-09', 107)];
  assert.deepEqual(problems(bars), [['error', 'duplicate-bar', '2024-01-09']]);
  const f = findingsOf(bars).find((x) => x.check === 'duplicate-bar');
  assert.deepEqual(f?.detail, { ts: nyMidnight('2024-01-09'), count: 2 });
});

test('two timestamps on one session date: duplicate-bar error (and the off-midnight stamp is flagged)', () => {
  const noon = nyMidnight('2024-01-09') + 12 * 3_600_000;
  const bars = [...cleanBars(), bar('2024-01-09', 105, { ts: noon })];
  assert.deepEqual(problems(bars), [
    ['warning', 'misaligned-timestamp', '2024-01-09'],
    ['error', 'duplicate-bar', '2024-01-09'],
  ]);
  const dup = findingsOf(bars).find((x) => x.check === 'duplicate-bar');
  assert.equal(dup?.detail?.timestamps, `${nyMidnight('2024-01-09')},${noon}`);
});

test('bars stamped at UTC midnight land on the previous New York day: misaligned warning', () => {
  // 2024-01-10T00:00Z is 19:00 on 2024-01-09 in New York.
  const bars = cleanBars().filter((b) => b.ts !== nyMidnight('2024-01-10'));
  bars.push(bar('2024-01-10', 106, { ts: Date.UTC(2024, 0, 10) }));
  const found = problems(bars);
  assert.deepEqual(found, [
    ['warning', 'misaligned-timestamp', '2024-01-09'],
    ['error', 'duplicate-bar', '2024-01-09'],
    ['error', 'missing-sessions', '2024-01-10'],
  ]);
});

test('a bar on a weekend or holiday: non-session warning naming the reason', () => {
  const saturday = findingsOf([...cleanBars(), bar('2024-01-06', 103.5)]);
  assert.deepEqual(
    saturday.filter((f) => f.level !== 'info').map((f) => [f.level, f.check, f.date, f.detail?.reason]),
    [['warning', 'non-session-bar', '2024-01-06', 'Saturday']],
  );
  const holiday = findingsOf([bar('2024-01-01', 99), ...cleanBars()]);
  assert.deepEqual(
    holiday.filter((f) => f.level !== 'info').map((f) => [f.check, f.detail?.reason]),
    [['non-session-bar', "New Year's Day"]],
  );
});

test('unusable timestamps (NaN, null, before the calendar) are errors without a date', () => {
  const bars = [...cleanBars(), bar('2024-01-09', 1, { ts: Number.NaN }), bar('2024-01-09', 1, { ts: 0 })];
  assert.deepEqual(problems(bars), [
    ['error', 'bad-timestamp', undefined],
    ['error', 'bad-timestamp', undefined],
  ]);
});
