/**
 * NYSE full-day closures and 1:00 p.m. early closes of one year, computed from rules (no data files).
 *
 * Sources, checked 2025:
 * - NYSE Group holiday announcements for 2021–2024 (mondovisione.com, "NYSE Group announces 2022, 2023 and 2024
 *   holiday and early closings calendar"): no holiday for New Year's Day 2022 (a Saturday) "pursuant to NYSE Rule 7.2";
 *   early closes at 1:00 p.m. on July 3 2023 (Mon) and July 3 2024 (Wed), the day after Thanksgiving, Christmas Eve.
 * - pandas_market_calendars exchange_calendar_nyse.py / holidays_nyse.py (rsheftel/pandas_market_calendars):
 *   July 3 is a half day on Mon/Tue/Thu since 1995 and on Wednesdays since 2013; before 2013 a Thursday July 4 put the
 *   half day on Friday July 5 instead; ad-hoc 1:00 p.m. closes 1997-12-26, 1999-12-31, 2003-12-26; special closures.
 */
import { formatUtcDate, weekday } from '../time.js';
import type { SessionDate } from '../types.js';

export const Weekday = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 } as const;

/** Unscheduled full-day closures (national days of mourning, 9/11, Hurricane Sandy). */
const SPECIAL_CLOSURES: ReadonlyArray<readonly [SessionDate, string]> = [
  ['2001-09-11', 'September 11 attacks'],
  ['2001-09-12', 'September 11 attacks'],
  ['2001-09-13', 'September 11 attacks'],
  ['2001-09-14', 'September 11 attacks'],
  ['2004-06-11', 'National Day of Mourning (Ronald Reagan)'],
  ['2007-01-02', 'National Day of Mourning (Gerald Ford)'],
  ['2012-10-29', 'Hurricane Sandy'],
  ['2012-10-30', 'Hurricane Sandy'],
  ['2018-12-05', 'National Day of Mourning (George H. W. Bush)'],
  ['2025-01-09', 'National Day of Mourning (Jimmy Carter)'],
];

/** One-off 1:00 p.m. closes not produced by the regular rules. */
const SPECIAL_EARLY_CLOSES: readonly SessionDate[] = ['1997-12-26', '1999-12-31', '2003-12-26'];

export interface YearClosures {
  /** Weekdays the exchange is closed, with the holiday's name. */
  holidays: Map<SessionDate, string>;
  /** Sessions that close at 13:00 New York time. */
  earlyCloses: Set<SessionDate>;
}

function ymd(year: number, month: number, day: number): SessionDate {
  return formatUtcDate(Date.UTC(year, month - 1, day));
}

/** The n-th (1-based) given weekday of a month. */
function nthWeekday(year: number, month: number, dow: number, n: number): SessionDate {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  return ymd(year, month, 1 + ((dow - first + 7) % 7) + (n - 1) * 7);
}

function lastWeekday(year: number, month: number, dow: number): SessionDate {
  const lastDay = new Date(Date.UTC(year, month, 0));
  const back = (lastDay.getUTCDay() - dow + 7) % 7;
  return ymd(year, month, lastDay.getUTCDate() - back);
}

/** Easter Sunday by the anonymous Gregorian computus (Meeus/Jones/Butcher). */
export function easterSunday(year: number): SessionDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(year, month, day);
}

function shift(date: SessionDate, days: number): SessionDate {
  const [y, m, d] = [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
  return ymd(y, m, d + days);
}

/** A fixed-date holiday on a weekend is observed on Friday (Saturday) or Monday (Sunday). */
function observed(date: SessionDate): SessionDate {
  const wd = weekday(date);
  if (wd === Weekday.saturday) return shift(date, -1);
  if (wd === Weekday.sunday) return shift(date, 1);
  return date;
}

export function closuresOfYear(year: number): YearClosures {
  const holidays = new Map<SessionDate, string>();
  const addFixed = (month: number, day: number, name: string): void => {
    const actual = ymd(year, month, day);
    const obs = observed(actual);
    holidays.set(obs, obs === actual ? name : `${name} (observed)`);
  };

  // NYSE Rule 7.2: a Saturday holiday is not moved to a Friday that ends a month or accounting year, so a
  // Saturday New Year's Day is simply lost (2022). A Sunday one is observed on Monday.
  const newYear = ymd(year, 1, 1);
  if (weekday(newYear) === Weekday.sunday) holidays.set(shift(newYear, 1), "New Year's Day (observed)");
  else if (weekday(newYear) !== Weekday.saturday) holidays.set(newYear, "New Year's Day");
  if (year >= 1998) holidays.set(nthWeekday(year, 1, Weekday.monday, 3), 'Martin Luther King Jr. Day');
  holidays.set(nthWeekday(year, 2, Weekday.monday, 3), "Washington's Birthday");
  holidays.set(shift(easterSunday(year), -2), 'Good Friday');
  holidays.set(lastWeekday(year, 5, Weekday.monday), 'Memorial Day');
  if (year >= 2022) addFixed(6, 19, 'Juneteenth National Independence Day');
  addFixed(7, 4, 'Independence Day');
  holidays.set(nthWeekday(year, 9, Weekday.monday, 1), 'Labor Day');
  const thanksgiving = nthWeekday(year, 11, Weekday.thursday, 4);
  holidays.set(thanksgiving, 'Thanksgiving Day');
  addFixed(12, 25, 'Christmas Day');
  for (const [date, name] of SPECIAL_CLOSURES) if (date.startsWith(`${year}-`)) holidays.set(date, name);

  const earlyCloses = new Set<SessionDate>();
  const july3 = ymd(year, 7, 3);
  const july3Day = weekday(july3);
  if (july3Day === Weekday.monday || july3Day === Weekday.tuesday || july3Day === Weekday.thursday)
    earlyCloses.add(july3);
  if (july3Day === Weekday.wednesday) {
    // July 4 on a Thursday: since 2013 the half day is Wednesday July 3; before, it was Friday July 5.
    earlyCloses.add(year >= 2013 ? july3 : ymd(year, 7, 5));
  }
  earlyCloses.add(shift(thanksgiving, 1));
  const christmasEve = ymd(year, 12, 24);
  const eveDay = weekday(christmasEve);
  if (eveDay >= Weekday.monday && eveDay <= Weekday.thursday) earlyCloses.add(christmasEve);
  for (const date of SPECIAL_EARLY_CLOSES) if (date.startsWith(`${year}-`)) earlyCloses.add(date);
  for (const date of holidays.keys()) earlyCloses.delete(date);
  return { holidays, earlyCloses };
}
