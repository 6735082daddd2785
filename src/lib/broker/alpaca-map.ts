/**
 * The one place Alpaca JSON meets our types (https://docs.alpaca.markets/reference/postorder,
 * /getallopenpositions, /getaccount-1). Amounts arrive as decimal strings and are parsed here, with
 * validation: a malformed answer is a DataError naming the field, never a NaN further down.
 */
import { DataError } from '../errors.js';
import { formatPrice, formatQty } from './price-format.js';
import type {
  BrokerAccount,
  BrokerOrder,
  BrokerPosition,
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

/** Request body for POST /v2/orders: amounts as decimal strings. */
export function toAlpacaOrderBody(req: OrderRequest): Json {
  const body: Json = {
    symbol: req.symbol,
    qty: formatQty(req.qty),
    side: req.side,
    type: req.type,
    time_in_force: req.timeInForce,
    client_order_id: req.clientOrderId,
  };
  if (req.limitPrice !== null) body.limit_price = formatPrice(req.limitPrice);
  if (req.stopPrice !== null) body.stop_price = formatPrice(req.stopPrice);
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

function orderType(raw: string): OrderType {
  if (raw === 'market' || raw === 'limit' || raw === 'stop') return raw;
  // stop_limit / trailing_stop are not placed by ats; an external one is shown as its closest kind.
  return raw === 'stop_limit' || raw === 'trailing_stop' ? 'stop' : 'market';
}

const tif = (raw: string): TimeInForce => (raw === 'gtc' ? 'gtc' : 'day');

export function parseAlpacaOrder(json: unknown): BrokerOrder {
  const o = obj(json, 'order');
  const what = `order ${typeof o.id === 'string' ? o.id : '?'}`;
  const side = str(o, 'side', what);
  if (side !== 'buy' && side !== 'sell') throw new DataError(`Alpaca ${what}: unknown side "${side}"`);
  const qty = num(o, 'qty', what);
  const filledQty = num(o, 'filled_qty', what);
  const submittedAt = time(o, 'submitted_at') ?? time(o, 'created_at') ?? 0;
  return {
    id: str(o, 'id', what),
    clientOrderId: str(o, 'client_order_id', what),
    symbol: str(o, 'symbol', what),
    side,
    qty,
    type: orderType(str(o, 'type', what)),
    timeInForce: tif(str(o, 'time_in_force', what)),
    limitPrice: numOrNull(o, 'limit_price', what),
    stopPrice: numOrNull(o, 'stop_price', what),
    status: mapStatus(str(o, 'status', what), filledQty, qty),
    filledQty,
    filledAvgPrice: numOrNull(o, 'filled_avg_price', what),
    commission: 0,
    submittedAt,
    updatedAt: time(o, 'filled_at') ?? time(o, 'updated_at') ?? submittedAt,
  };
}

export function parseAlpacaPosition(json: unknown): BrokerPosition {
  const p = obj(json, 'position');
  const what = `position ${typeof p.symbol === 'string' ? p.symbol : '?'}`;
  const qty = num(p, 'qty', what);
  const side = p.side;
  // qty is signed in current answers; older ones gave side "short" with a positive qty.
  const signed = side === 'short' && qty > 0 ? -qty : qty;
  return {
    symbol: str(p, 'symbol', what),
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
