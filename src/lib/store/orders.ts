/** ats's order ledger: every order any broker was asked to place (or our risk check refused). */
import type { BrokerName, OrderStatus, OrderTerms } from '../order-types.js';
import { OPEN_LIST } from './order-status-sql.js';
import type { Store } from './open.js';

export interface LedgerOrder extends OrderTerms {
  clientOrderId: string;
  broker: BrokerName;
  brokerOrderId: string | null;
  runId: string;
  session: string;
  intent: 'entry' | 'exit';
  /** Who placed it: cli, portfolio, evaluator, daily, external (found by sync). */
  source: string;
  status: OrderStatus;
  filledQty: number;
  filledAvgPrice: number | null;
  reason: string | null;
  createdAt: number;
  updatedAt: number;
  /** An exit leg: the client order id of its entry (bracket/oto/oco). */
  parentId?: string | null;
  /** The price the order was checked at when decided (limit, stop, else the latest price): slippage's reference. */
  decisionPrice?: number | null;
}

const COLUMNS = `client_order_id AS clientOrderId, broker, broker_order_id AS brokerOrderId, run_id AS runId, session, symbol, side, qty,
  type, time_in_force AS timeInForce, limit_price AS limitPrice, stop_price AS stopPrice, intent, source, status,
  filled_qty AS filledQty, filled_avg_price AS filledAvgPrice, reason, created_at AS createdAt, updated_at AS updatedAt,
  parent_id AS parentId, trail_percent AS trailPercent, decision_price AS decisionPrice`;

/** Insert or replace the whole row (a refused order re-checked, a pending one confirmed). */
export function saveOrder(store: Store, o: LedgerOrder): void {
  store.db
    .prepare(
      `INSERT INTO orders (client_order_id, broker, broker_order_id, run_id, session, symbol, side, qty, type, time_in_force,
         limit_price, stop_price, intent, source, status, filled_qty, filled_avg_price, reason, created_at, updated_at,
         parent_id, trail_percent, decision_price)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (client_order_id) DO UPDATE SET broker_order_id = excluded.broker_order_id, qty = excluded.qty,
         type = excluded.type, time_in_force = excluded.time_in_force, limit_price = excluded.limit_price,
         stop_price = excluded.stop_price, status = excluded.status, filled_qty = excluded.filled_qty,
         filled_avg_price = excluded.filled_avg_price, reason = excluded.reason, updated_at = excluded.updated_at,
         trail_percent = excluded.trail_percent, decision_price = COALESCE(excluded.decision_price, decision_price)`,
    )
    .run(
      o.clientOrderId,
      o.broker,
      o.brokerOrderId,
      o.runId,
      o.session,
      o.symbol,
      o.side,
      o.qty,
      o.type,
      o.timeInForce,
      o.limitPrice,
      o.stopPrice,
      o.intent,
      o.source,
      o.status,
      o.filledQty,
      o.filledAvgPrice,
      o.reason,
      o.createdAt,
      o.updatedAt,
      o.parentId ?? null,
      o.trailPercent ?? null,
      o.decisionPrice ?? null,
    );
}

export function getOrder(store: Store, clientOrderId: string): LedgerOrder | null {
  return (
    store.db
      .prepare<[string], LedgerOrder>(`SELECT ${COLUMNS} FROM orders WHERE client_order_id = ?`)
      .get(clientOrderId) ?? null
  );
}

export function findOrder(store: Store, broker: BrokerName, id: string): LedgerOrder | null {
  return (
    store.db
      .prepare<[string, string, string], LedgerOrder>(
        `SELECT ${COLUMNS} FROM orders WHERE broker = ? AND (client_order_id = ? OR broker_order_id = ?)`,
      )
      .get(broker, id, id) ?? null
  );
}

const FILTER = {
  open: `AND status IN (${OPEN_LIST})`,
  closed: `AND status NOT IN (${OPEN_LIST})`,
  all: '',
} as const;

export function listOrders(store: Store, broker: BrokerName, status: keyof typeof FILTER = 'all'): LedgerOrder[] {
  return store.db
    .prepare<[string], LedgerOrder>(
      `SELECT ${COLUMNS} FROM orders WHERE broker = ? ${FILTER[status]} ORDER BY created_at, client_order_id`,
    )
    .all(broker);
}
