/**
 * The one place Alpaca JSON meets our types (https://docs.alpaca.markets/reference/postorder,
 * /getallopenpositions, /getaccount-1). Amounts arrive as decimal strings and are parsed here, with
 * validation: a malformed answer is a DataError naming the field, never a NaN further down.
 */
import type { trading } from '@alpacahq/alpaca-trade-api/rest';
import { isOptionSymbol } from '../contract-multiplier.js';
import { DataError, UsageError } from '../errors.js';
import { fromAlpacaSymbol, occRoot, toAlpacaMleg, toAlpacaOptionOrder } from './alpaca-options.js';
import { formatPrice, formatQty } from './price-format.js';
import { ORDER_CLASSES, ORDER_TYPES } from './types.js';
import type {
  BrokerAccount,
  BrokerOrder,
  BrokerPosition,
  OrderChanges,
  OrderClass,
  OrderRequest,
  OrderStatus,
  OrderType,
  TimeInForce,
} from './types.js';

type Json = Record<string, unknown>;
const DECIMAL = /^-?\d+(\.\d+)?$/;

function obj(v: unknown, what: string): Json {
  if (v === null || typeof v !== 'object' || Array.isArray(v))
    throw new DataError(`Alpaca ${what}: expected an object`);
  return v as Json;
}

function str(o: Json, key: string, what: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v === '') throw new DataError(`Alpaca ${what}: "${key}" missing or not a string`);
  return v;
}

/** A decimal string (numbers tolerated) → number. */
function num(o: Json, key: string, what: string): number {
  const v = o[key];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && DECIMAL.test(v.trim())) return Number(v);
  throw new DataError(`Alpaca ${what}: "${key}" is not a decimal (${JSON.stringify(v)})`);
}

function numOrNull(o: Json, key: string, what: string): number | null {
  return o[key] === null || o[key] === undefined ? null : num(o, key, what);
}

function time(o: Json, key: string): number | null {
  const v = o[key];
  if (typeof v !== 'string') return null;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? null : ms;
}

const price = (n: number): string => formatPrice(n);

/**
 * OrderRequest → the SDK's POST /v2/orders model (the SDK writes it as snake_case JSON: order_class,
 * take_profit.limit_price, stop_loss.stop_price / limit_price, trail_percent). Amounts are decimal strings.
 * https://docs.alpaca.markets/reference/postorder and https://docs.alpaca.markets/docs/orders-at-alpaca.
 * Only Alpaca's own rules are checked here (the terms themselves are validated in order-input.ts):
 * a trailing stop is a single order at Alpaca, never a bracket leg ("Trailing stop orders are currently
 * supported only with single orders", orders-at-alpaca#trailing-stop-orders).
 */
export function toAlpacaOrderRequest(req: OrderRequest): trading.PostOrderRequest {
  const orderClass = req.orderClass ?? 'simple';
  if (orderClass === 'mleg') return toAlpacaMleg(req);
  if (isOptionSymbol(req.symbol)) return toAlpacaOptionOrder(req);
  if (req.type === 'trailing_stop' && orderClass !== 'simple')
    throw new UsageError(`Alpaca takes a trailing stop only as a single order, not in an ${orderClass} order`);
  if (req.type === 'trailing_stop' && !(req.trailPercent != null && req.trailPercent > 0))
    throw new UsageError('a trailing stop needs a trail percent > 0');
  const body: trading.PostOrderRequest = {
    symbol: req.symbol,
    qty: formatQty(req.qty),
    side: req.side,
    type: req.type,
    timeInForce: req.timeInForce,
    clientOrderId: req.clientOrderId,
  };
  if (req.limitPrice !== null) body.limitPrice = price(req.limitPrice);
  if (req.stopPrice !== null) body.stopPrice = price(req.stopPrice);
  if (req.type === 'trailing_stop' && req.trailPercent != null) body.trailPercent = String(req.trailPercent);
  if (orderClass !== 'simple') body.orderClass = orderClass;
  if (orderClass !== 'simple' && req.takeProfit) body.takeProfit = { limitPrice: price(req.takeProfit.limitPrice) };
  if (orderClass !== 'simple' && req.stopLoss) {
    body.stopLoss = { stopPrice: price(req.stopLoss.stopPrice) };
    if (req.stopLoss.limitPrice !== null) body.stopLoss.limitPrice = price(req.stopLoss.limitPrice);
  }
  return body;
}

/** OrderChanges → PATCH /v2/orders/{id} (https://docs.alpaca.markets/reference/patchorderbyorderid): `trail` is the new trail percent of a trailing stop. */
export function toAlpacaPatch(changes: OrderChanges): trading.PatchOrderRequest {
  const body: trading.PatchOrderRequest = {};
  if (changes.qty !== undefined) body.qty = formatQty(changes.qty);
  if (changes.limitPrice !== undefined) body.limitPrice = price(changes.limitPrice);
  if (changes.stopPrice !== undefined) body.stopPrice = price(changes.stopPrice);
  if (changes.trailPercent !== undefined) body.trail = String(changes.trailPercent);
  if (Object.keys(body).length === 0) throw new UsageError('nothing to replace: give a qty, limit, stop or trail');
  return body;
}

/**
 * Alpaca's order statuses (OAS OrderStatus) folded into ours: everything still working is new or
 * partially_filled; done_for_day / replaced / stopped / suspended keep their fill state.
 */
