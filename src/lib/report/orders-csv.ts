import { join } from 'node:path';
import { appendCsv, rounded } from '../files/csv.js';
import type { LedgerOrder } from '../store/orders.js';

/** reports/orders.csv: one line per order ats placed, refused or saw rejected. */
export const ORDERS_HEADER = [
  'time',
  'session',
  'broker',
  'client_order_id',
  'broker_order_id',
  'symbol',
  'side',
  'qty',
  'type',
  'time_in_force',
  'limit_price',
  'stop_price',
  'intent',
  'source',
  'status',
  'filled_qty',
  'filled_avg_price',
  'reason',
] as const;

export function appendOrdersCsv(reportsDir: string, orders: readonly LedgerOrder[]): string {
  const path = join(reportsDir, 'orders.csv');
  appendCsv(
    path,
    ORDERS_HEADER,
    orders.map((o) => [
      new Date(o.updatedAt).toISOString(),
      o.session,
      o.broker,
      o.clientOrderId,
      o.brokerOrderId,
      o.symbol,
      o.side,
      o.qty,
      o.type,
      o.timeInForce,
      rounded(o.limitPrice, 4),
      rounded(o.stopPrice, 4),
      o.intent,
      o.source,
      o.status,
      o.filledQty,
      rounded(o.filledAvgPrice, 4),
      o.reason,
    ]),
  );
  return path;
}
