/**
 * Multi-leg option orders (order_class "mleg") as Alpaca takes them. Request fields from the OAS of POST /v2/orders
 * (https://docs.alpaca.markets/reference/postorder; the SDK's PostOrderRequest / MLegOrderLeg): no symbol or side on
 * the order; qty = strategy units; limit_price signed (+ debit, − credit); legs (at most 4) of {symbol, ratio_qty,
 * side, position_intent}. Rules from https://docs.alpaca.markets/docs/options-level-3-trading (legs on the same
 * underlying, filled together or not at all; ratio_qty in lowest terms) and /docs/options-trading (options orders
 * are day orders, whole contracts). At least two legs and distinct leg symbols: the brief's reading of the same
 * pages (a one-leg order is a simple order). Messages are ours, in Alpaca's {code, message} shape.
 */
import { randomUUID } from 'node:crypto';
import * as reply from './replies.js';
import type { Reply } from './replies.js';
import { applyFill } from './fills.js';
import { makeAsset, OCC_SYMBOL, priceOf, stamp } from './state.js';
import type { FakeAlpacaState, FakeAsset, FakeOrder } from './state.js';

const INTENTS = ['buy_to_open', 'buy_to_close', 'sell_to_open', 'sell_to_close'] as const;
type Intent = (typeof INTENTS)[number];

export interface MlegLeg {
  symbol: string;
  ratioQty: number;
  side: 'buy' | 'sell';
  positionIntent: Intent;
}

export interface MlegRequest {
  qty: number;
  type: 'limit' | 'market';
  limitPrice: number | null;
  clientOrderId: string | undefined;
  legs: MlegLeg[];
}

const whole = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

function parseLeg(raw: unknown, i: number): MlegLeg | string {
  if (typeof raw !== 'object' || raw === null) return `legs[${i}] must be an object`;
  const l = raw as Record<string, unknown>;
  if (typeof l.symbol !== 'string' || !OCC_SYMBOL.test(l.symbol))
    return `legs[${i}].symbol ${JSON.stringify(l.symbol)} is not an OCC option symbol`;
  const ratioQty = whole(l.ratio_qty);
  if (ratioQty === undefined)
    return `legs[${i}].ratio_qty must be a positive integer, got ${JSON.stringify(l.ratio_qty)}`;
  if (l.side !== 'buy' && l.side !== 'sell') return `legs[${i}].side must be buy or sell`;
  const intent: unknown = l.position_intent ?? `${l.side}_to_open`;
  if (typeof intent !== 'string' || !(INTENTS as readonly string[]).includes(intent))
    return `legs[${i}].position_intent is invalid`;
  if (!intent.startsWith(l.side)) return `legs[${i}]: position_intent ${intent} contradicts side ${l.side}`;
  return { symbol: l.symbol, ratioQty, side: l.side, positionIntent: intent as Intent };
}

/** A request body with order_class "mleg"; a string is the 422 message. */
export function parseMlegRequest(b: Record<string, unknown>): MlegRequest | string {
  const qty = whole(b.qty);
  if (qty === undefined) return `qty must be a positive whole number of strategy units, got ${JSON.stringify(b.qty)}`;
  if (b.type !== 'limit' && b.type !== 'market') return `mleg orders must be limit or market, got ${String(b.type)}`;
  if (b.time_in_force !== 'day') return `options orders must be time_in_force day, got ${String(b.time_in_force)}`;
  let limitPrice: number | null = null;
  if (b.type === 'limit') {
    const v =
      typeof b.limit_price === 'string'
        ? b.limit_price
        : typeof b.limit_price === 'number'
          ? String(b.limit_price)
          : '';
    if (!/^-?\d+(\.\d+)?$/.test(v.trim())) return 'limit_price is required for a limit mleg order';
    limitPrice = Number(v);
  }
  if (!Array.isArray(b.legs)) return 'legs are required for order_class mleg';
  if (b.legs.length < 2 || b.legs.length > 4) return `mleg orders take 2 to 4 legs, got ${b.legs.length}`;
  const legs: MlegLeg[] = [];
  for (const [i, raw] of b.legs.entries()) {
    const leg = parseLeg(raw, i);
    if (typeof leg === 'string') return leg;
    legs.push(leg);
  }
  if (new Set(legs.map((l) => l.symbol)).size !== legs.length) return 'each leg must have a distinct symbol';
  const roots = new Set(legs.map((l) => OCC_SYMBOL.exec(l.symbol)![1]));
  if (roots.size !== 1) return `all legs must be on the same underlying, got ${[...roots].join(', ')}`;
  const divisor = legs.map((l) => l.ratioQty).reduce(gcd);
  if (divisor !== 1) return `ratio_qty must be in lowest terms: the legs' ratios share the factor ${divisor}`;
  const cid = b.client_order_id;
  if (cid !== undefined && cid !== null && typeof cid !== 'string') return 'client_order_id must be a string';
  return {
    qty,
    type: b.type,
    limitPrice,
    clientOrderId: typeof cid === 'string' && cid !== '' ? cid : undefined,
    legs,
  };
}

