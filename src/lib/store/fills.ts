/** Fills in the ledger: the source of positions and realized PnL. */
import type { BrokerName, OrderSide } from '../order-types.js';
import type { Store } from './open.js';

export interface LedgerFill {
  /** `<broker order id>:<cumulative filled qty>`: the same fill seen twice is stored once. */
  id: string;
  clientOrderId: string;
  broker: BrokerName;
  symbol: string;
  side: OrderSide;
  qty: number;
  price: number;
  commission: number;
  /** Realized PnL this fill booked (0 for an entry), commissions included. */
  realizedPnl: number;
  ts: number;
}

const COLUMNS = `id, client_order_id AS clientOrderId, broker, symbol, side, qty, price, commission, realized_pnl AS realizedPnl, ts`;

/** Append one fill (ignored when its id is known); seq keeps arrival order. Returns true when it was new. */
export function insertFill(store: Store, f: LedgerFill): boolean {
  const seq = (store.db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM fills').get() as { n: number }).n;
  return (
    store.db
      .prepare(
        `INSERT OR IGNORE INTO fills (id, client_order_id, broker, symbol, side, qty, price, commission, realized_pnl, ts, seq)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(f.id, f.clientOrderId, f.broker, f.symbol, f.side, f.qty, f.price, f.commission, f.realizedPnl, f.ts, seq)
      .changes > 0
  );
}

/** A broker's fills in arrival order, optionally for one symbol. */
export function listFills(store: Store, broker: BrokerName, symbol?: string): LedgerFill[] {
  if (symbol === undefined) {
    return store.db
      .prepare<[string], LedgerFill>(`SELECT ${COLUMNS} FROM fills WHERE broker = ? ORDER BY seq`)
      .all(broker);
  }
  return store.db
    .prepare<[string, string], LedgerFill>(`SELECT ${COLUMNS} FROM fills WHERE broker = ? AND symbol = ? ORDER BY seq`)
    .all(broker, symbol);
}

export function fillsOfOrder(store: Store, clientOrderId: string): LedgerFill[] {
  return store.db
    .prepare<[string], LedgerFill>(`SELECT ${COLUMNS} FROM fills WHERE client_order_id = ? ORDER BY seq`)
    .all(clientOrderId);
}
