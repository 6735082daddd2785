import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { UsageError } from '../../src/lib/errors.js';
import { easterSunday } from '../../src/lib/market/calendar-holidays.js';
import {
  holidayName,
  isEarlyClose,
  isSession,
  lastCompletedSession,
  nextSession,
  previousSession,
  sessionClose,
  sessionOnOrBefore,
  sessionOpen,
  sessionsBetween,
} from '../../src/lib/market/calendar.js';

// Reference: data/sample/*.csv — real daily bars for 7 NYSE/Nasdaq stocks, 2013-01-02..2023-12-29, 2768 sessions each
// (copied from /work/shared/data/sample; see its SOURCES.txt). Every date there is a real trading day and none is missing.
const SAMPLE_DIR = join(process.cwd(), 'data', 'sample');

function sampleDates(file: string): string[] {
  return readFileSync(join(SAMPLE_DIR, file), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.slice(0, 10));
}

test('sessionsBetween(first, last) equals exactly the sample dates, and every sample date is a session', () => {
  const aapl = sampleDates('AAPL.csv');
  assert.equal(aapl.length, 2768);
  assert.deepEqual(sessionsBetween(aapl[0]!, aapl[aapl.length - 1]!), aapl);
  for (const file of readdirSync(SAMPLE_DIR).filter((f) => f.endsWith('.csv'))) {
    const dates = sampleDates(file);
    const notSessions = dates.filter((d) => !isSession(d));
    assert.deepEqual(notSessions, [], `${file}: dates the calendar calls closed`);
    assert.deepEqual(dates, aapl, `${file}: same sessions as AAPL`);
  }
});

// NYSE Group press releases (mondovisione.com, 2020-12-28 and 2021-12-27): holiday calendars 2021–2024, plus NYSE's
// 2025 calendar (Carter day of mourning added 2025-01-09).
const PUBLISHED_HOLIDAYS: Record<string, string[]> = {
  2021: [
    '2021-01-01',
    '2021-01-18',
    '2021-02-15',
    '2021-04-02',
    '2021-05-31',
    '2021-07-05',
    '2021-09-06',
    '2021-11-25',
    '2021-12-24',
  ],
  2022: [
    '2022-01-17',
    '2022-02-21',
    '2022-04-15',
    '2022-05-30',
    '2022-06-20',
    '2022-07-04',
    '2022-09-05',
    '2022-11-24',
    '2022-12-26',
  ],
  2023: [
    '2023-01-02',
    '2023-01-16',
    '2023-02-20',
    '2023-04-07',
    '2023-05-29',
    '2023-06-19',
    '2023-07-04',
    '2023-09-04',
    '2023-11-23',
    '2023-12-25',
  ],
  2024: [
    '2024-01-01',
    '2024-01-15',
    '2024-02-19',
    '2024-03-29',
    '2024-05-27',
    '2024-06-19',
    '2024-07-04',
    '2024-09-02',
    '2024-11-28',
    '2024-12-25',
  ],
  2025: [
    '2025-01-01',
    '2025-01-09',
    '2025-01-20',
    '2025-02-17',
    '2025-04-18',
    '2025-05-26',
    '2025-06-19',
    '2025-07-04',
    '2025-09-01',
    '2025-11-27',
    '2025-12-25',
  ],
};

test('weekday closures match the published NYSE holiday calendars 2021–2025', () => {
  for (const [year, expected] of Object.entries(PUBLISHED_HOLIDAYS)) {
    const weekdays: string[] = [];
    for (let t = Date.UTC(Number(year), 0, 1); t < Date.UTC(Number(year) + 1, 0, 1); t += 86_400_000) {
      const d = new Date(t);
      if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) weekdays.push(d.toISOString().slice(0, 10));
    }
    assert.deepEqual(
      weekdays.filter((d) => !isSession(d)),
      expected,
      `holidays ${year}`,
    );
    for (const d of expected) assert.ok(holidayName(d), `${d} has a name`);
  }
});

