/**
 * In-memory state of the fake Alpaca account: cash, orders, positions, prices, assets. Numbers are kept as
 * numbers here and written as decimal strings by render.ts, like the real API.
 *
 * Accounting (a cash-like account, multiplier 1): equity = cash + Σ qty × price (shorts have qty < 0, and their
 * sale proceeds sit in cash); buying power = cash − the cost reserved by open buy orders.
 */
import { randomUUID } from 'node:crypto';
import { multiplierOf } from '../../../src/lib/contract-multiplier.js';

export const ORDER_TYPES = ['market', 'limit', 'stop', 'stop_limit', 'trailing_stop'] as const;
export const ORDER_CLASSES = ['simple', 'bracket', 'oto', 'oco', 'mleg'] as const;
export type OrderClass = (typeof ORDER_CLASSES)[number];
export type OrderType = (typeof ORDER_TYPES)[number];
export const TIME_IN_FORCE = ['day', 'gtc', 'opg', 'cls', 'ioc', 'fok'] as const;
export type TimeInForce = (typeof TIME_IN_FORCE)[number];
/** held: an exit leg waiting for its entry to fill; replaced: superseded by a PATCH (replaced_by names the new one). */
export type OrderStatus =
  'accepted' | 'held' | 'new' | 'partially_filled' | 'filled' | 'canceled' | 'rejected' | 'expired' | 'replaced';

/** Statuses after which an order gets no further updates (order_statuses.json terminal_no_further_updates). */
export const CLOSED_STATUSES: ReadonlySet<OrderStatus> = new Set([
  'filled',
  'canceled',
  'expired',
  'rejected',
  'replaced',
]);
export const isOpen = (o: FakeOrder): boolean => !CLOSED_STATUSES.has(o.status);

export interface FakeAsset {
  id: string;
  symbol: string;
  class: 'us_equity' | 'us_option' | 'crypto';
  name: string;
  exchange: string;
  tradable: boolean;
  shortable: boolean;
  fractionable: boolean;
}

export interface FakeOrder {
  id: string;
  clientOrderId: string;
  symbol: string;
  asset: FakeAsset;
  side: 'buy' | 'sell';
  type: OrderType;
  timeInForce: TimeInForce;
  qty: number;
  limitPrice: number | null;
  stopPrice: number | null;
  extendedHours: boolean;
  status: OrderStatus;
  filledQty: number;
  filledAvgPrice: number | null;
  /** Opening or closing a position (Alpaca position_intent). */
  positionIntent: 'buy_to_open' | 'buy_to_close' | 'sell_to_open' | 'sell_to_close';
  createdAt: string;
  updatedAt: string;
  submittedAt: string;
  /** Epoch ms of submitted_at, for the after/until filters. */
  submittedMs: number;
  filledAt: string | null;
  canceledAt: string | null;
  expiredAt: string | null;
  failedAt: string | null;
  /** Creation order (timestamps may tie within a millisecond). */
  seq: number;
  /** stop / stop_limit: the stop price has been reached. */
  triggered: boolean;
  orderClass: OrderClass;
  /** trailing_stop: percent below the high-water mark (sell) / above the low-water mark (buy). */
  trailPercent: number | null;
  trailPrice: number | null;
  /** trailing_stop: the best price seen since it was placed. */
  hwm: number | null;
  /** Exit legs (ids) of a bracket / oto / oco order, rendered nested; a leg's parentId is its entry. */
  legIds: string[];
  parentId: string | null;
  /** PATCH replace: the old order's id on the new one, the new one's on the old. */
  replaces: string | null;
  replacedBy: string | null;
  replacedAt: string | null;
  /** An mleg leg: its ratio_qty (its qty is ratio × the parent's qty). */
  ratioQty?: number;
}

export interface FakePosition {
  symbol: string;
  asset: FakeAsset;
  /** Signed: negative for a short. */
  qty: number;
  avgEntryPrice: number;
}

export interface FakeClock {
  is_open: boolean;
  next_open: string;
  next_close: string;
  /** When set, served verbatim; otherwise the current time. */
  timestamp?: string;
}

export interface FakeAlpacaState {
  account: { id: string; accountNumber: string; cash: number; lastEquity: number; shortingEnabled: boolean };
  orders: Map<string, FakeOrder>;
  positions: Map<string, FakePosition>;
  prices: Map<string, number>;
  /** Previous close per symbol (lastday_price): the first price each symbol was given. */
  lastdayPrices: Map<string, number>;
  assets: Map<string, FakeAsset>;
  clock: FakeClock;
  /** Dates (YYYY-MM-DD) GET /v2/calendar leaves out. */
  holidays: Set<string>;
  /** Market orders fill on submit, and resting limit/stop orders when the price crosses. */
  autoFill: boolean;
  /** The next bracket / oto / oco submit is refused with this 403 (a leg the account cannot carry). */
  refuseNextAdvanced: 'insufficient_buying_power' | 'not_shortable' | null;
  now: () => number;
  seq: number;
}

/** An OCC option symbol as Alpaca spells it (no `O:`): root, YYMMDD, C or P, strike × 1000 in 8 digits. */
export const OCC_SYMBOL = /^([A-Z]{1,6})(\d{6})([CP])(\d{8})$/;

/** Shares per unit: 100 for an option contract (prices are per share), 1 otherwise. */
export { multiplierOf };

export function makeAsset(symbol: string, over: Partial<FakeAsset> = {}): FakeAsset {
  return {
    id: randomUUID(),
    symbol,
    class: OCC_SYMBOL.test(symbol) ? 'us_option' : 'us_equity',
    name: `${symbol} fake asset`,
    exchange: 'NASDAQ',
    tradable: true,
    shortable: true,
    fractionable: true,
    ...over,
  };
}

/** An RFC 3339 timestamp with nanoseconds (like the real API) that increases strictly from call to call. */
export function stamp(state: FakeAlpacaState): { iso: string; ms: number } {
  const ms = state.now();
  state.seq++;
  const nanos = String(state.seq % 1_000_000).padStart(6, '0');
  return { iso: new Date(ms).toISOString().replace('Z', `${nanos}Z`), ms };
}

export function priceOf(state: FakeAlpacaState, symbol: string): number | undefined {
  return state.prices.get(symbol);
}

export function marketValue(state: FakeAlpacaState, p: FakePosition): number {
  return p.qty * (priceOf(state, p.symbol) ?? p.avgEntryPrice) * multiplierOf(p.symbol);
}

export function equity(state: FakeAlpacaState): number {
  let total = state.account.cash;
  for (const p of state.positions.values()) total += marketValue(state, p);
  return total;
}

/** Cost a buy order holds back from buying power: remaining qty × its limit (or stop, or current) price. */
export function reservedCost(state: FakeAlpacaState, o: FakeOrder): number {
  if (o.side !== 'buy' || !isOpen(o) || o.orderClass === 'mleg') return 0;
  const price = o.limitPrice ?? o.stopPrice ?? priceOf(state, o.symbol) ?? 0;
  return (o.qty - o.filledQty) * price * multiplierOf(o.symbol);
}

export function buyingPower(state: FakeAlpacaState): number {
  let reserved = 0;
  for (const o of state.orders.values()) reserved += reservedCost(state, o);
  return Math.max(0, state.account.cash - reserved);
}
