/**
 * Replace a resting order in place and keep the ledger in step. The paper simulator changes the order itself; Alpaca
 * answers a replace with a new order (a new id, possibly a new client order id) and ends the old one, so the ledger
 * then ends the old row and records the new one under the same run, intent and source.
 */
import type { BrokerOrder, OrderChanges } from '../broker/types.js';
import { getOrder, saveOrder } from '../store/orders.js';
import type { ExecutionDeps } from './place-order.js';

export async function replaceResting(
  deps: ExecutionDeps,
  order: { id: string; clientOrderId: string },
  changes: OrderChanges,
): Promise<BrokerOrder> {
  const after = await deps.broker.replaceOrder(order.id, changes);
  const ledger = getOrder(deps.store, order.clientOrderId);
  if (ledger === null) return after;
  const terms = {
    brokerOrderId: after.id,
    qty: after.qty,
    limitPrice: after.limitPrice,
    stopPrice: after.stopPrice,
    updatedAt: deps.now(),
  };
  if (after.clientOrderId === ledger.clientOrderId) {
    saveOrder(deps.store, { ...ledger, ...terms, status: after.status });
  } else {
    saveOrder(deps.store, {
      ...ledger,
      status: 'canceled',
      reason: `replaced by ${after.clientOrderId}`,
      updatedAt: deps.now(),
    });
    saveOrder(deps.store, {
      ...ledger,
      ...terms,
      clientOrderId: after.clientOrderId,
      status: after.status,
      reason: `replaces ${ledger.clientOrderId}`,
      createdAt: deps.now(),
    });
  }
  return after;
}
