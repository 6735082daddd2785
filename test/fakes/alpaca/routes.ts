/**
 * The endpoints of the fake Alpaca Trading API v2 (paths as @alpacahq/alpaca-trade-api 3.x and the docs
 * spell them). Each handler maps a request to a Reply; HTTP plumbing lives in ../alpaca-server.ts.
 */
import { endOrder, fillExecutable } from './fills.js';
import { findByClientOrderId, submitOrder } from './orders.js';
import { replaceOrder } from './replace.js';
import { accountJson, assetJson, calendarJson, clockJson, orderJson, positionJson } from './render.js';
import * as reply from './replies.js';
import type { Reply } from './replies.js';
import { dec } from './replies.js';
import { isOpen } from './state.js';
import type { FakeAlpacaState, FakeOrder } from './state.js';

type Handler = (state: FakeAlpacaState, params: string[], query: URLSearchParams, body: unknown) => Reply;

const ROUTES: Array<[string, RegExp, Handler]> = [
  ['GET', /^\/v2\/account$/, (s) => reply.ok(accountJson(s))],
  ['POST', /^\/v2\/orders$/, (s, _p, _q, body) => submitOrder(s, body)],
  ['GET', /^\/v2\/orders$/, (s, _p, q) => listOrders(s, q)],
  ['DELETE', /^\/v2\/orders$/, (s) => reply.ok(cancelAll(s), 207)],
  [
    'GET',
    /^\/v2\/orders:by_client_order_id$/,
    (s, _p, q) => orderReply(s, findByClientOrderId(s, q.get('client_order_id') ?? '')),
  ],
  ['GET', /^\/v2\/orders\/([^/]+)$/, (s, [id]) => orderReply(s, s.orders.get(id ?? ''))],
  ['DELETE', /^\/v2\/orders\/([^/]+)$/, (s, [id]) => cancelOne(s, id ?? '')],
  ['PATCH', /^\/v2\/orders\/([^/]+)$/, (s, [id], _q, body) => replaceOrder(s, id ?? '', body)],
  ['GET', /^\/v2\/positions$/, (s) => reply.ok([...s.positions.values()].map((p) => positionJson(s, p)))],
  ['DELETE', /^\/v2\/positions$/, (s, _p, q) => closeAll(s, q)],
  ['GET', /^\/v2\/positions\/([^/]+)$/, (s, [sym]) => positionReply(s, sym ?? '')],
  ['DELETE', /^\/v2\/positions\/([^/]+)$/, (s, [sym], q) => closePosition(s, sym ?? '', q)],
  ['GET', /^\/v2\/clock$/, (s) => reply.ok(clockJson(s))],
  ['GET', /^\/v2\/calendar$/, (s, _p, q) => calendar(s, q)],
  ['GET', /^\/v2\/assets$/, (s) => reply.ok([...s.assets.values()].map(assetJson))],
  ['GET', /^\/v2\/assets\/([^/]+)$/, (s, [sym]) => assetReply(s, sym ?? '')],
];

export function route(state: FakeAlpacaState, method: string, url: URL, body: unknown): Reply {
  for (const [m, re, handler] of ROUTES) {
    const match = re.exec(url.pathname);
    if (m === method && match !== null)
      return handler(state, match.slice(1).map(decodeURIComponent), url.searchParams, body);
  }
  return reply.endpointNotFound();
}

const orderReply = (s: FakeAlpacaState, o: FakeOrder | undefined): Reply =>
  o === undefined ? reply.orderNotFound() : reply.ok(orderJson(s, o));

/**
 * GET /v2/orders: status open (default) | closed | all; limit (default 50, max 500); after/until (exclusive, on
 * submitted_at); direction desc (default) | asc; symbols; nested=true rolls legs up under their entry ("legs").
 * Assumed (the docs do not say): with nested, an entry counts as open while it or any of its legs is open, so a
 * filled entry whose exits still rest is listed under status=open.
 */