function mapStatus(raw: string, filledQty: number, qty: number): OrderStatus {
  switch (raw) {
    case 'filled':
      return 'filled';
    case 'canceled':
    case 'replaced':
      // replaced: the order lives on under a new id (replaced_by); this one will not fill any more.
      return 'canceled';
    case 'expired':
    case 'done_for_day':
      return filledQty >= qty ? 'filled' : 'expired';
    case 'rejected':
    case 'suspended':
      return 'rejected';
    case 'partially_filled':
      return 'partially_filled';
    default:
      // new, accepted, pending_new, accepted_for_bidding, pending_cancel, pending_replace, calculated, stopped, held
      return filledQty > 0 ? 'partially_filled' : 'new';
  }
}

function orderType(raw: string, what: string): OrderType {
  const known = ORDER_TYPES.find((t) => t === raw);
  if (known === undefined) throw new DataError(`Alpaca ${what}: unknown order type "${raw}"`);
  return known;
}

const orderClass = (raw: unknown): OrderClass => ORDER_CLASSES.find((c) => c === raw) ?? 'simple';

const tif = (raw: string): TimeInForce => (raw === 'gtc' ? 'gtc' : 'day');

/**
 * An order, with its legs (bracket / oto / oco exits) parsed the same way. Alpaca's order object has no parent
 * field: a leg knows its entry only by being nested in it, so parentId is set here from the nesting.
 */
export function parseAlpacaOrder(json: unknown, parentId: string | null = null, parentType?: OrderType): BrokerOrder {
  const o = obj(json, 'order');
  const what = `order ${typeof o.id === 'string' ? o.id : '?'}`;
  // An mleg order has no symbol, side or asset (""), and its legs no type (OAS "MultilegOptions" example): the
  // order is named by its underlying, its side is the sign of its net price (+ debit: buy), a leg's type its order's.
  const mleg = o.order_class === 'mleg';
  const limitPrice = numOrNull(o, 'limit_price', what);
  const side = mleg && o.side === '' ? ((limitPrice ?? 0) < 0 ? 'sell' : 'buy') : str(o, 'side', what);
  if (side !== 'buy' && side !== 'sell') throw new DataError(`Alpaca ${what}: unknown side "${side}"`);
  const legs = Array.isArray(o.legs) ? o.legs : [];
  const firstLeg = legs[0] as Json | undefined;
  const symbol =
    mleg && o.symbol === '' && typeof firstLeg?.symbol === 'string'
      ? occRoot(firstLeg.symbol)
      : fromAlpacaSymbol(str(o, 'symbol', what));
  // A leg fetched on its own (by its client order id) has no order around it: market stands in (the ledger keeps
  // the type it recorded from the order).
  const type = mleg && o.type === '' ? (parentType ?? 'market') : orderType(str(o, 'type', what), what);
  const qty = num(o, 'qty', what);
  const filledQty = num(o, 'filled_qty', what);
  const submittedAt = time(o, 'submitted_at') ?? time(o, 'created_at') ?? 0;
  const id = str(o, 'id', what);
  const order: BrokerOrder = {
    id,
    clientOrderId: str(o, 'client_order_id', what),
    symbol,
    side,
    qty,
    type,
    timeInForce: tif(str(o, 'time_in_force', what)),
    limitPrice,
    stopPrice: numOrNull(o, 'stop_price', what),
    trailPercent: numOrNull(o, 'trail_percent', what),
    status: mapStatus(str(o, 'status', what), filledQty, qty),
    filledQty,
    filledAvgPrice: numOrNull(o, 'filled_avg_price', what),
    commission: 0,
    submittedAt,
    updatedAt: time(o, 'filled_at') ?? time(o, 'updated_at') ?? submittedAt,
    orderClass: orderClass(o.order_class),
    parentId,
  };
  if (Array.isArray(o.legs)) order.legs = o.legs.map((leg) => parseAlpacaOrder(leg, id, type));
  return order;
}

export function parseAlpacaPosition(json: unknown): BrokerPosition {
  const p = obj(json, 'position');
  const what = `position ${typeof p.symbol === 'string' ? p.symbol : '?'}`;
  const qty = num(p, 'qty', what);
  const side = p.side;
  // qty is signed in current answers; older ones gave side "short" with a positive qty.
  const signed = side === 'short' && qty > 0 ? -qty : qty;
  return {
    symbol: fromAlpacaSymbol(str(p, 'symbol', what)),
    assetClass: p.asset_class === 'us_option' ? 'us_option' : 'us_equity',
    qty: signed,
    avgEntryPrice: num(p, 'avg_entry_price', what),
    marketValue: num(p, 'market_value', what),
    currentPrice: num(p, 'current_price', what),
  };
}

export function parseAlpacaAccount(json: unknown): BrokerAccount {
  const a = obj(json, 'account');
  return {
    equity: num(a, 'equity', 'account'),
    lastEquity: numOrNull(a, 'last_equity', 'account'),
    cash: num(a, 'cash', 'account'),
    buyingPower: num(a, 'buying_power', 'account'),
  };
}

export function parseAlpacaList<T>(json: unknown, what: string, parse: (v: unknown) => T): T[] {
  if (!Array.isArray(json)) throw new DataError(`Alpaca ${what}: expected an array`);
  return json.map(parse);
}

/** The {code, message} body of an Alpaca error, when there is one. */
export function alpacaErrorMessage(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object') return typeof body === 'string' && body !== '' ? body : undefined;
  const m = (body as Json).message;
  return typeof m === 'string' ? m : undefined;
}
