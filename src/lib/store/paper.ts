/** The paper broker's book: its orders and its starting cash. Only src/lib/broker/paper*.ts use this. */
import type { BrokerOrder, OrderChanges, OrderListStatus, OrderRequest, OrderStatus } from '../order-types.js';
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
  seq: number;
  order_class: NonNullable<BrokerOrder['orderClass']>;
  parent_id: string | null;
  trail_percent: number | null;
  hwm: number | null;
  triggered: number;
  worked_ts: number | null;
  filled_session: string | null;
}

/** A paper order with the simulator's working state. */
export interface PaperOrder extends BrokerOrder {
  parentId: string | null;
  orderClass: NonNullable<BrokerOrder['orderClass']>;
  filledSession: string | null;
  seq: number;
  /** trailing_stop: the best price since it became active (high for a sell, low for a buy). */
  hwm: number | null;
  /** stop_limit: the stop was reached; the order now rests as a limit. */
  triggered: boolean;
  /** Start time of the last daily bar this order was worked through. */
  workedTs: number | null;
}

const toOrder = (r: PaperRow): PaperOrder => ({
  id: r.id,
  clientOrderId: r.client_order_id,
  symbol: r.symbol,
  side: r.side,
  qty: r.qty,
  type: r.type,
  timeInForce: r.time_in_force,
  limitPrice: r.limit_price,
  stopPrice: r.stop_price,
  trailPercent: r.trail_percent,
  status: r.status,
  filledQty: r.filled_qty,
  filledAvgPrice: r.filled_avg_price,
  commission: r.commission,
  submittedAt: r.created_at,
  updatedAt: r.filled_at ?? r.created_at,
  orderClass: r.order_class,
  parentId: r.parent_id,
  filledSession: r.filled_session,
  seq: r.seq,
  hwm: r.hwm,
  triggered: r.triggered === 1,
  workedTs: r.worked_ts,
});

export interface NewPaperOrder extends Omit<OrderRequest, 'takeProfit' | 'stopLoss'> {
  parentId?: string | null;
  hwm?: number | null;
}

export function insertPaperOrder(store: Store, id: string, req: NewPaperOrder, nowMs: number): PaperOrder {
  const seq = (store.db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM paper_orders').get() as { n: number }).n;
  store.db
    .prepare(
      `INSERT INTO paper_orders (id, client_order_id, symbol, side, qty, type, time_in_force, limit_price, stop_price,
         status, created_at, seq, order_class, parent_id, trail_percent, hwm)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', ?, ?, ?, ?, ?, ?)`,
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
      req.orderClass ?? 'simple',
      req.parentId ?? null,
      req.trailPercent ?? null,
      req.hwm ?? null,
    );
  return paperOrderById(store, id) as PaperOrder;
}

export function paperOrderById(store: Store, id: string): PaperOrder | null {
  const r = store.db.prepare<[string], PaperRow>('SELECT * FROM paper_orders WHERE id = ?').get(id);
  return r ? toOrder(r) : null;
}

export function paperOrderByClientId(store: Store, clientOrderId: string): PaperOrder | null {
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

/** Every order (entries and legs alike) with the status, in the order placed. */
export function listPaperOrders(store: Store, status: OrderListStatus): PaperOrder[] {
  return store.db
    .prepare<[], PaperRow>(`SELECT * FROM paper_orders ${STATUS_FILTER[status]} ORDER BY seq`)
    .all()
    .map(toOrder);
}

export function paperLegs(store: Store, parentId: string): PaperOrder[] {
  return store.db
    .prepare<[string], PaperRow>('SELECT * FROM paper_orders WHERE parent_id = ? ORDER BY seq')
    .all(parentId)
    .map(toOrder);
}

/** Fill the whole order (the simulator has no partial fills) in `session`. */
export function fillPaperOrder(
  store: Store,
  id: string,
  fill: { price: number; commission: number; atMs: number; session: string },
): void {
  store.db
    .prepare(
      `UPDATE paper_orders SET status = 'filled', filled_qty = qty, filled_avg_price = ?, commission = ?, filled_at = ?,
         filled_session = ? WHERE id = ?`,
    )
    .run(fill.price, fill.commission, fill.atMs, fill.session, id);
}

export function endPaperOrder(store: Store, id: string, status: 'canceled' | 'expired'): void {
  store.db.prepare('UPDATE paper_orders SET status = ? WHERE id = ?').run(status, id);
}

/** The simulator's working state of a resting order. */
export function savePaperWorkState(store: Store, o: Pick<PaperOrder, 'id' | 'hwm' | 'triggered' | 'workedTs'>): void {
  store.db
    .prepare('UPDATE paper_orders SET hwm = ?, triggered = ?, worked_ts = ? WHERE id = ?')
    .run(o.hwm, o.triggered ? 1 : 0, o.workedTs, o.id);
}

export function replacePaperOrder(store: Store, id: string, c: OrderChanges): void {
  store.db
    .prepare(
      `UPDATE paper_orders SET qty = COALESCE(?, qty), limit_price = COALESCE(?, limit_price),
         stop_price = COALESCE(?, stop_price), trail_percent = COALESCE(?, trail_percent) WHERE id = ?`,
    )
    .run(c.qty ?? null, c.limitPrice ?? null, c.stopPrice ?? null, c.trailPercent ?? null, id);
}

/** Starting cash of the paper account, fixed the first time the account is used. */
export function paperStartingCash(store: Store, defaultCash: number, nowMs: number): number {
  store.db
    .prepare('INSERT OR IGNORE INTO paper_account (id, starting_cash, created_at) VALUES (1, ?, ?)')
    .run(defaultCash, nowMs);
  return (store.db.prepare('SELECT starting_cash AS c FROM paper_account WHERE id = 1').get() as { c: number }).c;
}
