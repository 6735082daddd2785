/**
 * POST /v2/orders: validation in the order the real API reports problems (input 422s, then 403s for money and
 * shares), creation with status "accepted" (the body returned), then routing ("new") and, with autoFill,
 * an immediate fill of marketable orders. Reference: OAS POST /v2/orders (403 = "Buying power or shares is not
 * sufficient", 422 = "Input parameters are not recognized"); bodies from test/fixtures/alpaca.
 */
import { randomUUID } from 'node:crypto';
import { fillExecutable } from './fills.js';
import { submitMleg } from './mleg.js';
import { advancedOrderProblem } from './order-classes.js';
import type { Legs } from './order-classes.js';
import { heldForOrders, orderJson } from './render.js';
import * as reply from './replies.js';
import type { Reply } from './replies.js';
import {
  buyingPower,
  isOpen,
  multiplierOf,
  ORDER_CLASSES,
  ORDER_TYPES,
  priceOf,
  stamp,
  TIME_IN_FORCE,
} from './state.js';
import type { FakeAlpacaState, FakeOrder, OrderClass, OrderType, TimeInForce } from './state.js';

/** Current Alpaca docs allow 128 characters (the older JS SDK mock used 48). */
const MAX_CLIENT_ORDER_ID = 128;

/** A decimal given as a JSON string or number (the SDKs send both). */
function decimal(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T =>
  typeof v === 'string' && (list as readonly string[]).includes(v);

export interface OrderRequest extends Legs {
  symbol: string;
  qty: number;
  side: 'buy' | 'sell';
  type: OrderType;
  timeInForce: TimeInForce;
  limitPrice: number | null;
  stopPrice: number | null;
  clientOrderId: string | undefined;
  extendedHours: boolean;
  orderClass: OrderClass;
  trailPercent: number | null;
  trailPrice: number | null;
}

/** An optional decimal field: null when absent, undefined when not a decimal. */
const optional = (v: unknown): number | null | undefined => (v === undefined || v === null ? null : decimal(v));

/** take_profit {limit_price} / stop_loss {stop_price, limit_price?}: a string is the 422 message. */
function parseLegs(b: Record<string, unknown>): Legs | string {
  const tp = b.take_profit as Record<string, unknown> | null | undefined;
  const sl = b.stop_loss as Record<string, unknown> | null | undefined;
  const tpLimit = tp ? optional(tp.limit_price) : null;
  const slStop = sl ? optional(sl.stop_price) : null;
  const slLimit = sl ? optional(sl.limit_price) : null;
  if (tpLimit === undefined || slStop === undefined || slLimit === undefined) return 'leg prices must be decimals';
  if (tp && tpLimit === null) return 'take_profit.limit_price is required';
  if (sl && slStop === null) return 'stop_loss.stop_price is required';
  if ([tpLimit, slStop, slLimit].some((p) => p !== null && !(p > 0))) return 'leg prices must be > 0';
  return {
    takeProfit: tpLimit === null ? null : { limitPrice: tpLimit },
    stopLoss: slStop === null ? null : { stopPrice: slStop, limitPrice: slLimit },
  };
}

/** Parse a request body; a string is the 422 message. */
export function parseOrderRequest(body: unknown): OrderRequest | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'request body must be a JSON object';
  const b = body as Record<string, unknown>;
  if (typeof b.symbol !== 'string' || b.symbol === '') return 'symbol is required';
  if (b.notional !== undefined && b.notional !== null)
    return 'fake Alpaca: notional orders are not supported; send qty';
  const qty = decimal(b.qty);
  if (qty === undefined) return 'qty is required';
  if (!(qty > 0)) return 'qty must be > 0';
  if (!oneOf(['buy', 'sell'] as const, b.side)) return `invalid side: ${String(b.side)}`;
  if (!oneOf(ORDER_TYPES, b.type)) return `invalid order type: ${String(b.type)}`;
  if (!oneOf(TIME_IN_FORCE, b.time_in_force)) return `invalid time_in_force: ${String(b.time_in_force)}`;
  const limitPrice = b.limit_price === undefined || b.limit_price === null ? null : decimal(b.limit_price);
  const stopPrice = b.stop_price === undefined || b.stop_price === null ? null : decimal(b.stop_price);
  if (limitPrice === undefined || stopPrice === undefined) return 'limit_price and stop_price must be decimals';
  const needsLimit = b.type === 'limit' || b.type === 'stop_limit';
  const needsStop = b.type === 'stop' || b.type === 'stop_limit';
  // An oco's limit order is its take-profit: take_profit.limit_price stands in for a missing limit_price.
  if (needsLimit && limitPrice === null && b.order_class !== 'oco') return 'limit_price is required';
  if (needsStop && stopPrice === null) return 'stop_price is required';
  if ((limitPrice !== null && !(limitPrice > 0)) || (stopPrice !== null && !(stopPrice > 0)))
    return 'prices must be > 0';
  const orderClass =
    b.order_class === undefined || b.order_class === null || b.order_class === '' ? 'simple' : b.order_class;
  if (!oneOf(ORDER_CLASSES, orderClass)) return `invalid order_class: ${String(b.order_class)}`;
  const legs = parseLegs(b);
  if (typeof legs === 'string') return legs;
  const trailPercent = optional(b.trail_percent);
  const trailPrice = optional(b.trail_price);
  if (trailPercent === undefined || trailPrice === undefined) return 'trail_price and trail_percent must be decimals';
  const cid = b.client_order_id;
  if (cid !== undefined && cid !== null && typeof cid !== 'string') return 'client_order_id must be a string';
  if (typeof cid === 'string' && cid.length > MAX_CLIENT_ORDER_ID) {
    return `client_order_id must be no more than ${MAX_CLIENT_ORDER_ID} characters`;
  }
  return {
    symbol: b.symbol,
    qty,
    side: b.side,
    type: b.type,
    timeInForce: b.time_in_force,
    limitPrice: needsLimit ? (limitPrice ?? legs.takeProfit?.limitPrice ?? null) : null,
    stopPrice: needsStop ? stopPrice : null,
    clientOrderId: typeof cid === 'string' && cid !== '' ? cid : undefined,
    extendedHours: b.extended_hours === true,
    orderClass,
    // Legs belong to the advanced classes only; a simple order ignores them.
    takeProfit: orderClass === 'simple' ? null : legs.takeProfit,
    stopLoss: orderClass === 'simple' ? null : legs.stopLoss,
    trailPercent: b.type === 'trailing_stop' ? trailPercent : null,
    trailPrice: b.type === 'trailing_stop' ? trailPrice : null,
  };
}

