/** The paper broker's book: its orders and its starting cash. Only src/lib/broker/paper.ts uses this. */
import type { BrokerOrder, OrderListStatus, OrderRequest, OrderStatus } from '../order-types.js';
import type { Store } from './open.js';
import { OPEN_LIST } from './order-status-sql.js';

interface PaperRow {
  id: string;
  client_order_id: string;
  symbol: string;
  side: 'buy' | 'sell';
  qty: number;
  type: BrokerOrder['type'];
  time_in_force: BrokerOrder['timeInForce'];
  limit_price: number | null;
  stop_price: number | null;
  status: OrderStatus;
  filled_qty: number;
  filled_avg_price: number | null;
  commission: number;
  created_at: number;
  filled_at: number | null;
}

const toOrder = (r: PaperRow): BrokerOrder => ({
  id: r.id,
  clientOrderId: r.client_order_id,
  symbol: r.symbol,
  side: r.side,
  qty: r.qty,
  type: r.type,
  timeInForce: r.time_in_force,
  limitPrice: r.limit_price,
  stopPrice: r.stop_price,
  status: r.status,
  filledQty: r.filled_qty,
  filledAvgPrice: r.filled_avg_price,
  commission: r.commission,
  submittedAt: r.created_at,
  updatedAt: r.filled_at ?? r.created_at,
});

export function insertPaperOrder(store: Store, id: string, req: OrderRequest, nowMs: number): BrokerOrder {
  const seq = (store.db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM paper_orders').get() as { n: number }).n;
  store.db
    .prepare(
      `INSERT INTO paper_orders (id, client_order_id, symbol, side, qty, type, time_in_force, limit_price, stop_price,
         status, created_at, seq)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', ?, ?)`,
    )
    .run(
      id,
      req.clientOrderId,
      req.symbol,
      req.side,
      req.qty,
      req.type,
      req.timeInForce,
      req.limitPrice,
      req.stopPrice,
      nowMs,
      seq,
    );
  return paperOrderById(store, id) as BrokerOrder;
}

export function paperOrderById(store: Store, id: string): BrokerOrder | null {
  const r = store.db.prepare<[string], PaperRow>('SELECT * FROM paper_orders WHERE id = ?').get(id);
  return r ? toOrder(r) : null;
}

export function paperOrderByClientId(store: Store, clientOrderId: string): BrokerOrder | null {
  const r = store.db
    .prepare<[string], PaperRow>('SELECT * FROM paper_orders WHERE client_order_id = ?')
    .get(clientOrderId);
  return r ? toOrder(r) : null;
}

const STATUS_FILTER: Record<OrderListStatus, string> = {
  open: `WHERE status IN (${OPEN_LIST})`,
  closed: `WHERE status NOT IN (${OPEN_LIST})`,
  all: '',
};

export function listPaperOrders(store: Store, status: OrderListStatus): BrokerOrder[] {
  return store.db
    .prepare<[], PaperRow>(`SELECT * FROM paper_orders ${STATUS_FILTER[status]} ORDER BY seq`)
    .all()
    .map(toOrder);
}

/** Fill the whole order (the simulator has no partial fills). */
export function fillPaperOrder(store: Store, id: string, price: number, commission: number, nowMs: number): void {
  store.db
    .prepare(
      "UPDATE paper_orders SET status = 'filled', filled_qty = qty, filled_avg_price = ?, commission = ?, filled_at = ? WHERE id = ?",
    )
    .run(price, commission, nowMs, id);
}

export function endPaperOrder(store: Store, id: string, status: 'canceled' | 'expired'): void {
  store.db.prepare('UPDATE paper_orders SET status = ? WHERE id = ?').run(status, id);
}

/** Starting cash of the paper account, fixed the first time the account is used. */
export function paperStartingCash(store: Store, defaultCash: number, nowMs: number): number {
  store.db
    .prepare('INSERT OR IGNORE INTO paper_account (id, starting_cash, created_at) VALUES (1, ?, ?)')
    .run(defaultCash, nowMs);
  return (store.db.prepare('SELECT starting_cash AS c FROM paper_account WHERE id = 1').get() as { c: number }).c;
}
