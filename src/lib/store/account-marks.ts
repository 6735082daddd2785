/** The account's equity and cash once per session (the snapshot step): the performance record's equity curve. */
import type { Store } from './open.js';

export interface AccountMark {
  session: string;
  equity: number;
  cash: number;
}

/** Record the session's mark; a later snapshot of the same session replaces it (the value at the last look). */
export function saveAccountMark(store: Store, broker: string, mark: AccountMark, nowMs: number): void {
  store.db
    .prepare(
      `INSERT INTO account_marks (broker, session, equity, cash, taken_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (broker, session) DO UPDATE SET equity = excluded.equity, cash = excluded.cash, taken_at = excluded.taken_at`,
    )
    .run(broker, mark.session, mark.equity, mark.cash, nowMs);
}

/** Marks of sessions in [from, to] (inclusive `YYYY-MM-DD`), oldest first. */
export function listAccountMarks(store: Store, broker: string, from = '0000-00-00', to = '9999-99-99'): AccountMark[] {
  return store.db
    .prepare<[string, string, string], AccountMark>(
      `SELECT session, equity, cash FROM account_marks WHERE broker = ? AND session >= ? AND session <= ? ORDER BY session`,
    )
    .all(broker, from, to);
}

/** Fallback curve for records older than account marks: the start-of-day equity of each session. */
export function listStartOfDayMarks(
  store: Store,
  broker: string,
  from = '0000-00-00',
  to = '9999-99-99',
): AccountMark[] {
  return store.db
    .prepare<[string, string, string], AccountMark>(
      `SELECT session, equity, NULL AS cash FROM equity_marks WHERE broker = ? AND session >= ? AND session <= ? ORDER BY session`,
    )
    .all(broker, from, to);
}

/** The broker's latest mark (what a metrics scrape reports between broker calls), or null before the first. */
export function latestAccountMark(store: Store, broker: string): (AccountMark & { takenAt: number }) | null {
  return (
    store.db
      .prepare<[string], AccountMark & { takenAt: number }>(
        `SELECT session, equity, cash, taken_at AS takenAt FROM account_marks WHERE broker = ?
         ORDER BY session DESC, taken_at DESC LIMIT 1`,
      )
      .get(broker) ?? null
  );
}
