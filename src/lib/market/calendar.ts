/**
 * The NYSE trading calendar: which New York days are sessions, when they open and close.
 * A session is a weekday that is not an exchange holiday; regular hours 09:30–16:00 America/New_York,
 * early closes at 13:00 (see calendar-holidays.ts for the rules and their sources).
 * Each year is computed once and cached, so range queries over a decade cost a few binary searches.
 */
import { UsageError } from '../errors.js';
import { nyDate, nyTime, parseDate } from '../time.js';
import type { SessionDate } from '../types.js';
import { closuresOfYear, Weekday } from './calendar-holidays.js';

/** Years the rules are known to match the exchange's published calendars (July 3 half-day rule starts 1995). */
export const CALENDAR_YEARS = { first: 1995, last: 2099 } as const;

interface YearTable {
  sessions: SessionDate[];
  sessionSet: Set<SessionDate>;
  holidays: Map<SessionDate, string>;
  earlyCloses: Set<SessionDate>;
}

const years = new Map<number, YearTable>();
const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

function yearTable(year: number): YearTable {
  let table = years.get(year);
  if (table) return table;
  if (!Number.isInteger(year) || year < CALENDAR_YEARS.first || year > CALENDAR_YEARS.last) {
    throw new UsageError(`NYSE calendar covers ${CALENDAR_YEARS.first}–${CALENDAR_YEARS.last}; got year ${year}`);
  }
  const { holidays, earlyCloses } = closuresOfYear(year);
  const sessions: SessionDate[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
    const day = new Date(t).getUTCDay();
    const date = new Date(t).toISOString().slice(0, 10);
    if (day !== Weekday.saturday && day !== Weekday.sunday && !holidays.has(date)) sessions.push(date);
  }
  table = { sessions, sessionSet: new Set(sessions), holidays, earlyCloses };
  years.set(year, table);
  return table;
}

/** The year table of a date, after checking the date is a real `YYYY-MM-DD` day (fast path for sessions). */
function tableOf(date: SessionDate): YearTable {
  if (typeof date !== 'string' || !DATE_SHAPE.test(date)) {
    throw new UsageError(`malformed date "${String(date)}": expected YYYY-MM-DD`);
  }
  const table = yearTable(Number(date.slice(0, 4)));
  if (!table.sessionSet.has(date)) parseDate(date);
  return table;
}

/**
 * Binary search in sorted dates (same-format strings compare chronologically): the index of the first element
 * > date (`after`) or >= date (`atOrAfter`).
 */
function searchSorted(sorted: readonly SessionDate[], date: SessionDate, side: 'after' | 'atOrAfter'): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const el = sorted[mid]!;
    if (el < date || (side === 'after' && el === date)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function isSession(date: SessionDate): boolean {
  return tableOf(date).sessionSet.has(date);
}

/** Name of the holiday or special closure that closes the exchange on this weekday, else null. */
export function holidayName(date: SessionDate): string | null {
  return tableOf(date).holidays.get(date) ?? null;
}

/** True on sessions that close at 13:00 New York time. */
export function isEarlyClose(date: SessionDate): boolean {
  return tableOf(date).earlyCloses.has(date);
}

function requireSession(date: SessionDate, what: string): YearTable {
  const table = tableOf(date);
  if (!table.sessionSet.has(date)) throw new UsageError(`${what}: ${date} is not an NYSE session`);
  return table;
}

const closeCache = new Map<SessionDate, number>();

/** UTC epoch ms of the session's closing bell (16:00, or 13:00 on early-close days, New York time). */
export function sessionClose(date: SessionDate): number {
  let ms = closeCache.get(date);
  if (ms === undefined) {
    const table = requireSession(date, 'sessionClose');
    ms = nyTime(date, table.earlyCloses.has(date) ? 13 : 16);
    closeCache.set(date, ms);
  }
  return ms;
}

/** UTC epoch ms of the session's opening bell (09:30 New York time). */
export function sessionOpen(date: SessionDate): number {
  requireSession(date, 'sessionOpen');
  return nyTime(date, 9, 30);
}

/** Every session from `from` to `to`, both inclusive, oldest first (empty when from > to). */
export function sessionsBetween(from: SessionDate, to: SessionDate): SessionDate[] {
  tableOf(from);
  tableOf(to);
  const out: SessionDate[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
    const sessions = yearTable(y).sessions;
    const start = searchSorted(sessions, from, 'atOrAfter');
    const end = searchSorted(sessions, to, 'after');
    for (let i = start; i < end; i++) out.push(sessions[i]!);
  }
  return out;
}

/** The first session strictly after `date`. */
export function nextSession(date: SessionDate): SessionDate {
  tableOf(date);
  for (let y = Number(date.slice(0, 4)); ; y++) {
    const sessions = yearTable(y).sessions;
    const next = sessions[searchSorted(sessions, date, 'after')];
    if (next !== undefined) return next;
  }
}

/** The last session strictly before `date`. */
export function previousSession(date: SessionDate): SessionDate {
  tableOf(date);
  for (let y = Number(date.slice(0, 4)); ; y--) {
    const sessions = yearTable(y).sessions;
    const prev = sessions[searchSorted(sessions, date, 'atOrAfter') - 1];
    if (prev !== undefined) return prev;
  }
}

/** `date` itself when it is a session, else the last session before it. */
export function sessionOnOrBefore(date: SessionDate): SessionDate {
  return isSession(date) ? date : previousSession(date);
}

/** The latest session whose closing bell rang at or before instant `nowMs` (UTC epoch ms). */
export function lastCompletedSession(nowMs: number): SessionDate {
  if (!Number.isFinite(nowMs)) throw new UsageError(`lastCompletedSession: invalid instant ${nowMs}`);
  const candidate = sessionOnOrBefore(nyDate(nowMs));
  return sessionClose(candidate) <= nowMs ? candidate : previousSession(candidate);
}