const NO_ASSET: FakeAsset = {
  id: '',
  symbol: '',
  class: 'us_option',
  name: '',
  exchange: '',
  tradable: true,
  shortable: true,
  fractionable: false,
};

function baseOrder(state: FakeAlpacaState, over: Partial<FakeOrder>): FakeOrder {
  const { iso, ms } = stamp(state);
  return {
    id: randomUUID(),
    clientOrderId: randomUUID(),
    symbol: '',
    asset: NO_ASSET,
    side: 'buy',
    type: 'limit',
    timeInForce: 'day',
    qty: 1,
    limitPrice: null,
    stopPrice: null,
    extendedHours: false,
    status: 'accepted',
    filledQty: 0,
    filledAvgPrice: null,
    positionIntent: 'buy_to_open',
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
    orderClass: 'mleg',
    trailPercent: null,
    trailPrice: null,
    hwm: null,
    legIds: [],
    parentId: null,
    replaces: null,
    replacedBy: null,
    replacedAt: null,
    ...over,
  };
}

/** Create the parent and its legs (status accepted); the caller routes them ("new"). */
export function createMleg(state: FakeAlpacaState, r: MlegRequest): FakeOrder {
  const parent = baseOrder(state, {
    ...(r.clientOrderId ? { clientOrderId: r.clientOrderId } : {}),
    side: (r.limitPrice ?? 0) < 0 ? 'sell' : 'buy',
    type: r.type,
    qty: r.qty,
    limitPrice: r.limitPrice,
  });
  state.orders.set(parent.id, parent);
  for (const leg of r.legs) {
    if (!state.assets.has(leg.symbol)) state.assets.set(leg.symbol, makeAsset(leg.symbol));
    const o = baseOrder(state, {
      symbol: leg.symbol,
      asset: state.assets.get(leg.symbol)!,
      side: leg.side,
      type: r.type,
      qty: leg.ratioQty * r.qty,
      positionIntent: leg.positionIntent,
      parentId: parent.id,
      ratioQty: leg.ratioQty,
    });
    state.orders.set(o.id, o);
    parent.legIds.push(o.id);
  }
  return parent;
}

/** POST /v2/orders with order_class mleg: validated, created, answered "accepted", then routed. */
export function submitMleg(
  state: FakeAlpacaState,
  body: Record<string, unknown>,
  isDuplicate: (cid: string) => boolean,
  render: (o: FakeOrder) => Record<string, unknown>,
): Reply {
  const r = parseMlegRequest(body);
  if (typeof r === 'string') return reply.invalid(r);
  if (r.clientOrderId !== undefined && isDuplicate(r.clientOrderId)) return reply.duplicateClientOrderId();
  const parent = createMleg(state, r);
  const accepted = render(parent);
  for (const o of [parent, ...parent.legIds.map((id) => state.orders.get(id)!)]) o.status = 'new';
  return reply.ok(accepted);
}

/**
 * Fill every leg of an open mleg order at once (the test hook): each leg at `legPrices[symbol]`, else its current
 * price; the parent's filled_avg_price is the net per unit, Σ ± ratio × leg price (+ paid, − received), as in the
 * OAS example (legs 3 × 0.43 bought and 1 × 0.01 sold: 1.28).
 */
export function fillMleg(state: FakeAlpacaState, parent: FakeOrder, legPrices: Record<string, number> = {}): void {
  if (parent.orderClass !== 'mleg' || parent.parentId !== null)
    throw new Error(`fake Alpaca: ${parent.id} is not an mleg order`);
  let net = 0;
  for (const id of parent.legIds) {
    const leg = state.orders.get(id)!;
    const price = legPrices[leg.symbol] ?? priceOf(state, leg.symbol);
    if (price === undefined) throw new Error(`fake Alpaca: no price for leg ${leg.symbol}`);
    applyFill(state, leg, leg.qty - leg.filledQty, price);
    net += (leg.side === 'buy' ? 1 : -1) * (leg.ratioQty ?? 1) * price;
  }
  const { iso } = stamp(state);
  parent.filledQty = parent.qty;
  parent.filledAvgPrice = Math.round(net * 1e6) / 1e6;
  parent.status = 'filled';
  parent.filledAt = iso;
  parent.updatedAt = iso;
}
