/** The broker account's equity and cash as last seen (migration 025): what metrics report between broker calls. */
import type { Store } from './open.js';

export interface AccountMark {
  broker: string;
  equity: number;
  cash: number;
  recordedAt: number;
}

export function saveAccountMark(store: Store, m: AccountMark): void {
  store.db
    .prepare(
      `INSERT INTO account_marks (broker, equity, cash, recorded_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (broker) DO UPDATE SET equity = excluded.equity, cash = excluded.cash, recorded_at = excluded.recorded_at`,
    )
    .run(m.broker, m.equity, m.cash, m.recordedAt);
}

export function accountMark(store: Store, broker: string): AccountMark | null {
  return (
    store.db
      .prepare<[string], AccountMark>(
        'SELECT broker, equity, cash, recorded_at AS recordedAt FROM account_marks WHERE broker = ?',
      )
      .get(broker) ?? null
  );
}
