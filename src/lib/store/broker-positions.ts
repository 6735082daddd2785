import type { BrokerName, BrokerPosition } from '../order-types.js';
import type { Store } from './open.js';

/** Replace the broker's last reported positions (as pulled by sync), in one transaction. */
export function saveBrokerPositions(
  store: Store,
  broker: BrokerName,
  positions: readonly BrokerPosition[],
  nowMs: number,
): void {
  const insert = store.db.prepare(
    'INSERT INTO broker_positions (broker, symbol, qty, avg_entry_price, market_value, synced_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  store.db.transaction(() => {
    store.db.prepare('DELETE FROM broker_positions WHERE broker = ?').run(broker);
    for (const p of positions) insert.run(broker, p.symbol, p.qty, p.avgEntryPrice, p.marketValue, nowMs);
  })();
}

/** The positions each broker last reported (sync), as stored. */
export function storedBrokerPositions(store: Store): Array<{ broker: string; symbol: string; qty: number }> {
  return store.db
    .prepare<[], { broker: string; symbol: string; qty: number }>('SELECT broker, symbol, qty FROM broker_positions')
    .all();
}
