/**
 * The fake's state written as the real API's JSON: key order and field sets of docs_order.json,
 * oas_positions.json, docs_account.json, asset_AAPL.json, docs_clock.json and oas_calendar.json.
 */
import { dec, fixture } from './replies.js';
import { buyingPower, equity, isOpen, marketValue, priceOf, stamp } from './state.js';
import type { FakeAlpacaState, FakeAsset, FakeOrder, FakePosition } from './state.js';

const orNull = (n: number | null): string | null => (n === null ? null : dec(n));

/** An order; its legs nested in it (null for a simple order and for a leg itself). */
export function orderJson(state: FakeAlpacaState, o: FakeOrder, nested = true): Record<string, unknown> {
  const legs = o.legIds.map((id) => state.orders.get(id)).filter((l): l is FakeOrder => l !== undefined);
  const json = plainOrderJson(o);
  json.legs = nested && legs.length > 0 ? legs.map((l) => orderJson(state, l, false)) : null;
  if (o.orderClass !== 'mleg') return json;
  // The OAS "MultilegOptions" example (GET /v2/orders): the parent has no asset, symbol or side (""); its legs
  // have no type (""), carry ratio_qty and position_intent, and their qty is ratio_qty × the parent's qty.
  if (o.parentId === null) return { ...json, asset_id: '', symbol: '', asset_class: '', side: '' };
  return { ...json, order_type: '', type: '', ratio_qty: dec(o.ratioQty ?? 1) };
}

function plainOrderJson(o: FakeOrder): Record<string, unknown> {
  return {
    id: o.id,
    client_order_id: o.clientOrderId,
    created_at: o.createdAt,
    updated_at: o.updatedAt,
    submitted_at: o.submittedAt,
    filled_at: o.filledAt,
    expired_at: o.expiredAt,
    canceled_at: o.canceledAt,
    failed_at: o.failedAt,
    replaced_at: o.replacedAt,
    replaced_by: o.replacedBy,
    replaces: o.replaces,
    asset_id: o.asset.id,
    symbol: o.symbol,
    asset_class: o.asset.class,
    notional: null,
    qty: dec(o.qty),
    filled_qty: dec(o.filledQty),
    filled_avg_price: orNull(o.filledAvgPrice),
    order_class: o.orderClass,
    order_type: o.type,
    type: o.type,
    side: o.side,
    time_in_force: o.timeInForce,
    limit_price: orNull(o.limitPrice),
    stop_price: orNull(o.stopPrice),
    status: o.status,
    extended_hours: o.extendedHours,
    legs: null,
    trail_percent: orNull(o.trailPercent),
    trail_price: orNull(o.trailPrice),
    hwm: orNull(o.hwm),
    position_intent: o.positionIntent,
  };
}

/** Quantity of `p` tied up by open orders that would close it (an oco's stop leg sells the same shares as its limit). */
export function heldForOrders(state: FakeAlpacaState, p: { symbol: string; qty: number }): number {
  const closingSide = p.qty > 0 ? 'sell' : 'buy';
  let held = 0;
  for (const o of state.orders.values()) {
    const ocoLeg = o.parentId !== null && state.orders.get(o.parentId)?.orderClass === 'oco';
    if (o.symbol === p.symbol && o.side === closingSide && isOpen(o) && !ocoLeg) held += o.qty - o.filledQty;
  }
  return Math.min(held, Math.abs(p.qty));
}

export function positionJson(state: FakeAlpacaState, p: FakePosition): Record<string, unknown> {
  const current = priceOf(state, p.symbol) ?? p.avgEntryPrice;
  const lastday = state.lastdayPrices.get(p.symbol) ?? current;
  const value = marketValue(state, p);
  const cost = p.qty * p.avgEntryPrice;
  const available = Math.abs(p.qty) - heldForOrders(state, p);
  return {
    asset_id: p.asset.id,
    symbol: p.symbol,
    exchange: p.asset.exchange,
    asset_class: p.asset.class,
    asset_marginable: true,
    qty: dec(p.qty),
    qty_available: dec(Math.sign(p.qty) * available),
    avg_entry_price: dec(p.avgEntryPrice),
    side: p.qty > 0 ? 'long' : 'short',
    market_value: dec(value),
    cost_basis: dec(cost),
    unrealized_pl: dec(value - cost),
    unrealized_plpc: dec(cost === 0 ? 0 : (value - cost) / Math.abs(cost)),
    unrealized_intraday_pl: dec(p.qty * (current - lastday)),
    unrealized_intraday_plpc: dec(lastday === 0 ? 0 : (Math.sign(p.qty) * (current - lastday)) / lastday),
    current_price: dec(current),
    lastday_price: dec(lastday),
    change_today: dec(lastday === 0 ? 0 : (current - lastday) / lastday),
  };
}

export function accountJson(state: FakeAlpacaState): Record<string, unknown> {
  let long = 0;
  let short = 0;
  for (const p of state.positions.values()) {
    const v = marketValue(state, p);
    if (v >= 0) long += v;
    else short += v;
  }
  const eq = equity(state);
  const bp = buyingPower(state);
  return {
    ...fixture('docs_account.json'),
    id: state.account.id,
    account_number: state.account.accountNumber,
    buying_power: dec(bp),
    cash: dec(state.account.cash),
    non_marginable_buying_power: dec(bp),
    daytrading_buying_power: dec(bp),
    regt_buying_power: dec(bp),
    equity: dec(eq),
    portfolio_value: dec(eq),
    last_equity: dec(state.account.lastEquity),
    long_market_value: dec(long),
    short_market_value: dec(short),
    initial_margin: '0',
    maintenance_margin: '0',
    last_maintenance_margin: '0',
    multiplier: '1',
    shorting_enabled: state.account.shortingEnabled,
  };
}

export function assetJson(a: FakeAsset): Record<string, unknown> {
  return {
    ...fixture('asset_AAPL.json'),
    id: a.id,
    class: a.class,
    exchange: a.exchange,
    symbol: a.symbol,
    name: a.name,
    tradable: a.tradable,
    shortable: a.shortable,
    easy_to_borrow: a.shortable,
    fractionable: a.fractionable,
  };
}

export function clockJson(state: FakeAlpacaState): Record<string, unknown> {
  const { timestamp, ...rest } = state.clock;
  return { timestamp: timestamp ?? stamp(state).iso, ...rest };
}

const DAY_MS = 86_400_000;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Weekdays from start to end inclusive, minus state.holidays; hours from oas_calendar.json. */
export function calendarJson(
  state: FakeAlpacaState,
  start: string,
  end: string,
): Array<Record<string, unknown>> | string {
  if (!DATE_RE.test(start) || !DATE_RE.test(end)) return `start/end must be YYYY-MM-DD, got "${start}" / "${end}"`;
  const template = fixture<Array<Record<string, unknown>>>('oas_calendar.json')[0] ?? {};
  const days: Array<Record<string, unknown>> = [];
  for (let t = Date.parse(`${start}T00:00:00Z`); t <= Date.parse(`${end}T00:00:00Z`); t += DAY_MS) {
    const date = new Date(t).toISOString().slice(0, 10);
    const weekday = new Date(t).getUTCDay();
    if (weekday === 0 || weekday === 6 || state.holidays.has(date)) continue;
    days.push({ ...template, date, open: '09:30', close: '16:00' });
  }
  return days;
}