test('hand-picked open and closed days', () => {
  assert.equal(isSession('2022-06-20'), false, 'Juneteenth 2022 (Sunday) observed Monday');
  assert.equal(holidayName('2022-06-20'), 'Juneteenth National Independence Day (observed)');
  assert.equal(isSession('2021-06-18'), true, 'no Juneteenth closure before 2022');
  assert.equal(isSession('2021-12-31'), true, 'New Year 2022 on Saturday is not observed on Friday (NYSE Rule 7.2)');
  assert.equal(isSession('2012-10-29'), false);
  assert.equal(isSession('2012-10-30'), false);
  assert.equal(holidayName('2012-10-29'), 'Hurricane Sandy');
  assert.equal(isSession('2018-12-05'), false);
  assert.equal(isSession('2025-01-09'), false);
  assert.equal(isSession('2025-04-18'), false);
  assert.equal(holidayName('2025-04-18'), 'Good Friday');
  for (const d of ['2001-09-11', '2001-09-14', '2004-06-11', '2007-01-02']) assert.equal(isSession(d), false, d);
  assert.equal(isSession('2001-09-17'), true, 'reopened Monday after 9/11');
  assert.equal(isSession('1997-01-20'), true, 'MLK Day closures begin 1998');
  assert.equal(isSession('1998-01-19'), false);
  assert.equal(isSession('2024-01-06'), false, 'Saturday');
  assert.equal(holidayName('2024-01-06'), null, 'a weekend is not a holiday');
  assert.equal(holidayName('2024-01-10'), null);
  assert.equal(isSession('2026-07-03'), false, 'July 4 2026 is a Saturday: observed Friday');
  assert.equal(isSession('2027-06-18'), false, 'Juneteenth 2027 is a Saturday: observed Friday');
});

test('Easter computus matches known Easter Sundays', () => {
  // Dates from the Gregorian Easter tables (e.g. 2000-04-23, 2008-03-23 early, 2011-04-24 late, 2038-04-25 latest).
  const known = {
    2000: '2000-04-23',
    2008: '2008-03-23',
    2011: '2011-04-24',
    2019: '2019-04-21',
    2024: '2024-03-31',
    2025: '2025-04-20',
    2038: '2038-04-25',
  };
  for (const [year, date] of Object.entries(known)) assert.equal(easterSunday(Number(year)), date);
});

// Early closes 2013–2024: NYSE announcements (1:00 p.m. on the day before Independence Day, the day after
// Thanksgiving, Christmas Eve) — e.g. mondovisione.com 2021-12-27 lists July 3 2023 and July 3 2024.
const EARLY_CLOSES = [
  '2013-07-03',
  '2013-11-29',
  '2013-12-24',
  '2014-07-03',
  '2014-11-28',
  '2014-12-24',
  '2015-11-27',
  '2015-12-24',
  '2016-11-25',
  '2017-07-03',
  '2017-11-24',
  '2018-07-03',
  '2018-11-23',
  '2018-12-24',
  '2019-07-03',
  '2019-11-29',
  '2019-12-24',
  '2020-11-27',
  '2020-12-24',
  '2021-11-26',
  '2022-11-25',
  '2023-07-03',
  '2023-11-24',
  '2024-07-03',
  '2024-11-29',
  '2024-12-24',
];

test('early closes 2013–2024 are exactly the published list', () => {
  const found = sessionsBetween('2013-01-01', '2024-12-31').filter(isEarlyClose);
  assert.deepEqual(found, EARLY_CLOSES);
  // Before 2013 a Thursday July 4 put the half day on Friday July 5 (pandas_market_calendars holidays_nyse.py).
  assert.equal(isEarlyClose('2002-07-05'), true);
  assert.equal(isEarlyClose('2002-07-03'), false);
  assert.equal(isEarlyClose('1999-12-31'), true, 'ad-hoc early close');
  assert.equal(isEarlyClose('2025-07-03'), true);
  assert.equal(isEarlyClose('2020-07-02'), false, 'July 3 2020 was the observed holiday; no half day before it');
});

