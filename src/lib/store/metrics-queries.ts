/** Aggregates the metrics exporter reads (src/lib/metrics): counts and latest values, each one statement. */
import type { Store } from './open.js';

/** Orders in the ledger of one broker, by status. */
export function orderCountsByStatus(store: Store, broker: string): { status: string; n: number }[] {
  return store.db
    .prepare<[string], { status: string; n: number }>(
      'SELECT status, COUNT(*) AS n FROM orders WHERE broker = ? GROUP BY status ORDER BY status',
    )
    .all(broker);
}

export function fillCount(store: Store, broker: string): number {
  return (store.db.prepare('SELECT COUNT(*) AS n FROM fills WHERE broker = ?').get(broker) as { n: number }).n;
}

/**
 * The time (UTC ms) of each symbol's latest stored bar of a timeframe. The recursive walk seeks from one symbol to
 * the next through the primary key (symbol, timeframe, ts), and MAX(ts) per symbol is one more seek: a scrape
 * costs a few index seeks per symbol, not a scan of every bar (GROUP BY would read them all).
 */
export function lastBarTimes(store: Store, timeframe: string): { symbol: string; ts: number }[] {
  return store.db
    .prepare<[string], { symbol: string; ts: number | null }>(
      `WITH RECURSIVE syms(symbol) AS (
         SELECT MIN(symbol) FROM bars
         UNION ALL
         SELECT (SELECT MIN(symbol) FROM bars WHERE symbol > syms.symbol) FROM syms WHERE syms.symbol IS NOT NULL
       )
       SELECT symbol, (SELECT MAX(ts) FROM bars b WHERE b.symbol = syms.symbol AND b.timeframe = ?) AS ts
       FROM syms WHERE symbol IS NOT NULL ORDER BY symbol`,
    )
    .all(timeframe)
    .filter((r): r is { symbol: string; ts: number } => r.ts !== null);
}

interface SnapshotSummaryRow {
  session: string;
  qty: number;
  marketValue: number | null;
  unrealizedPnl: number | null;
  assetClass: string;
}

/** The rows of a broker's latest snapshot session: open positions and their asset class. */
export function latestSnapshotRows(store: Store, broker: string): SnapshotSummaryRow[] {
  return store.db
    .prepare<[string, string], SnapshotSummaryRow>(
      `SELECT session, qty, market_value AS marketValue, unrealized_pnl AS unrealizedPnl, asset_class AS assetClass
       FROM portfolio_snapshots
       WHERE broker = ? AND session = (SELECT MAX(session) FROM portfolio_snapshots WHERE broker = ?)`,
    )
    .all(broker, broker);
}

/** The start-of-day equity of a broker's latest session with one (the daily loss stop's reference). */
export function latestStartOfDayEquity(store: Store, broker: string): { session: string; equity: number } | null {
  return (
    store.db
      .prepare<[string], { session: string; equity: number }>(
        'SELECT session, equity FROM equity_marks WHERE broker = ? ORDER BY session DESC LIMIT 1',
      )
      .get(broker) ?? null
  );
}

/** The latest daily run that finished ok: when it finished (UTC ms) and its session. */
export function lastSuccessfulRun(store: Store): { session: string; finishedAt: number } | null {
  return (
    store.db
      .prepare<[], { session: string; finishedAt: number }>(
        `SELECT session, finished_at AS finishedAt FROM daily_runs WHERE status = 'ok' AND finished_at IS NOT NULL
         ORDER BY finished_at DESC LIMIT 1`,
      )
      .get() ?? null
  );
}
