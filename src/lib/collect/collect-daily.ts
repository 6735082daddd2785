import { sessionsBetween, sessionOnOrBefore } from '../market/calendar.js';
import type { MarketSource } from '../market/source.js';
import { barTimestamps, lastBarTs } from '../store/bars.js';
import { inlineBarWriter, type BarWriter } from '../store/bar-writer.js';
import type { UpsertResult } from '../store/bars.js';
import { pickRows } from '../bar-columns.js';
import type { Store } from '../store/open.js';
import { addDays, nyDate, nyMidnight } from '../time.js';
import type { SessionDate } from '../types.js';
import { missingSessionRuns, type SessionRun } from './missing-sessions.js';

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
  const last = lastBarTs(store, symbol, '1d');
  const lastDate = last === null ? null : nyDate(last);
  // From the earlier of the window start and the session after the last stored bar, so a long pause is filled whole.
  let from = windowStart(target, opts.days);
  if (lastDate !== null && lastDate < from) from = lastDate;
  const stored = new Set(barTimestamps(store, symbol, '1d', nyMidnight(from), nyMidnight(target)));
  const runs = missingSessionRuns(from, target, stored, opts.maxRun);
  const before = source.requestCount;
  const result: CollectDailyResult = {
    symbol,
    newBars: 0,
    updatedBars: 0,
    gapsFilled: 0,
    requests: 0,
    lastSession: lastDate,
    stillMissing: [],
  };
  for (const run of runs) {
    const { inserted, updated, present } = await fetchRun(source, writer, symbol, run);
    result.newBars += inserted;
    result.updatedBars += updated;
    run.sessions.forEach((d, k) => {
      if (!present[k]) result.stillMissing.push(d);
      else if (lastDate !== null && d < lastDate) result.gapsFilled++;
    });
  }
  result.requests = source.requestCount - before;
  const newLast = lastBarTs(store, symbol, '1d');
  result.lastSession = newLast === null ? null : nyDate(newLast);
  return result;
}

/**
 * Fetch one run of missing sessions and write the bars of those sessions; `present[k]` is 1 when the
 * source had a bar for `run.sessions[k]`. Column form when the source has it (no object per bar).
 */
async function fetchRun(
  source: MarketSource,
  writer: BarWriter,
  symbol: string,
  run: SessionRun,
): Promise<UpsertResult & { present: Uint8Array }> {
  if (source.dailyBarColumns) {
    const all = await source.dailyBarColumns(symbol, run.from, run.to);
    const { rows, present } = matchSessions(all.ts, run.sessions);
    const columns = rows === null ? all : pickRows(all, rows);
    return { ...(await writer.writeColumns(symbol, '1d', columns, source.name)), present };
  }
  const wanted = new Set(run.sessions.map(nyMidnight));
  const fresh = (await source.dailyBars(symbol, run.from, run.to)).filter((b) => wanted.has(b.ts));
  const got = new Set(fresh.map((b) => b.ts));
  return {
    ...(await writer.write(fresh, source.name)),
    present: Uint8Array.from(run.sessions, (d) => (got.has(nyMidnight(d)) ? 1 : 0)),
  };
}

/**
 * Which rows of `ts` are bars of `sessions` (null: all of them), and per session whether its bar came
 * (1) or not (0). Both are ascending without repeats (the MarketSource contract for daily bars, and a
 * session list), so one merge walk does it.
 */
export function matchSessions(
  ts: ArrayLike<number>,
  sessions: readonly SessionDate[],
): { rows: Int32Array | null; present: Uint8Array } {
  const present = new Uint8Array(sessions.length);
  const rows = new Int32Array(Math.min(ts.length, sessions.length));
  let kept = 0;
  let i = 0;
  for (let k = 0; k < sessions.length; k++) {
    const w = nyMidnight(sessions[k]!);
    while (i < ts.length && ts[i]! < w) i++;
    if (i < ts.length && ts[i] === w) {
      rows[kept++] = i;
      present[k] = 1;
    }
  }
  return { rows: kept === ts.length ? null : rows.subarray(0, kept), present };
}

let windowMemo: { target: SessionDate; n: number; start: SessionDate } | null = null;

/** The first of the `n` sessions ending at `target` (remembered: every symbol of a collection asks the same). */
function windowStart(target: SessionDate, n: number): SessionDate {
  if (windowMemo === null || windowMemo.target !== target || windowMemo.n !== n)
    windowMemo = { target, n, start: lastSessions(target, n)[0]! };
  return windowMemo.start;
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