test('session open and close are DST-correct UTC instants', () => {
  assert.equal(new Date(sessionClose('2024-03-11')).toISOString(), '2024-03-11T20:00:00.000Z', 'EDT close');
  assert.equal(new Date(sessionClose('2024-01-10')).toISOString(), '2024-01-10T21:00:00.000Z', 'EST close');
  assert.equal(new Date(sessionClose('2023-11-24')).toISOString(), '2023-11-24T18:00:00.000Z', 'early close EST');
  assert.equal(new Date(sessionClose('2024-07-03')).toISOString(), '2024-07-03T17:00:00.000Z', 'early close EDT');
  assert.equal(new Date(sessionOpen('2024-03-11')).toISOString(), '2024-03-11T13:30:00.000Z');
  assert.equal(new Date(sessionOpen('2024-01-10')).toISOString(), '2024-01-10T14:30:00.000Z');
  assert.throws(() => sessionClose('2024-01-06'), UsageError);
  assert.throws(() => sessionOpen('2025-01-09'), UsageError);
});

test('next, previous and on-or-before sessions step over weekends, holidays and years', () => {
  assert.equal(nextSession('2024-07-03'), '2024-07-05');
  assert.equal(nextSession('2024-07-05'), '2024-07-08');
  assert.equal(nextSession('2024-12-31'), '2025-01-02');
  assert.equal(nextSession('2025-01-08'), '2025-01-10');
  assert.equal(previousSession('2025-01-02'), '2024-12-31');
  assert.equal(previousSession('2024-07-08'), '2024-07-05');
  assert.equal(previousSession('2023-01-03'), '2022-12-30');
  assert.equal(sessionOnOrBefore('2024-07-04'), '2024-07-03');
  assert.equal(sessionOnOrBefore('2024-07-03'), '2024-07-03');
  assert.equal(sessionOnOrBefore('2024-01-07'), '2024-01-05');
});

test('lastCompletedSession turns over exactly at the closing bell and spans weekends', () => {
  const close = sessionClose('2024-01-10');
  assert.equal(lastCompletedSession(close - 1), '2024-01-09');
  assert.equal(lastCompletedSession(close), '2024-01-10');
  // Early close: 13:00 ET on the day after Thanksgiving.
  assert.equal(lastCompletedSession(Date.parse('2023-11-24T18:00:00Z')), '2023-11-24');
  assert.equal(lastCompletedSession(Date.parse('2023-11-24T17:59:59Z')), '2023-11-22');
  // Saturday and Sunday, and Monday before the close, all point back to Friday.
  assert.equal(lastCompletedSession(Date.parse('2024-01-13T15:00:00Z')), '2024-01-12');
  assert.equal(lastCompletedSession(Date.parse('2024-01-15T18:00:00Z')), '2024-01-12', 'MLK Monday');
  assert.equal(lastCompletedSession(Date.parse('2024-01-16T20:59:59Z')), '2024-01-12');
  // 02:00Z Saturday is still Friday evening in New York.
  assert.equal(lastCompletedSession(Date.parse('2024-01-13T02:00:00Z')), '2024-01-12');
});

test('sessionsBetween edges', () => {
  assert.deepEqual(sessionsBetween('2024-07-03', '2024-07-08'), ['2024-07-03', '2024-07-05', '2024-07-08']);
  assert.deepEqual(sessionsBetween('2024-07-04', '2024-07-04'), []);
  assert.deepEqual(sessionsBetween('2024-07-08', '2024-07-03'), []);
  assert.equal(sessionsBetween('2014-01-01', '2023-12-31').length, 2516);
});

test('malformed or out-of-range dates throw UsageError', () => {
  assert.throws(() => isSession('2024-02-30'), UsageError);
  assert.throws(() => isSession('2024-1-5'), UsageError);
  assert.throws(() => isSession(' 2024-01-05'), UsageError);
  assert.throws(() => holidayName('yesterday'), UsageError);
  assert.throws(() => isSession('1990-01-02'), /covers 1995/);
  assert.throws(() => sessionsBetween('2024-01-01', '2124-01-01'), UsageError);
  assert.throws(() => lastCompletedSession(Number.NaN), UsageError);
});
