/**
 * PATCH /v2/orders/{order_id} (https://docs.alpaca.markets/reference/patchorderbyorderid): qty, limit_price,
 * stop_price, trail (and time_in_force, client_order_id) override the old order's; the answer is a NEW order
 * (new id, `replaces` = the old id) and the old one ends "replaced" with replaced_by / replaced_at. "Order cannot
 * be replaced when the status is accepted, pending_new, pending_cancel or pending_replace"; a closed order cannot
 * be replaced either. A replaced leg keeps its place in its entry's legs.
 */
import { randomUUID } from 'node:crypto';
import { fillExecutable } from './fills.js';
import { findByClientOrderId } from './orders.js';
import { orderJson } from './render.js';
import * as reply from './replies.js';
import type { Reply } from './replies.js';
import { isOpen, stamp, TIME_IN_FORCE } from './state.js';
import type { FakeAlpacaState, FakeOrder, TimeInForce } from './state.js';

const decimal = (v: unknown): number | null | undefined => {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number') return v;
  return typeof v === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : undefined;
};

export function replaceOrder(state: FakeAlpacaState, id: string, body: unknown): Reply {
  const old = state.orders.get(id);
  if (old === undefined) return reply.orderNotFound();
  if (!isOpen(old) || old.status === 'accepted') return reply.unprocessable(`order is in "${old.status}" state`);
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const values = [b.qty, b.limit_price, b.stop_price, b.trail].map(decimal);
  if (values.some((v) => v === undefined))
    return reply.invalid('qty, limit_price, stop_price and trail must be decimals');
  const [qty = null, limit = null, stop = null, trail = null] = values as Array<number | null>;
  if ([qty, limit, stop, trail].some((v) => v !== null && v !== undefined && !(v > 0)))
    return reply.invalid('values must be > 0');
  const tif = b.time_in_force;
  if (tif !== undefined && !(TIME_IN_FORCE as readonly unknown[]).includes(tif))
    return reply.invalid(`invalid time_in_force: ${String(tif)}`);
  if (qty === null && limit === null && stop === null && trail === null && tif === undefined)
    return reply.invalid('nothing to replace');
  if (limit !== null && old.type !== 'limit' && old.type !== 'stop_limit')
    return reply.unprocessable(`limit_price does not apply to a ${old.type} order`);
  if (stop !== null && old.type !== 'stop' && old.type !== 'stop_limit')
    return reply.unprocessable(`stop_price does not apply to a ${old.type} order`);
  if (trail !== null && old.type !== 'trailing_stop')
    return reply.unprocessable(`trail does not apply to a ${old.type} order`);
  if (qty !== null && qty < old.filledQty) return reply.unprocessable('qty must not be below the filled quantity');
  const cid = typeof b.client_order_id === 'string' && b.client_order_id !== '' ? b.client_order_id : randomUUID();
  if (findByClientOrderId(state, cid) !== undefined) return reply.duplicateClientOrderId();

  const { iso, ms } = stamp(state);
  const next: FakeOrder = {
    ...old,
    id: randomUUID(),
    clientOrderId: cid,
    qty: qty ?? old.qty,
    limitPrice: limit ?? old.limitPrice,
    stopPrice: stop ?? old.stopPrice,
    timeInForce: (tif as TimeInForce | undefined) ?? old.timeInForce,
    trailPercent: trail !== null && old.trailPercent !== null ? trail : old.trailPercent,
    trailPrice: trail !== null && old.trailPrice !== null ? trail : old.trailPrice,
    hwm: old.type === 'trailing_stop' ? old.hwm : null,
    filledQty: 0,
    filledAvgPrice: null,
    status: old.status === 'held' ? 'held' : 'new',
    createdAt: iso,
    updatedAt: iso,
    submittedAt: iso,
    submittedMs: ms,
    seq: state.seq,
    triggered: false,
    legIds: [...old.legIds],
    replaces: old.id,
    replacedBy: null,
    replacedAt: null,
  };
  state.orders.set(next.id, next);
  old.status = 'replaced';
  old.replacedBy = next.id;
  old.replacedAt = iso;
  old.updatedAt = iso;
  const parent = old.parentId === null ? undefined : state.orders.get(old.parentId);
  if (parent) parent.legIds = parent.legIds.map((l) => (l === old.id ? next.id : l));
  for (const legId of next.legIds) {
    const leg = state.orders.get(legId);
    if (leg) leg.parentId = next.id;
  }
  fillExecutable(state, next.symbol);
  return reply.ok(orderJson(state, next));
}
