/** Per-session start-of-day equity (for the daily loss stop) and per-position high-water marks (trailing stops). */
import type { BrokerName } from '../order-types.js';
import type { Store } from './open.js';

/** The first equity seen in `session` is its start-of-day equity; later calls return the stored one. */
export function startOfDayEquity(
  store: Store,
  broker: BrokerName,
  session: string,
  equity: number,
  nowMs: number,
): number {
  store.db
    .prepare('INSERT OR IGNORE INTO equity_marks (broker, session, equity, recorded_at) VALUES (?, ?, ?, ?)')
    .run(broker, session, equity, nowMs);
  return (
    store.db.prepare('SELECT equity FROM equity_marks WHERE broker = ? AND session = ?').get(broker, session) as {
      equity: number;
    }
  ).equity;
}

export function getHighWater(store: Store, broker: BrokerName, symbol: string): number | null {
  const r = store.db
    .prepare('SELECT high FROM high_water_marks WHERE broker = ? AND symbol = ?')
    .get(broker, symbol) as { high: number } | undefined;
  return r?.high ?? null;
}

/**
 * Move the mark to `price` when it is better for the position (higher for a long, lower for a short: the
 * "high-water" of a short is its lowest price) or set it; returns the mark.
 */
export function raiseHighWater(
  store: Store,
  broker: BrokerName,
  symbol: string,
  price: number,
  nowMs: number,
  side: 'long' | 'short' = 'long',
): number {
  const better = side === 'long' ? 'MAX' : 'MIN';
  store.db
    .prepare(
      `INSERT INTO high_water_marks (broker, symbol, high, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (broker, symbol) DO UPDATE SET high = ${better}(high, excluded.high), updated_at = excluded.updated_at`,
    )
    .run(broker, symbol, price, nowMs);
  return getHighWater(store, broker, symbol) as number;
}

export function clearHighWater(store: Store, broker: BrokerName, symbol: string): void {
  store.db.prepare('DELETE FROM high_water_marks WHERE broker = ? AND symbol = ?').run(broker, symbol);
}