export function findByClientOrderId(state: FakeAlpacaState, clientOrderId: string): FakeOrder | undefined {
  for (const o of state.orders.values()) if (o.clientOrderId === clientOrderId) return o;
  return undefined;
}

/** Checks against the account: asset, client_order_id uniqueness, buying power, shares to sell / shortability. */
function refuse(state: FakeAlpacaState, r: OrderRequest): Reply | undefined {
  const asset = state.assets.get(r.symbol);
  if (asset === undefined) return reply.couldNotFindAsset(r.symbol);
  if (!asset.tradable) return reply.invalid(`asset ${r.symbol} is not tradable`);
  const price = priceOf(state, r.symbol);
  if (price === undefined) return reply.invalid(`fake Alpaca: no price for ${r.symbol}; call setPrice first`);
  if (asset.class === 'us_option') {
    // https://docs.alpaca.markets/docs/options-trading: day orders only, whole contracts.
    if (r.timeInForce !== 'day') return reply.invalid('options orders must be time_in_force day');
    if (!Number.isInteger(r.qty)) return reply.invalid('options orders take a whole number of contracts');
    if (r.orderClass !== 'simple') return reply.invalid(`order_class ${r.orderClass} is not supported for options`);
  }
  const problem = advancedOrderProblem(r, price);
  if (problem !== undefined) return reply.unprocessable(problem);
  if (state.refuseNextAdvanced && r.orderClass !== 'simple') {
    const kind = state.refuseNextAdvanced;
    state.refuseNextAdvanced = null;
    return kind === 'not_shortable' ? reply.notAllowedToShort() : reply.insufficientBuyingPower(0, r.qty * price);
  }
  // Uniqueness holds for every earlier order, canceled ones included (alpaca-py issue #260).
  if (r.clientOrderId !== undefined && findByClientOrderId(state, r.clientOrderId) !== undefined)
    return reply.duplicateClientOrderId();
  const held = state.positions.get(r.symbol)?.qty ?? 0;
  if (r.side === 'buy') {
    const cost = r.qty * (r.limitPrice ?? r.stopPrice ?? (priceOf(state, r.symbol) as number)) * multiplierOf(r.symbol);
    const bp = buyingPower(state);
    if (cost > bp) return reply.insufficientBuyingPower(bp, cost);
    return undefined;
  }
  if (held > 0) {
    // Selling a long: only the shares not already promised to open sell orders; no flip to short in one order.
    const promised = heldForOrders(state, { symbol: r.symbol, qty: held });
    if (r.qty > held - promised) {
      const related = [...state.orders.values()]
        .filter((o) => o.symbol === r.symbol && o.side === 'sell' && isOpen(o))
        .map((o) => o.id);
      return reply.insufficientQty({ symbol: r.symbol, requested: r.qty, existing: held, held: promised, related });
    }
    return undefined;
  }
  if (!asset.shortable || !state.account.shortingEnabled) return reply.notAllowedToShort();
  return undefined;
}

