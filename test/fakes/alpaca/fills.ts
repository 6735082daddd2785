/**
 * Order state changes after submission: fills (full or partial) with their effect on positions and cash,
 * cancels, expiry, rejection, and the automatic fills of marketable orders.
 */
import { isOpen, multiplierOf, priceOf, stamp } from './state.js';
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
  state.account.cash -= delta * price * multiplierOf(o.symbol);
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
  if (o.status === 'filled') afterFill(state, o);
}

const legsOf = (state: FakeAlpacaState, o: FakeOrder): FakeOrder[] =>
  o.legIds.map((id) => state.orders.get(id)).filter((l): l is FakeOrder => l !== undefined);

/**
 * The links between an entry and its exits (orders-at-alpaca: bracket, oto, oco): a filled bracket / oto entry
 * releases its held legs; a filled exit cancels the other one (one-cancels-other); a filled oco limit cancels
 * its stop leg and the other way round.
 */
function afterFill(state: FakeAlpacaState, o: FakeOrder): void {
  if (o.parentId === null) {
    for (const leg of legsOf(state, o)) {
      if (o.orderClass === 'oco' && isOpen(leg)) endOrder(state, leg, 'canceled');
      else if (leg.status === 'held') leg.status = 'new';
    }
    return;
  }
  const parent = state.orders.get(o.parentId);
  // The legs of an mleg order fill together (mleg.ts): no leg cancels another.
  if (parent === undefined || parent.orderClass === 'mleg') return;
  for (const sibling of legsOf(state, parent))
    if (sibling !== o && isOpen(sibling)) endOrder(state, sibling, 'canceled');
  if (parent.orderClass === 'oco' && isOpen(parent)) endOrder(state, parent, 'canceled');
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
  // An entry that ends unfilled takes its exits with it: there is nothing for them to protect.
  if (o.filledQty === 0) for (const leg of legsOf(state, o)) if (isOpen(leg)) endOrder(state, leg, 'canceled');
}

/**
 * A leg refused after the entry was accepted (the exit needs buying power or a short the account cannot carry).
 * Assumed, as no Alpaca page states it: the rejected leg ends "rejected", its sibling is canceled (the
 * one-cancels-other group is broken) and an entry not yet filled is canceled; a filled entry keeps its position.
 */
export function rejectLeg(state: FakeAlpacaState, entry: FakeOrder, leg: 'take_profit' | 'stop_loss'): FakeOrder {
  const target = legsOf(state, entry).find((l) => (leg === 'take_profit') === (l.type === 'limit'));
  if (target === undefined || !isOpen(target)) throw new Error(`fake Alpaca: order ${entry.id} has no open ${leg} leg`);
  endOrder(state, target, 'rejected');
  for (const sibling of legsOf(state, entry)) if (isOpen(sibling)) endOrder(state, sibling, 'canceled');
  if (isOpen(entry) && entry.filledQty === 0) endOrder(state, entry, 'canceled');
  return target;
}

/**
 * The price at which `o` would execute now, or undefined. Market: the current price. Limit: the current price
 * once it is at or through the limit (buy ≤ limit, sell ≥ limit). Stop: triggers when the price reaches the stop
 * (buy ≥ stop, sell ≤ stop), then behaves as a market (stop) or limit (stop_limit) order.
 */
export function executablePrice(state: FakeAlpacaState, o: FakeOrder): number | undefined {
  const price = priceOf(state, o.symbol);
  if (price === undefined || o.status === 'held' || o.status === 'accepted') return undefined;
  if (o.type === 'trailing_stop') {
    // The stop trails the best price since placement: hwm − trail (sell), low-water mark + trail (buy).
    o.hwm = o.hwm === null ? price : o.side === 'sell' ? Math.max(o.hwm, price) : Math.min(o.hwm, price);
    const trail = o.trailPrice ?? (o.hwm * (o.trailPercent ?? 0)) / 100;
    const stop = o.side === 'sell' ? o.hwm - trail : o.hwm + trail;
    return (o.side === 'sell' ? price <= stop : price >= stop) ? price : undefined;
  }
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
    // mleg orders fill only through the test hook (fillMleg): all legs at once.
    if (!isOpen(o) || o.orderClass === 'mleg' || (symbol !== undefined && o.symbol !== symbol)) continue;
    const price = executablePrice(state, o);
    if (price !== undefined) applyFill(state, o, round9(o.qty - o.filledQty), price);
  }
}
