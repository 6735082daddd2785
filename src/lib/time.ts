import { UsageError } from './errors.js';
import type { SessionDate } from './types.js';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Validate a `YYYY-MM-DD` string (a real calendar date) and return it. */
export function parseDate(raw: string, what = 'date'): SessionDate {
  const m = DATE_RE.exec(raw.trim());
  if (!m) throw new UsageError(`malformed ${what} "${raw}": expected YYYY-MM-DD`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  if (formatUtcDate(t) !== raw.trim()) throw new UsageError(`malformed ${what} "${raw}": no such day`);
  return raw.trim();
}

/** Epoch ms of UTC midnight of a `YYYY-MM-DD` day (a day number, not an instant in New York). */
export function utcMidnight(date: SessionDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

export function formatUtcDate(ms: number): SessionDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: SessionDate, days: number): SessionDate {
  return formatUtcDate(utcMidnight(date) + days * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: SessionDate): number {
  return new Date(utcMidnight(date)).getUTCDay();
}

// Created on first use: building a time-zone formatter costs tens of milliseconds, which `ats --help` must not pay.
let nyFormatter: Intl.DateTimeFormat | null = null;
function formatter(): Intl.DateTimeFormat {
  nyFormatter ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/New_York',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return nyFormatter;
}

/** Offset of New York from UTC in ms at instant `ms` (−4h or −5h). */
export function nyOffsetMs(ms: number): number {
  const parts = formatter().formatToParts(new Date(ms));
  const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(ms / 1000) * 1000;
}

const nyDateCache = new Map<number, SessionDate>();

/** The New York calendar day that contains instant `ms` (memoised: daily bars repeat the same instants). */
export function nyDate(ms: number): SessionDate {
  let d = nyDateCache.get(ms);
  if (d === undefined) {
    d = formatUtcDate(ms + nyOffsetMs(ms));
    if (nyDateCache.size > 200_000) nyDateCache.clear();
    nyDateCache.set(ms, d);
  }
  return d;
}

const nyMidnightCache = new Map<string, number>();

/**
 * UTC epoch ms of 00:00 America/New_York on `date` — the timestamp Polygon gives a daily aggregate,
 * and the one the store uses for every daily bar.
 */
export function nyMidnight(date: SessionDate): number {
  let v = nyMidnightCache.get(date);
  if (v === undefined) {
    const guess = utcMidnight(date) + 5 * 3_600_000;
    v = utcMidnight(date) - nyOffsetMs(guess);
    nyMidnightCache.set(date, v);
  }
  return v;
}

/** UTC epoch ms of a New York wall-clock time on `date` (e.g. 16:00 close). */
export function nyTime(date: SessionDate, hour: number, minute = 0): number {
  const approx = utcMidnight(date) + (hour * 60 + minute) * 60_000 + 5 * 3_600_000;
  return utcMidnight(date) + (hour * 60 + minute) * 60_000 - nyOffsetMs(approx);
}
