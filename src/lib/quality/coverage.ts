import { sessionsBetween } from '../market/calendar.js';
import type { SessionDate } from '../types.js';
import { type Finding, FindingLevel, QualityCheck, type QualityContext } from './types.js';

/** First and last session and bar counts, as one info finding (or an error when there are no bars at all). */
export function checkSummary(ctx: QualityContext): Finding[] {
  const first = ctx.sessions[0];
  const last = ctx.sessions[ctx.sessions.length - 1];
  const rows = ctx.dated.length + ctx.undatable.length;
  if (!first || !last) {
    return [
      {
        symbol: ctx.symbol,
        level: FindingLevel.error,
        check: QualityCheck.noData,
        message: rows === 0 ? 'no bars stored' : `none of ${rows} bar(s) falls on an NYSE session`,
        detail: { rows },
      },
    ];
  }
  return [
    {
      symbol: ctx.symbol,
      level: FindingLevel.info,
      check: QualityCheck.summary,
      message: `${ctx.sessions.length} sessions with bars from ${first.date} to ${last.date} (${rows} rows)`,
      detail: { first: first.date, last: last.date, sessions: ctx.sessions.length, rows },
    },
  ];
}

/**
 * Sessions of the NYSE calendar between the first and last bar that have no bar. One error per run of
 * consecutive missing sessions; `detail.dates` lists every missing date of the run.
 */
export function checkMissingSessions(ctx: QualityContext): Finding[] {
  const first = ctx.sessions[0];
  const last = ctx.sessions[ctx.sessions.length - 1];
  if (!first || !last) return [];
  const present = new Set(ctx.sessions.map((s) => s.date));
  const runs: SessionDate[][] = [];
  let run: SessionDate[] = [];
  for (const date of sessionsBetween(first.date, last.date)) {
    if (!present.has(date)) {
      run.push(date);
    } else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  }
  return runs.map((dates) => {
    const from = dates[0]!;
    const to = dates[dates.length - 1]!;
    return {
      symbol: ctx.symbol,
      level: FindingLevel.error,
      check: QualityCheck.missingSessions,
      message:
        dates.length === 1 ? `no bar for session ${from}` : `no bars for ${dates.length} sessions ${from}..${to}`,
      date: from,
      detail: { from, to, count: dates.length, dates: dates.join(',') },
    };
  });
}
