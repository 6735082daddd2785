/**
 * When the scheduled daily run fires, in New York time, by the NYSE calendar. Cron syntax cannot say "NYSE
 * sessions only, earlier on half days", so the calendar decides here and cron/systemd only wake the job up; the
 * in-process scheduler computes its next wake-up from the same rules (no scheduler library needed).
 *
 * Rule: on a regular session the run is at `at` (default 16:30, 30 minutes after the 16:00 close). On an
 * early-close session (13:00) a time at or after 16:00 keeps its offset from the close: 16:30 becomes 13:30.
 */
import { UsageError } from '../errors.js';
import { isEarlyClose, isSession, nextSession } from '../market/calendar.js';
import { nyDate, nyTime } from '../time.js';
import type { SessionDate } from '../types.js';

export interface TimeOfDay {
  hour: number;
  minute: number;
  /** `HH:MM`, zero-padded. */
  text: string;
}

export const DEFAULT_RUN_AT = '16:30';
const REGULAR_CLOSE_MIN = 16 * 60;
const EARLY_CLOSE_MIN = 13 * 60;

/** Parse `HH:MM` (24-hour clock, New York time); anything else is a usage error. */
export function parseTimeOfDay(raw: string, what = '--at'): TimeOfDay {
  const m = /^(\d{1,2}):(\d{2})$/.exec(raw.trim());
  const hour = m ? Number(m[1]) : NaN;
  const minute = m ? Number(m[2]) : NaN;
  if (!m || hour > 23 || minute > 59) {
    throw new UsageError(`${what} "${raw}" is not a time of day: expected HH:MM between 00:00 and 23:59 (New York)`);
  }
  return { hour, minute, text: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}` };
}

/** The New York wall-clock minute of the day the run fires on this session. */
export function runMinuteOf(session: SessionDate, at: TimeOfDay): number {
  const minute = at.hour * 60 + at.minute;
  if (isEarlyClose(session) && minute >= REGULAR_CLOSE_MIN) return EARLY_CLOSE_MIN + (minute - REGULAR_CLOSE_MIN);
  return minute;
}

/** UTC epoch ms of the run on this session. */
export function runTimeOf(session: SessionDate, at: TimeOfDay): number {
  const minute = runMinuteOf(session, at);
  return nyTime(session, Math.floor(minute / 60), minute % 60);
}

/** The wall-clock times (`HH:MM`, New York) a job must wake at to cover regular and early-close sessions. */
export function wakeTimes(at: TimeOfDay): TimeOfDay[] {
  const minute = at.hour * 60 + at.minute;
  if (minute < REGULAR_CLOSE_MIN) return [at];
  const early = EARLY_CLOSE_MIN + (minute - REGULAR_CLOSE_MIN);
  return [at, parseTimeOfDay(`${Math.floor(early / 60)}:${String(early % 60).padStart(2, '0')}`)];
}

/** The first session whose run time is strictly after `nowMs`, and that time. */
export function nextRunAfter(nowMs: number, at: TimeOfDay): { session: SessionDate; atMs: number } {
  let day = nyDate(nowMs);
  if (!isSession(day)) day = nextSession(day);
  for (;;) {
    const atMs = runTimeOf(day, at);
    if (atMs > nowMs) return { session: day, atMs };
    day = nextSession(day);
  }
}

/** The session due at `nowMs`: today's New York session once its run time has passed, else null. */
export function dueSession(nowMs: number, at: TimeOfDay): SessionDate | null {
  const today = nyDate(nowMs);
  return isSession(today) && runTimeOf(today, at) <= nowMs ? today : null;
}
