import { sessionsBetween } from '../market/calendar.js';
import { nyMidnight } from '../time.js';
import type { SessionDate } from '../types.js';

/** A run of consecutive sessions, fetched with one request. */
export interface SessionRun {
  from: SessionDate;
  to: SessionDate;
  sessions: SessionDate[];
}

/**
 * Sessions in [from, to] with no stored bar, grouped into runs of consecutive sessions, each run cut
 * to at most `maxRun` sessions so a long backfill commits in pieces and an interrupted one resumes.
 */
export function missingSessionRuns(from: SessionDate, to: SessionDate, storedTs: ReadonlySet<number>, maxRun = Infinity): SessionRun[] {
  const runs: SessionRun[] = [];
  let current: SessionDate[] = [];
  const flush = (): void => {
    if (current.length > 0) runs.push({ from: current[0]!, to: current[current.length - 1]!, sessions: current });
    current = [];
  };
  for (const d of sessionsBetween(from, to)) {
    if (storedTs.has(nyMidnight(d))) flush();
    else {
      current.push(d);
      if (current.length >= maxRun) flush();
    }
  }
  flush();
  return runs;
}
