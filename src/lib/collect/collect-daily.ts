import { sessionsBetween, sessionOnOrBefore } from '../market/calendar.js';
import type { MarketSource } from '../market/source.js';
import { barTimestamps, lastBarTs } from '../store/bars.js';
import { inlineBarWriter, type BarWriter } from '../store/bar-writer.js';
import type { Store } from '../store/open.js';
import { addDays, nyDate, nyMidnight } from '../time.js';
import type { SessionDate } from '../types.js';
import { missingSessionRuns } from './missing-sessions.js';

export interface CollectDailyResult {
  symbol: string;
  newBars: number;
  updatedBars: number;
  gapsFilled: number;
  requests: number;
  lastSession: SessionDate | null;
  /** Sessions the provider had no bar for (halts, not yet published). */
  stillMissing: SessionDate[];
}

/**
 * Incremental daily collection: fetch only sessions after the last stored one, and make sure each of
 * the last `days` sessions up to `asOf` is present (fill gaps). A symbol already complete makes no request.
 * Each fetched run is written in its own transaction, so an interruption loses nothing already written.
 */
export async function collectDaily(
  store: Store,
  source: MarketSource,
  symbol: string,
  opts: { days: number; asOf: SessionDate; maxRun?: number; writer?: BarWriter },
): Promise<CollectDailyResult> {
  const writer = opts.writer ?? inlineBarWriter(store);
  const target = sessionOnOrBefore(opts.asOf);
  const window = lastSessions(target, opts.days);
  const last = lastBarTs(store, symbol, '1d');
  const lastDate = last === null ? null : nyDate(last);
  // From the earlier of the window start and the session after the last stored bar, so a long pause is filled whole.
  let from = window[0]!;
  if (lastDate !== null && lastDate < from) from = lastDate;
  const stored = new Set(barTimestamps(store, symbol, '1d', nyMidnight(from), nyMidnight(target)));
  const runs = missingSessionRuns(from, target, stored, opts.maxRun);
  const before = source.requestCount;
  const result: CollectDailyResult = { symbol, newBars: 0, updatedBars: 0, gapsFilled: 0, requests: 0, lastSession: lastDate, stillMissing: [] };
  for (const run of runs) {
    const bars = await source.dailyBars(symbol, run.from, run.to);
    const wanted = new Set(run.sessions.map(nyMidnight));
    const fresh = bars.filter((b) => wanted.has(b.ts));
    const { inserted, updated } = await writer.write(fresh, source.name);
    result.newBars += inserted;
    result.updatedBars += updated;
    const got = new Set(fresh.map((b) => b.ts));
    for (const d of run.sessions) {
      if (!got.has(nyMidnight(d))) result.stillMissing.push(d);
      else if (lastDate !== null && d < lastDate) result.gapsFilled++;
    }
  }
  result.requests = source.requestCount - before;
  const newLast = lastBarTs(store, symbol, '1d');
  result.lastSession = newLast === null ? null : nyDate(newLast);
  return result;
}

/** The `n` sessions ending at `target` (inclusive), oldest first. */
export function lastSessions(target: SessionDate, n: number): SessionDate[] {
  const span = Math.ceil(n * 1.6) + 10;
  let from = addDays(target, -span);
  let sessions = sessionsBetween(from, target);
  while (sessions.length < n) {
    from = addDays(from, -span);
    sessions = sessionsBetween(from, target);
  }
  return sessions.slice(sessions.length - n);
}
