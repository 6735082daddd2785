/**
 * Order state changes after submission: fills (full or partial) with their effect on positions and cash,
 * cancels, expiry, rejection, and the automatic fills of marketable orders.
 */
import { isOpen, priceOf, stamp } from './state.js';
import type { FakeAlpacaState, FakeOrder, OrderStatus } from './state.js';

/** Quantities are compared after rounding away float noise (0.1 + 0.2 coins). */
const round9 = (n: number): number => Math.round(n * 1e9) / 1e9;

/**
 * Fill `qty` of `o` at `price`: filled_qty / filled_avg_price (quantity-weighted), status
 * partially_filled or filled, the position (weighted average entry while it grows, unchanged while it shrinks,
 * the fill price when it flips side) and cash (− for buys, + for sells).
 */
export function applyFill(state: FakeAlpacaState, o: FakeOrder, qty: number, price: number): void {
  const remaining = round9(o.qty - o.filledQty);
  if (!isOpen(o)) throw new Error(`fake Alpaca: order ${o.id} is ${o.status}, cannot fill`);
  if (!(qty > 0) || round9(qty) > remaining)
    throw new Error(`fake Alpaca: fill qty ${qty} must be in (0, ${remaining}]`);
  if (!(price > 0)) throw new Error(`fake Alpaca: fill price ${price} must be > 0`);
  const { iso } = stamp(state);
  const filled = round9(o.filledQty + qty);
  o.filledAvgPrice = ((o.filledAvgPrice ?? 0) * o.filledQty + price * qty) / filled;
  o.filledQty = filled;
  o.status = filled >= o.qty ? 'filled' : 'partially_filled';
  o.updatedAt = iso;
  if (o.status === 'filled') o.filledAt = iso;

  const delta = o.side === 'buy' ? qty : -qty;
  state.account.cash -= delta * price;
  const p = state.positions.get(o.symbol) ?? { symbol: o.symbol, asset: o.asset, qty: 0, avgEntryPrice: 0 };
  const newQty = round9(p.qty + delta);
  if (p.qty === 0 || Math.sign(p.qty) === Math.sign(delta)) {
    p.avgEntryPrice = (Math.abs(p.qty) * p.avgEntryPrice + qty * price) / Math.abs(newQty);
  } else if (Math.sign(newQty) === -Math.sign(p.qty)) {
    p.avgEntryPrice = price;
  }
  p.qty = newQty;
  if (newQty === 0) state.positions.delete(o.symbol);
  else state.positions.set(o.symbol, p);
}

/** End an open order: canceled / expired / rejected, with the matching *_at timestamp. */
export function endOrder(
  state: FakeAlpacaState,
  o: FakeOrder,
  status: Extract<OrderStatus, 'canceled' | 'expired' | 'rejected'>,
): void {
  if (!isOpen(o)) throw new Error(`fake Alpaca: order ${o.id} is already ${o.status}`);
  const { iso } = stamp(state);
  o.status = status;
  o.updatedAt = iso;
  if (status === 'canceled') o.canceledAt = iso;
  else if (status === 'expired') o.expiredAt = iso;
  else o.failedAt = iso;
}

/**
 * The price at which `o` would execute now, or undefined. Market: the current price. Limit: the current price
 * once it is at or through the limit (buy ≤ limit, sell ≥ limit). Stop: triggers when the price reaches the stop
 * (buy ≥ stop, sell ≤ stop), then behaves as a market (stop) or limit (stop_limit) order.
 */
export function executablePrice(state: FakeAlpacaState, o: FakeOrder): number | undefined {
  const price = priceOf(state, o.symbol);
  if (price === undefined) return undefined;
  if ((o.type === 'stop' || o.type === 'stop_limit') && !o.triggered) {
    const stop = o.stopPrice as number;
    if (o.side === 'buy' ? price < stop : price > stop) return undefined;
    o.triggered = true;
  }
  if (o.type === 'market' || o.type === 'stop') return price;
  const limit = o.limitPrice as number;
  return (o.side === 'buy' ? price <= limit : price >= limit) ? price : undefined;
}

/** With autoFill on: fill the rest of every open order on `symbol` that is executable at the current price. */
export function fillExecutable(state: FakeAlpacaState, symbol?: string): void {
  if (!state.autoFill) return;
  for (const o of [...state.orders.values()].sort((a, b) => a.seq - b.seq)) {
    if (!isOpen(o) || (symbol !== undefined && o.symbol !== symbol)) continue;
    const price = executablePrice(state, o);
    if (price !== undefined) applyFill(state, o, round9(o.qty - o.filledQty), price);
  }
}