/**
 * The exit legs of an advanced order, created with it. bracket / oto: opposite side, "held" until the entry
 * fills. oco: the order itself is the take-profit limit, its one leg the stop, both working at once.
 */
function createLegs(state: FakeAlpacaState, parent: FakeOrder, r: OrderRequest): void {
  const oco = r.orderClass === 'oco';
  const side = oco ? r.side : r.side === 'buy' ? 'sell' : 'buy';
  const base = { ...r, side, clientOrderId: undefined, orderClass: r.orderClass, trailPercent: null, trailPrice: null };
  const legs: OrderRequest[] = [];
  if (r.takeProfit && !oco) legs.push({ ...base, type: 'limit', limitPrice: r.takeProfit.limitPrice, stopPrice: null });
  if (r.stopLoss) {
    const { stopPrice, limitPrice } = r.stopLoss;
    legs.push({ ...base, type: limitPrice === null ? 'stop' : 'stop_limit', limitPrice, stopPrice });
  }
  for (const leg of legs) {
    const o = createOrder(state, { ...leg, takeProfit: null, stopLoss: null });
    o.parentId = parent.id;
    o.status = oco ? 'accepted' : 'held';
    parent.legIds.push(o.id);
  }
}

/** Create an order as the real API accepts it; `refuse` already passed. Status "accepted". */
export function createOrder(state: FakeAlpacaState, r: OrderRequest): FakeOrder {
  const { iso, ms } = stamp(state);
  const held = state.positions.get(r.symbol)?.qty ?? 0;
  const closes = r.side === 'buy' ? held < 0 : held > 0;
  const o: FakeOrder = {
    id: randomUUID(),
    clientOrderId: r.clientOrderId ?? randomUUID(),
    symbol: r.symbol,
    asset: state.assets.get(r.symbol) as FakeOrder['asset'],
    side: r.side,
    type: r.type,
    timeInForce: r.timeInForce,
    qty: r.qty,
    limitPrice: r.limitPrice,
    stopPrice: r.stopPrice,
    extendedHours: r.extendedHours,
    status: 'accepted',
    filledQty: 0,
    filledAvgPrice: null,
    positionIntent: `${r.side}_to_${closes ? 'close' : 'open'}`,
    createdAt: iso,
    updatedAt: iso,
    submittedAt: iso,
    submittedMs: ms,
    filledAt: null,
    canceledAt: null,
    expiredAt: null,
    failedAt: null,
    seq: state.seq,
    triggered: false,
    orderClass: r.orderClass,
    trailPercent: r.trailPercent,
    trailPrice: r.trailPrice,
    hwm: null,
    legIds: [],
    parentId: null,
    replaces: null,
    replacedBy: null,
    replacedAt: null,
  };
  state.orders.set(o.id, o);
  if (r.orderClass !== 'simple' && (r.takeProfit || r.stopLoss)) createLegs(state, o, r);
  return o;
}

/** POST /v2/orders. The reply carries the order as accepted; routing and any auto-fill happen right after. */
export function submitOrder(state: FakeAlpacaState, body: unknown): Reply {
  if (typeof body === 'object' && body !== null && (body as Record<string, unknown>).order_class === 'mleg') {
    const dup = (cid: string): boolean => findByClientOrderId(state, cid) !== undefined;
    return submitMleg(state, body as Record<string, unknown>, dup, (o) => orderJson(state, o));
  }
  const r = parseOrderRequest(body);
  if (typeof r === 'string') return reply.invalid(r);
  const refusal = refuse(state, r);
  if (refusal !== undefined) return refusal;
  const o = createOrder(state, r);
  const accepted = orderJson(state, o);
  o.status = 'new';
  for (const id of o.legIds) {
    const leg = state.orders.get(id);
    if (leg?.status === 'accepted') leg.status = 'new';
  }
  fillExecutable(state, o.symbol);
  return reply.ok(accepted);
}
