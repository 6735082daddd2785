/**
 * sessionStamp (table arithmetic) against the Intl time-zone path it replaces: nyMidnight(nyDate(t)),
 * built on Intl.DateTimeFormat with America/New_York (IANA tz database).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionStamp, stampSessions } from '../../src/lib/market/session-stamp.js';
import { nyDate, nyMidnight } from '../../src/lib/time.js';

const HOUR = 3_600_000;

test('every 20 minutes around each DST change 2005–2026, and every 7 hours 1990–2030: same as nyMidnight(nyDate(t))', () => {
  const instants: number[] = [];
  for (let y = 2005; y <= 2026; y++) {
    for (const [month, day] of [
      [2, 1],
      [2, 7],
      [2, 14],
      [9, 25],
      [10, 1],
      [10, 7],
    ] as const) {
      const base = Date.UTC(y, month, day);
      for (let m = 0; m < 48 * 60; m += 20) instants.push(base + m * 60_000);
    }
  }
  for (let t = Date.UTC(1990, 0, 1); t < Date.UTC(2030, 0, 1); t += 7 * HOUR) instants.push(t);
  for (const t of instants) assert.equal(sessionStamp(t), nyMidnight(nyDate(t)), new Date(t).toISOString());
});

test('hand-checked: the evenings before the 2024 clock changes, and instants outside the table', () => {
  // 2024-03-10 04:30 UTC is 23:30 EST on Mar 9 → Mar 9 00:00 EST = 05:00 UTC.
  assert.equal(sessionStamp(Date.UTC(2024, 2, 10, 4, 30)), Date.UTC(2024, 2, 9, 5));
  // 2024-11-03 04:30 UTC is 00:30 EDT on Nov 3 → Nov 3 00:00 EDT = 04:00 UTC.
  assert.equal(sessionStamp(Date.UTC(2024, 10, 3, 4, 30)), Date.UTC(2024, 10, 3, 4));
  // A daily bar's own stamp maps to itself.
  assert.equal(sessionStamp(1112331600000), 1112331600000); // 2005-04-01 00:00 EST (recorded mock aggregates)
  for (const t of [Date.UTC(1969, 6, 20, 20), Date.UTC(2200, 0, 1, 12)])
    assert.equal(sessionStamp(t), nyMidnight(nyDate(t)));
});

test('stampSessions in place equals sessionStamp per element, whatever the table already holds', () => {
  const raw = [
    Date.UTC(2031, 2, 9, 4, 30),
    Date.UTC(2031, 2, 9, 5),
    Date.UTC(2031, 2, 10, 3),
    Date.UTC(1950, 0, 1),
    Date.UTC(2031, 10, 2, 23),
    Date.UTC(2031, 10, 2, 3, 59),
  ];
  for (let round = 0; round < 2; round++) {
    const ts = new Float64Array(raw);
    stampSessions(ts);
    assert.deepEqual(
      [...ts],
      raw.map((t) => nyMidnight(nyDate(t))),
      `round ${round}`,
    );
  }
});
