import { sessionsBetween } from '../market/calendar.js';
import { nyMidnight } from '../time.js';
import type { SessionDate } from '../types.js';

/** A run of consecutive sessions, fetched with one request. */
export interface SessionRun {
  from: SessionDate;
  to: SessionDate;
  sessions: SessionDate[];
}

let memo: { from: SessionDate; to: SessionDate; sessions: readonly SessionDate[] } | null = null;

/** sessionsBetween, remembered for the last range: every symbol of a collection asks for the same one. */
function sessionList(from: SessionDate, to: SessionDate): readonly SessionDate[] {
  if (memo === null || memo.from !== from || memo.to !== to) memo = { from, to, sessions: sessionsBetween(from, to) };
  return memo.sessions;
}

/**
 * Sessions in [from, to] with no stored bar, grouped into runs of consecutive sessions, each run cut
 * to at most `maxRun` sessions so a long backfill commits in pieces and an interrupted one resumes.
 */
export function missingSessionRuns(
  from: SessionDate,
  to: SessionDate,
  storedTs: ReadonlySet<number>,
  maxRun = Infinity,
): SessionRun[] {
  const sessions = sessionList(from, to);
  const runs: SessionRun[] = [];
  let start = -1; // first session of the run being built
  const flush = (end: number): void => {
    if (start >= 0) runs.push({ from: sessions[start]!, to: sessions[end - 1]!, sessions: sessions.slice(start, end) });
    start = -1;
  };
  for (let i = 0; i < sessions.length; i++) {
    if (storedTs.size > 0 && storedTs.has(nyMidnight(sessions[i]!))) flush(i);
    else {
      if (start < 0) start = i;
      if (i + 1 - start >= maxRun) flush(i + 1);
    }
  }
  flush(sessions.length);
  return runs;
}
