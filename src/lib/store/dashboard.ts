/** Read-only queries behind the web dashboard (`ats serve`) that no other store module answers. */
import type { Store } from './open.js';

export interface EquityMark {
  session: string;
  equity: number;
  recordedAt: number;
}

/** Start-of-day equity per session (table equity_marks), oldest first. */
export function equityMarks(store: Store, broker: string): EquityMark[] {
  return store.db
    .prepare<[string], EquityMark>(
      'SELECT session, equity, recorded_at AS recordedAt FROM equity_marks WHERE broker = ? ORDER BY session',
    )
    .all(broker);
}

export interface SymbolFreshness {
  symbol: string;
  timeframe: string;
  bars: number;
  firstTs: number;
  lastTs: number;
}

/** Per symbol and timeframe: how many bars are stored and the newest one's time. */
export function barFreshness(store: Store): SymbolFreshness[] {
  return store.db
    .prepare<[], SymbolFreshness>(
      `SELECT symbol, timeframe, COUNT(*) AS bars, MIN(ts) AS firstTs, MAX(ts) AS lastTs
       FROM bars GROUP BY symbol, timeframe ORDER BY symbol, timeframe`,
    )
    .all();
}

/** The newest session that has a stored playbook, or null. */
export function latestPlaybookSession(store: Store): string | null {
  const row = store.db.prepare<[], { s: string | null }>('SELECT MAX(session) AS s FROM playbook').get();
  return row?.s ?? null;
}

/** True when the store answers a query (the dashboard's /api/health). */
export function storeAnswers(store: Store): boolean {
  return store.db.prepare<[], { one: number }>('SELECT 1 AS one').get()?.one === 1;
}
