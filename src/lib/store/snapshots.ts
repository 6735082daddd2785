/** Point-in-time portfolio records: one per (session, broker, symbol); a second snapshot of a session adds nothing. */
import type { PositionRow } from '../position-row.js';
import type { Store } from './open.js';

export interface SnapshotRow extends PositionRow {
  session: string;
  broker: string;
  realizedPnl: number;
  takenAt: number;
}

/** Insert the rows of a session unless that session already has a snapshot; returns the rows added. */
export function insertSnapshot(
  store: Store,
  broker: string,
  session: string,
  rows: readonly PositionRow[],
  realized: Record<string, number>,
  nowMs: number,
): number {
  const stmt = store.db.prepare(
    `INSERT OR IGNORE INTO portfolio_snapshots (session, broker, symbol, qty, avg_cost, last, market_value,
       unrealized_pnl, realized_pnl, sector, asset_class, taken_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let added = 0;
  store.db.transaction(() => {
    const taken = store.db
      .prepare('SELECT 1 FROM portfolio_snapshots WHERE session = ? AND broker = ? LIMIT 1')
      .get(session, broker);
    if (taken !== undefined) return;
    for (const r of rows) {
      added += stmt.run(
        session,
        broker,
        r.symbol,
        r.qty,
        r.avgCost,
        r.last,
        r.marketValue,
        r.unrealizedPnl,
        realized[r.symbol] ?? 0,
        r.sector,
        r.assetClass,
        nowMs,
      ).changes;
    }
  })();
  return added;
}

export function listSnapshots(store: Store, broker: string): SnapshotRow[] {
  return store.db
    .prepare<[string], SnapshotRow>(
      `SELECT session, broker, symbol, qty, avg_cost AS avgCost, last, market_value AS marketValue, unrealized_pnl AS unrealizedPnl,
         realized_pnl AS realizedPnl, sector, asset_class AS assetClass, taken_at AS takenAt, 0 AS weight, 0 AS unrealizedPct
       FROM portfolio_snapshots WHERE broker = ? ORDER BY session, symbol`,
    )
    .all(broker);
}
