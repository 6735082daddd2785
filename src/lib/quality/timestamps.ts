import { holidayName, isSession } from '../market/calendar.js';
import { nyMidnight, weekday } from '../time.js';
import type { SessionDate } from '../types.js';
import { type Finding, FindingLevel, QualityCheck, type QualityContext } from './types.js';

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** Rows whose timestamp is missing, not finite, or outside the years the calendar covers. */
export function checkUndatable(ctx: QualityContext): Finding[] {
  return ctx.undatable.map((bar) => ({
    symbol: ctx.symbol,
    level: FindingLevel.error,
    check: QualityCheck.badTimestamp,
    message: `bar with unusable timestamp ${String(bar.ts)}`,
    detail: { ts: String(bar.ts) },
  }));
}

/**
 * Daily bars are stamped 00:00 America/New_York of their session (Polygon's convention, kept by the store).
 * Any other time of day usually means a time-zone slip that shifts bars onto the wrong day; reported once.
 */
export function checkMisaligned(ctx: QualityContext): Finding[] {
  const off = ctx.dated.filter((d) => d.bar.ts !== nyMidnight(d.date));
  const first = off[0];
  if (!first) return [];
  return [
    {
      symbol: ctx.symbol,
      level: FindingLevel.warning,
      check: QualityCheck.misalignedTimestamp,
      message: `${off.length} bar(s) not stamped at 00:00 New York time, first on ${first.date}`,
      date: first.date,
      detail: { count: off.length, firstTs: first.bar.ts, expectedTs: nyMidnight(first.date) },
    },
  ];
}

/** Two rows with the same timestamp, or two different timestamps on the same session date. */
export function checkDuplicates(ctx: QualityContext): Finding[] {
  const byDate = new Map<SessionDate, number[]>();
  for (const { bar, date } of ctx.dated) {
    const list = byDate.get(date);
    if (list) list.push(bar.ts);
    else byDate.set(date, [bar.ts]);
  }
  const findings: Finding[] = [];
  for (const [date, stamps] of byDate) {
    if (stamps.length < 2) continue;
    const distinct = [...new Set(stamps)];
    for (const ts of distinct) {
      const count = stamps.filter((s) => s === ts).length;
      if (count > 1) {
        findings.push({
          symbol: ctx.symbol,
          level: FindingLevel.error,
          check: QualityCheck.duplicateBar,
          message: `${count} bars share timestamp ${ts} (${date})`,
          date,
          detail: { ts, count },
        });
      }
    }
    if (distinct.length > 1) {
      findings.push({
        symbol: ctx.symbol,
        level: FindingLevel.error,
        check: QualityCheck.duplicateBar,
        message: `${distinct.length} different timestamps on session date ${date}`,
        date,
        detail: { count: distinct.length, timestamps: distinct.join(',') },
      });
    }
  }
  return findings;
}

/** Bars dated on a weekend or exchange holiday. */
export function checkNonSessionDays(ctx: QualityContext): Finding[] {
  const seen = new Set<SessionDate>();
  const findings: Finding[] = [];
  for (const { date } of ctx.dated) {
    if (seen.has(date) || isSession(date)) continue;
    seen.add(date);
    const reason = holidayName(date) ?? WEEKDAY_NAMES[weekday(date)] ?? 'closed';
    findings.push({
      symbol: ctx.symbol,
      level: FindingLevel.warning,
      check: QualityCheck.nonSessionBar,
      message: `bar on ${date}, which is not an NYSE session (${reason})`,
      date,
      detail: { reason },
    });
  }
  return findings;
}
