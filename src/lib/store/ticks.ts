import type { Tick } from '../types.js';
import type { Store } from './open.js';

/** Recent trades/quotes (REST or stream) in one transaction; a tick already stored is ignored. */
export function insertTicks(store: Store, ticks: readonly Tick[]): number {
  const stmt = store.db.prepare(
    `INSERT OR IGNORE INTO ticks (symbol, kind, ts_ns, seq, ts, price, size, bid, bid_size, ask, ask_size, exchange, conditions)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let n = 0;
  store.db.transaction(() => {
    for (const t of ticks) {
      n += stmt.run(
        t.symbol,
        t.kind,
        t.tsNs,
        t.id ?? '',
        t.ts,
        t.price,
        t.size,
        t.bid,
        t.bidSize,
        t.ask,
        t.askSize,
        t.exchange,
        t.conditions,
      ).changes;
    }
  })();
  return n;
}

export function countTicks(store: Store, symbol: string, kind: Tick['kind']): number {
  const row = store.db
    .prepare<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM ticks WHERE symbol = ? AND kind = ?')
    .get(symbol, kind);
  return row?.n ?? 0;
}

/**
 * A streamed trade as the symbol's last price in its quote snapshot (what the portfolio and the paper simulator
 * price at), keeping the snapshot's bid/ask and closes; an older trade never replaces a newer snapshot.
 */
export function recordLastTrade(store: Store, symbol: string, price: number, ts: number, nowMs: number): void {
  store.db
    .prepare(
      `INSERT INTO quote_snapshots (symbol, ts, bid, bid_size, ask, ask_size, last, last_size, day_close, prev_close, updated_at)
       VALUES (?, ?, NULL, NULL, NULL, NULL, ?, NULL, NULL, NULL, ?)
       ON CONFLICT (symbol) DO UPDATE SET ts = excluded.ts, last = excluded.last, updated_at = excluded.updated_at
       WHERE excluded.ts >= quote_snapshots.ts`,
    )
    .run(symbol, ts, price, nowMs);
}
