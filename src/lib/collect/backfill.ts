import type { MarketSource } from '../market/source.js';
import { barTimestamps, upsertBars } from '../store/bars.js';
import type { Store } from '../store/open.js';
import { nyMidnight } from '../time.js';
import type { SessionDate } from '../types.js';
import { missingSessionRuns } from './missing-sessions.js';

export interface BackfillResult {
  symbol: string;
  from: SessionDate;
  to: SessionDate;
  missingBefore: number;
  added: number;
  requests: number;
  stillMissing: SessionDate[];
}

/** Requests of at most about a year each: an interrupted backfill keeps every finished year. */
export const BACKFILL_CHUNK_SESSIONS = 252;

/**
 * Fetch the daily bars missing between from and to. Each chunk is one transaction; a rerun after an
 * interruption (even kill -9) computes what is still missing and completes it, so the result has no gap
 * and, by the primary key, no duplicate.
 */
export async function backfillDaily(
  store: Store,
  source: MarketSource,
  symbol: string,
  from: SessionDate,
  to: SessionDate,
  onProgress?: (done: number, total: number) => void,
): Promise<BackfillResult> {
  const stored = new Set(barTimestamps(store, symbol, '1d', nyMidnight(from), nyMidnight(to)));
  const runs = missingSessionRuns(from, to, stored, BACKFILL_CHUNK_SESSIONS);
  const total = runs.reduce((n, r) => n + r.sessions.length, 0);
  const before = source.requestCount;
  const result: BackfillResult = { symbol, from, to, missingBefore: total, added: 0, requests: 0, stillMissing: [] };
  let done = 0;
  for (const run of runs) {
    const wanted = new Set(run.sessions.map(nyMidnight));
    const bars = (await source.dailyBars(symbol, run.from, run.to)).filter((b) => wanted.has(b.ts));
    result.added += upsertBars(store, bars, source.name).inserted;
    const got = new Set(bars.map((b) => b.ts));
    for (const d of run.sessions) if (!got.has(nyMidnight(d))) result.stillMissing.push(d);
    done += run.sessions.length;
    onProgress?.(done, total);
  }
  result.requests = source.requestCount - before;
  return result;
}
