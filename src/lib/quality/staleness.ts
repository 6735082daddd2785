import { lastCompletedSession, sessionsBetween } from '../market/calendar.js';
import { addDays, nyMidnight } from '../time.js';
import type { SessionDate } from '../types.js';
import { type Finding, FindingLevel, QualityCheck, type QualityContext } from './types.js';

/** More sessions behind than this turns the staleness warning into an error. */
export const STALE_ERROR_SESSIONS = 5;

/**
 * The instant "now" for the check: `nowMs` when given, but never later than the end of the `asOf` day
 * (so a backdated asOf is honoured and, without nowMs, every session up to asOf counts as complete).
 */
export function referenceInstant(asOf: SessionDate, nowMs: number | undefined): number {
  const endOfAsOf = nyMidnight(addDays(asOf, 1)) - 1;
  return nowMs === undefined ? endOfAsOf : Math.min(nowMs, endOfAsOf);
}

/**
 * The last bar should be the last completed session. Behind by 1–5 sessions: warning; more: error.
 * A bar for a session that had not closed yet is a partial day: warning.
 */
export function checkStaleness(ctx: QualityContext, asOf: SessionDate, nowMs: number | undefined): Finding[] {
  const last = ctx.sessions[ctx.sessions.length - 1];
  if (!last) return [];
  const expected = lastCompletedSession(referenceInstant(asOf, nowMs));
  if (last.date === expected) return [];
  if (last.date > expected) {
    return [
      {
        symbol: ctx.symbol,
        level: FindingLevel.warning,
        check: QualityCheck.unfinishedSession,
        message: `last bar is for ${last.date}, but the last completed session as of ${asOf} is ${expected} (partial or future bar)`,
        date: last.date,
        detail: { lastBar: last.date, expected },
      },
    ];
  }
  const behind = sessionsBetween(last.date, expected).length - 1;
  return [
    {
      symbol: ctx.symbol,
      level: behind > STALE_ERROR_SESSIONS ? FindingLevel.error : FindingLevel.warning,
      check: QualityCheck.staleData,
      message: `last bar is ${last.date}, ${behind} session(s) behind ${expected} (as of ${asOf})`,
      date: last.date,
      detail: { lastBar: last.date, expected, sessionsBehind: behind },
    },
  ];
}
