import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../../src/lib/errors.js';
import { dueSession, nextRunAfter, parseTimeOfDay, runTimeOf, wakeTimes } from '../../src/lib/schedule/run-time.js';

// Reference dates: NYSE's published 2026 holiday calendar (nyse.com/markets/hours-calendars): Thanksgiving
// Thursday 2026-11-26 closed, Friday 2026-11-27 closes at 1:00 p.m., Christmas Friday 2026-12-25 closed,
// Thursday 2026-12-24 closes at 1:00 p.m. New York is UTC−5 in winter (EST) and UTC−4 in summer (EDT).
const iso = (ms: number): string => new Date(ms).toISOString();
const at1630 = parseTimeOfDay('16:30');

test('HH:MM parses; anything else is a usage error naming the value', () => {
  assert.deepEqual(parseTimeOfDay('7:05'), { hour: 7, minute: 5, text: '07:05' });
  assert.equal(parseTimeOfDay('23:59').text, '23:59');
  for (const bad of ['25:00', '24:00', '16:60', 'abc', '1630', '16:3', '', '-1:00', '16:30:00']) {
    assert.throws(
      () => parseTimeOfDay(bad),
      (e: unknown) => e instanceof UsageError && e.message.includes(bad),
    );
  }
});

test('regular sessions run at the time in New York, winter and summer', () => {
  assert.equal(iso(runTimeOf('2026-12-03', at1630)), '2026-12-03T21:30:00.000Z');
  assert.equal(iso(runTimeOf('2026-07-09', at1630)), '2026-07-09T20:30:00.000Z');
});

test('early-close sessions keep the offset after the 13:00 close; times before 16:00 are not moved', () => {
  assert.equal(iso(runTimeOf('2026-11-27', at1630)), '2026-11-27T18:30:00.000Z');
  assert.equal(iso(runTimeOf('2026-12-24', parseTimeOfDay('17:15'))), '2026-12-24T19:15:00.000Z');
  assert.equal(iso(runTimeOf('2026-11-27', parseTimeOfDay('08:00'))), '2026-11-27T13:00:00.000Z');
  assert.deepEqual(
    wakeTimes(at1630).map((t) => t.text),
    ['16:30', '13:30'],
  );
  assert.deepEqual(
    wakeTimes(parseTimeOfDay('08:00')).map((t) => t.text),
    ['08:00'],
  );
});

test('the next run skips weekends and holidays and moves earlier on half days', () => {
  // Wednesday before Thanksgiving, after the run: Thursday is closed, Friday is a half day.
  const wedEvening = Date.parse('2026-11-25T22:00:00Z');
  assert.deepEqual(nextRunAfter(wedEvening, at1630), {
    session: '2026-11-27',
    atMs: Date.parse('2026-11-27T18:30:00Z'),
  });
  // Friday after its run → Monday. Christmas Eve after its run → Monday Dec 28 (Dec 25 closed, weekend).
  assert.equal(nextRunAfter(Date.parse('2026-11-27T19:00:00Z'), at1630).session, '2026-11-30');
  assert.equal(nextRunAfter(Date.parse('2026-12-24T19:00:00Z'), at1630).session, '2026-12-28');
  // Before today's run time → today.
  assert.equal(nextRunAfter(Date.parse('2026-12-03T15:00:00Z'), at1630).session, '2026-12-03');
});

test('due: only a session, only after its run time', () => {
  assert.equal(dueSession(Date.parse('2026-12-03T21:29:00Z'), at1630), null);
  assert.equal(dueSession(Date.parse('2026-12-03T21:30:00Z'), at1630), '2026-12-03');
  assert.equal(dueSession(Date.parse('2026-11-26T23:00:00Z'), at1630), null);
  assert.equal(dueSession(Date.parse('2026-11-27T18:31:00Z'), at1630), '2026-11-27');
});