function listOrders(state: FakeAlpacaState, q: URLSearchParams): Reply {
  const status = q.get('status') ?? 'open';
  if (!['open', 'closed', 'all'].includes(status)) return reply.invalid(`invalid status: ${status}`);
  const limit = Number(q.get('limit') ?? 50);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) return reply.invalid(`invalid limit: ${q.get('limit')}`);
  const after = q.has('after') ? Date.parse(q.get('after') as string) : -Infinity;
  const until = q.has('until') ? Date.parse(q.get('until') as string) : Infinity;
  if (Number.isNaN(after) || Number.isNaN(until)) return reply.invalid('after/until must be timestamps');
  const symbols = q
    .get('symbols')
    ?.split(',')
    .filter((s) => s !== '');
  const direction = q.get('direction') ?? 'desc';
  const nested = q.get('nested') === 'true';
  const open = (o: FakeOrder): boolean =>
    isOpen(o) || (nested && o.legIds.some((id) => state.orders.get(id) && isOpen(state.orders.get(id) as FakeOrder)));
  const picked = [...state.orders.values()].filter(
    (o) =>
      !(nested && o.parentId !== null) &&
      (status === 'all' || (status === 'open') === open(o)) &&
      o.submittedMs > after &&
      o.submittedMs < until &&
      (symbols === undefined || symbols.includes(o.symbol)),
  );
  picked.sort((a, b) => (direction === 'asc' ? a.seq - b.seq : b.seq - a.seq));
  return reply.ok(picked.slice(0, limit).map((o) => orderJson(state, o, nested)));
}

/** DELETE /v2/orders/:id: 204, or 422 once filled / canceled / expired / rejected. */
function cancelOne(state: FakeAlpacaState, id: string): Reply {
  const o = state.orders.get(id);
  if (o === undefined) return reply.orderNotFound();
  if (!isOpen(o)) return reply.notCancelable(o.status);
  endOrder(state, o, 'canceled');
  return { status: 204 };
}

/** DELETE /v2/orders: HTTP 207, one {id, status} per open order (cancel_all_orders_207.json). */
function cancelAll(state: FakeAlpacaState): Array<Record<string, unknown>> {
  const open = [...state.orders.values()].filter(isOpen);
  for (const o of open) endOrder(state, o, 'canceled');
  return open.map((o) => ({ id: o.id, status: 200 }));
}

function positionReply(state: FakeAlpacaState, symbol: string): Reply {
  const p = state.positions.get(symbol);
  return p === undefined ? reply.positionNotFound() : reply.ok(positionJson(state, p));
}

/** DELETE /v2/positions/:symbol[?qty=|?percentage=]: a market order on the closing side, answered with the order. */
function closePosition(state: FakeAlpacaState, symbol: string, q: URLSearchParams): Reply {
  const p = state.positions.get(symbol);
  if (p === undefined) return reply.positionNotFound();
  const whole = Math.abs(p.qty);
  const qty = q.has('qty')
    ? Number(q.get('qty'))
    : q.has('percentage')
      ? (whole * Number(q.get('percentage'))) / 100
      : whole;
  if (!(qty > 0) || qty > whole) return reply.invalid(`qty must be in (0, ${dec(whole)}]`);
  const body = { symbol, qty: dec(qty), side: p.qty > 0 ? 'sell' : 'buy', type: 'market', time_in_force: 'day' };
  return submitOrder(state, body);
}

/** DELETE /v2/positions[?cancel_orders=true]: HTTP 207, {symbol, status, body} per position (oas_close_all_positions_207_item.json). */
function closeAll(state: FakeAlpacaState, q: URLSearchParams): Reply {
  if (q.get('cancel_orders') === 'true') cancelAll(state);
  const results = [...state.positions.keys()].map((symbol) => {
    const r = closePosition(state, symbol, new URLSearchParams());
    return { symbol, status: r.status, body: r.body };
  });
  fillExecutable(state);
  return reply.ok(results, 207);
}

function calendar(state: FakeAlpacaState, q: URLSearchParams): Reply {
  const today = new Date(state.now()).toISOString().slice(0, 10);
  const in30 = new Date(state.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const days = calendarJson(state, q.get('start') ?? today, q.get('end') ?? in30);
  return typeof days === 'string' ? reply.invalid(days) : reply.ok(days);
}

function assetReply(state: FakeAlpacaState, symbol: string): Reply {
  const a = state.assets.get(symbol);
  return a === undefined ? reply.assetNotFound(symbol) : reply.ok(assetJson(a));
}
