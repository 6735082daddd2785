import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startFakeAlpaca } from './alpaca-server.js';
import type { FakeAlpaca, FakeAlpacaOptions } from './alpaca-server.js';
import { fixturePath } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';

// Expected bodies come from test/fixtures/alpaca (see its SOURCES.txt); amounts are hand-computed.
const fx = (name: string): unknown => JSON.parse(readFileSync(fixturePath('alpaca', name), 'utf8'));

type Json = Record<string, unknown>;
interface Answer {
  status: number;
  body: unknown;
  headers: Headers;
}

async function start(
  t: { after: (fn: () => Promise<void>) => void },
  opts: FakeAlpacaOptions = {},
): Promise<FakeAlpaca> {
  const fake = await startFakeAlpaca(opts);
  t.after(() => fake.close());
  return fake;
}

/** Plain fetch with the auth headers. */
async function call(fake: FakeAlpaca, method: string, path: string, body?: unknown, keys = fake): Promise<Answer> {
  const res = await fetch(fake.url + path, {
    method,
    headers: {
      'APCA-API-KEY-ID': keys.keyId,
      'APCA-API-SECRET-KEY': keys.secretKey,
      'content-type': 'application/json',
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : (JSON.parse(text) as unknown), headers: res.headers };
}

const market = (symbol: string, qty: number, side: 'buy' | 'sell', extra: Json = {}): Json => ({
  symbol,
  qty: String(qty),
  side,
  type: 'market',
  time_in_force: 'day',
  ...extra,
});

test('wrong keys → 401 with the recorded body; every request is logged', async (t) => {
  const fake = await start(t);
  const r = await call(fake, 'GET', '/v2/account', undefined, { ...fake, secretKey: 'wrong' });
  assert.equal(r.status, 401);
  assert.deepEqual(r.body, fx('error_401_unauthorized.json'));
  assert.deepEqual(fake.requests, [{ method: 'GET', path: '/v2/account', body: undefined }]);
});

test('account: amounts as strings; equity = cash at the start', async (t) => {
  const fake = await start(t, { cash: 25_000 });
  const { status, body } = await call(fake, 'GET', '/v2/account');
  const a = body as Json;
  assert.equal(status, 200);
  assert.equal(a.cash, '25000');
  assert.equal(a.equity, '25000');
  assert.equal(a.last_equity, '25000');
  assert.equal(a.buying_power, '25000');
  assert.equal(a.status, 'ACTIVE');
  // Same keys as the OAS example.
  assert.deepEqual(Object.keys(a).sort(), Object.keys(fx('docs_account.json') as Json).sort());
});

test('market buy: answered "accepted", then filled at the current price; position and cash follow', async (t) => {
  const fake = await start(t, { cash: 100_000, prices: { AAPL: 190 } });
  const sent = await call(fake, 'POST', '/v2/orders', market('AAPL', 10, 'buy', { client_order_id: 'ats-1' }));
  const o = sent.body as Json;
  assert.equal(sent.status, 200);
  assert.equal(o.status, 'accepted');
  assert.equal(o.qty, '10');
  assert.equal(o.filled_qty, '0');
  assert.equal(o.client_order_id, 'ats-1');
  assert.equal(o.position_intent, 'buy_to_open');
  assert.deepEqual(
    Object.keys(o).filter((k) => k !== 'position_intent'),
    Object.keys(fx('docs_order.json') as Json),
  );
  assert.match(o.created_at as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);

  const got = (await call(fake, 'GET', `/v2/orders/${o.id as string}`)).body as Json;
  assert.equal(got.status, 'filled');
  assert.equal(got.filled_qty, '10');
  assert.equal(got.filled_avg_price, '190');
  assert.notEqual(got.filled_at, null);

  const pos = (await call(fake, 'GET', '/v2/positions/AAPL')).body as Json;
  assert.equal(pos.qty, '10');
  assert.equal(pos.side, 'long');
  assert.equal(pos.avg_entry_price, '190');
  assert.equal(pos.market_value, '1900');
  assert.deepEqual(Object.keys(pos), Object.keys((fx('oas_positions.json') as Json[])[1] as Json));
  const acct = (await call(fake, 'GET', '/v2/account')).body as Json;
  assert.equal(acct.cash, '98100'); // 100,000 − 10 × 190
  assert.equal(acct.equity, '100000');

  fake.setPrice('AAPL', 200);
  const moved = (await call(fake, 'GET', '/v2/positions')).body as Json[];
  assert.equal(moved[0]?.market_value, '2000');
  assert.equal(moved[0]?.unrealized_pl, '100'); // 10 × (200 − 190)
  assert.equal(((await call(fake, 'GET', '/v2/account')).body as Json).equity, '100100');
});

test('duplicate client_order_id → 422 with the recorded body, even after the first was canceled', async (t) => {
  const fake = await start(t, { autoFill: false });
  const first = await call(fake, 'POST', '/v2/orders', market('AAPL', 1, 'buy', { client_order_id: 'dup' }));
  assert.equal(first.status, 200);
  assert.equal((await call(fake, 'DELETE', `/v2/orders/${(first.body as Json).id as string}`)).status, 204);
  const again = await call(fake, 'POST', '/v2/orders', market('AAPL', 1, 'buy', { client_order_id: 'dup' }));
  assert.equal(again.status, 422);
  assert.deepEqual(again.body, fx('error_422_duplicate_client_order_id.json'));
  assert.equal(fake.state.orders.size, 1);
});

test('order validation → 422 {code, message}', async (t) => {
  const fake = await start(t);
  const cases: Array<[Json, string]> = [
    [market('NOPE', 1, 'buy'), "could not find us_equity 'NOPE'"],
    [market('AAPL', 0, 'buy'), 'qty must be > 0'],
    [market('AAPL', 1, 'buy', { type: 'limit' }), 'limit_price is required'],
    [market('AAPL', 1, 'buy', { type: 'stop_limit', limit_price: '1' }), 'stop_price is required'],
    [
      market('AAPL', 1, 'buy', { type: 'trailing_stop' }),
      'trailing_stop orders need exactly one of trail_price and trail_percent',
    ],
    [market('AAPL', 1, 'buy', { time_in_force: 'week' }), 'invalid time_in_force: week'],
    [market('AAPL', 1, 'hold' as 'buy'), 'invalid side: hold'],
    [
      market('AAPL', 1, 'buy', { client_order_id: 'x'.repeat(129) }),
      'client_order_id must be no more than 128 characters',
    ],
  ];
  for (const [body, message] of cases) {
    const r = await call(fake, 'POST', '/v2/orders', body);
    assert.equal(r.status, 422, message);
    assert.equal((r.body as Json).message, message);
    assert.equal(typeof (r.body as Json).code, 'number');
  }
  assert.equal(fake.state.orders.size, 0);
});

test('buying power: a buy costing more → 403 insufficient buying power with the numbers', async (t) => {
  const fake = await start(t, { cash: 1_000, prices: { AAPL: 190 } });
  const r = await call(fake, 'POST', '/v2/orders', market('AAPL', 6, 'buy')); // 6 × 190 = 1,140
  assert.equal(r.status, 403);
  assert.deepEqual(r.body, {
    buying_power: '1000',
    code: 40310000,
    cost_basis: '1140',
    message: 'insufficient buying power',
  });
  assert.equal((await call(fake, 'POST', '/v2/orders', market('AAPL', 5, 'buy'))).status, 200); // 950
});

test('shorts: a non-shortable symbol → 403; a shortable one opens a short position; selling too much of a long → 403', async (t) => {
  const fake = await start(t, { prices: { GME: 20, TSLA: 200, AAPL: 100 }, assets: { GME: { shortable: false } } });
  const gme = await call(fake, 'POST', '/v2/orders', market('GME', 5, 'sell'));
  assert.equal(gme.status, 403);
  assert.deepEqual(gme.body, fx('error_403_not_allowed_to_short.json'));

  assert.equal((await call(fake, 'POST', '/v2/orders', market('TSLA', 5, 'sell'))).status, 200);
  const short = (await call(fake, 'GET', '/v2/positions/TSLA')).body as Json;
  assert.equal(short.qty, '-5');
  assert.equal(short.side, 'short');
  assert.equal(short.market_value, '-1000');
  assert.equal(((await call(fake, 'GET', '/v2/account')).body as Json).cash, '101000'); // + 5 × 200 proceeds

  await call(fake, 'POST', '/v2/orders', market('AAPL', 10, 'buy'));
  const tooMany = await call(fake, 'POST', '/v2/orders', market('AAPL', 11, 'sell'));
  assert.equal(tooMany.status, 403);
  const b = tooMany.body as Json;
  assert.equal(b.code, 40310000);
  assert.equal(b.message, 'insufficient qty available for order (requested: 11, available: 10)');
  assert.equal(b.existing_qty, '10');
});

test('limit orders rest as "new", hold buying power, and fill when the price crosses', async (t) => {
  const fake = await start(t, { cash: 10_000, prices: { AAPL: 190 } });
  const limit = { ...market('AAPL', 10, 'buy'), type: 'limit', limit_price: '180', time_in_force: 'gtc' };
  const id = ((await call(fake, 'POST', '/v2/orders', limit)).body as Json).id as string;
  const open = (await call(fake, 'GET', '/v2/orders?status=open')).body as Json[];
  assert.deepEqual(
    open.map((o) => [o.id, o.status, o.limit_price]),
    [[id, 'new', '180']],
  );
  assert.equal(((await call(fake, 'GET', '/v2/account')).body as Json).buying_power, '8200'); // 10,000 − 10 × 180

  fake.setPrice('AAPL', 185);
  assert.equal(fake.state.orders.get(id)?.status, 'new');
  fake.setPrice('AAPL', 179.5);
  const filled = (await call(fake, 'GET', `/v2/orders/${id}`)).body as Json;
  assert.equal(filled.status, 'filled');
  assert.equal(filled.filled_avg_price, '179.5');
  assert.equal(((await call(fake, 'GET', '/v2/account')).body as Json).cash, '8205'); // 10,000 − 1,795
});

test('a sell stop triggers when the price falls to it', async (t) => {
  const fake = await start(t, { prices: { AAPL: 100 } });
  await call(fake, 'POST', '/v2/orders', market('AAPL', 10, 'buy'));
  const stop = { ...market('AAPL', 10, 'sell'), type: 'stop', stop_price: '95' };
  const id = ((await call(fake, 'POST', '/v2/orders', stop)).body as Json).id as string;
  fake.setPrice('AAPL', 96);
  assert.equal(fake.state.orders.get(id)?.status, 'new');
  fake.setPrice('AAPL', 94);
  assert.equal(fake.state.orders.get(id)?.status, 'filled');
  assert.equal(fake.state.positions.has('AAPL'), false);
});

test('fillOrder: partial then full; filled_avg_price weighted; position and cash updated', async (t) => {
  const fake = await start(t, { cash: 10_000, prices: { AAPL: 100 }, autoFill: false });
  const id = ((await call(fake, 'POST', '/v2/orders', market('AAPL', 10, 'buy'))).body as Json).id as string;
  assert.equal(fake.state.orders.get(id)?.status, 'new');
  const part = fake.fillOrder(id, { qty: 4, price: 100 });
  assert.equal(part.status, 'partially_filled');
  assert.equal(part.filled_qty, '4');
  const full = fake.fillOrder(id, { price: 110 });
  assert.equal(full.status, 'filled');
  assert.equal(full.filled_avg_price, '106'); // (4 × 100 + 6 × 110) / 10
  const pos = (await call(fake, 'GET', '/v2/positions/AAPL')).body as Json;
  assert.equal(pos.avg_entry_price, '106');
  assert.equal(((await call(fake, 'GET', '/v2/account')).body as Json).cash, '8940'); // 10,000 − 1,060
  assert.throws(() => fake.fillOrder(id), /is filled, cannot fill/);
});

test('cancel: 204 for open, 422 once closed, 404 unknown; DELETE /v2/orders → 207', async (t) => {
  const fake = await start(t, { autoFill: false });
  const ids: string[] = [];
  for (let i = 0; i < 3; i++)
    ids.push(((await call(fake, 'POST', '/v2/orders', market('AAPL', 1, 'buy'))).body as Json).id as string);
  const [a, b, c] = ids as [string, string, string];
  fake.fillOrder(a);
  const filled = await call(fake, 'DELETE', `/v2/orders/${a}`);
  assert.equal(filled.status, 422);
  assert.deepEqual(filled.body, fx('error_422_order_already_filled.json'));
  assert.equal((await call(fake, 'DELETE', `/v2/orders/${b}`)).status, 204);
  const canceled = (await call(fake, 'GET', `/v2/orders/${b}`)).body as Json;
  assert.equal(canceled.status, 'canceled');
  assert.notEqual(canceled.canceled_at, null);
  assert.equal(
    ((await call(fake, 'DELETE', `/v2/orders/${b}`)).body as Json).message,
    'order is already in "canceled" state',
  );
  const unknown = await call(fake, 'DELETE', '/v2/orders/00000000-0000-0000-0000-000000000000');
  assert.equal(unknown.status, 404);
  assert.deepEqual(unknown.body, fx('error_404_order_not_found.json'));
  const all = await call(fake, 'DELETE', '/v2/orders');
  assert.equal(all.status, 207);
  assert.deepEqual(all.body, [{ id: c, status: 200 }]);
  assert.deepEqual(
    Object.keys((all.body as Json[])[0] as Json),
    Object.keys((fx('cancel_all_orders_207.json') as Json[])[0] as Json),
  );
});

test('the fake speaks only statuses, types and time-in-force values of the OAS enums', async () => {
  const enums = fx('order_statuses.json') as {
    enum: string[];
    order_type_enum: string[];
    time_in_force_enum: string[];
  };
  for (const s of ['accepted', 'new', 'partially_filled', 'filled', 'canceled', 'rejected', 'expired'])
    assert.ok(enums.enum.includes(s), s);
  const { ORDER_TYPES, TIME_IN_FORCE, CLOSED_STATUSES } = await import('./alpaca/state.js');
  for (const type of ORDER_TYPES) assert.ok(enums.order_type_enum.includes(type), type);
  for (const tif of TIME_IN_FORCE) assert.ok(enums.time_in_force_enum.includes(tif), tif);
  for (const s of CLOSED_STATUSES)
    assert.ok(
      (fx('order_statuses.json') as { terminal_no_further_updates: string[] }).terminal_no_further_updates.includes(s),
      s,
    );
});

test('expired and rejected orders are closed', async (t) => {
  const fake = await start(t, { autoFill: false });
  const ids: string[] = [];
  for (let i = 0; i < 2; i++)
    ids.push(((await call(fake, 'POST', '/v2/orders', market('AAPL', 1, 'buy'))).body as Json).id as string);
  assert.equal(fake.expireOrder(ids[0] as string).status, 'expired');
  assert.equal(fake.rejectOrder(ids[1] as string).status, 'rejected');
  const closed = (await call(fake, 'GET', '/v2/orders?status=closed&direction=asc')).body as Json[];
  assert.deepEqual(
    closed.map((o) => o.status),
    ['expired', 'rejected'],
  );
  assert.notEqual(closed[1]?.failed_at, null);
});

test('GET /v2/orders: status, limit, direction, after/until (exclusive), symbols', async (t) => {
  let now = Date.parse('2024-03-01T15:00:00Z');
  const fake = await start(t, { autoFill: false, now: () => now });
  const ids: string[] = [];
  for (const sym of ['AAPL', 'MSFT', 'AAPL']) {
    ids.push(((await call(fake, 'POST', '/v2/orders', market(sym, 1, 'buy'))).body as Json).id as string);
    now += 60_000;
  }
  fake.fillOrder(ids[0] as string);
  const list = async (q: string) =>
    ((await call(fake, 'GET', `/v2/orders${q}`)).body as Json[]).map((o) => ids.indexOf(o.id as string));
  assert.deepEqual(await list(''), [2, 1]); // default: open, newest first
  assert.deepEqual(await list('?status=all&direction=asc'), [0, 1, 2]);
  assert.deepEqual(await list('?status=closed'), [0]);
  assert.deepEqual(await list('?status=all&limit=1'), [2]);
  assert.deepEqual(await list('?status=all&after=2024-03-01T15:00:00Z'), [2, 1]);
  assert.deepEqual(await list('?status=all&until=2024-03-01T15:02:00Z'), [1, 0]);
  assert.deepEqual(await list('?status=all&symbols=AAPL'), [2, 0]);
  assert.equal((await call(fake, 'GET', '/v2/orders?status=bogus')).status, 422);
});

test('lookup by client_order_id', async (t) => {
  const fake = await start(t);
  await call(fake, 'POST', '/v2/orders', market('AAPL', 2, 'buy', { client_order_id: 'ats-2024-03-01-AAPL-buy' }));
  const r = await call(fake, 'GET', '/v2/orders:by_client_order_id?client_order_id=ats-2024-03-01-AAPL-buy');
  assert.equal(r.status, 200);
  assert.equal((r.body as Json).qty, '2');
  assert.equal((await call(fake, 'GET', '/v2/orders:by_client_order_id?client_order_id=nope')).status, 404);
});

test('positions: 404 body when none; DELETE closes with a market order', async (t) => {
  const fake = await start(t, { cash: 10_000, prices: { AAPL: 100 } });
  const none = await call(fake, 'GET', '/v2/positions/AAPL');
  assert.equal(none.status, 404);
  assert.deepEqual(none.body, fx('error_404_position_does_not_exist.json'));
  await call(fake, 'POST', '/v2/orders', market('AAPL', 10, 'buy'));
  fake.setPrice('AAPL', 110);
  const half = await call(fake, 'DELETE', '/v2/positions/AAPL?percentage=50');
  assert.equal((half.body as Json).side, 'sell');
  assert.equal((half.body as Json).qty, '5');
  assert.equal((half.body as Json).position_intent, 'sell_to_close');
  assert.equal(((await call(fake, 'GET', '/v2/positions/AAPL')).body as Json).qty, '5');
  const rest = await call(fake, 'DELETE', '/v2/positions');
  assert.equal(rest.status, 207);
  assert.deepEqual(
    (rest.body as Json[]).map((r) => [r.symbol, r.status]),
    [['AAPL', 200]],
  );
  assert.deepEqual(
    Object.keys((rest.body as Json[])[0] as Json),
    Object.keys((fx('oas_close_all_positions_207_item.json') as Json[])[0] as Json),
  );
  assert.deepEqual((await call(fake, 'GET', '/v2/positions')).body, []);
  assert.equal(((await call(fake, 'GET', '/v2/account')).body as Json).cash, '10100'); // −1,000 + 10 × 110
});

test('placeExternalOrder: a filled order ats did not place, visible to a sync', async (t) => {
  const fake = await start(t, { prices: { MSFT: 400 } });
  const ext = fake.placeExternalOrder({ symbol: 'MSFT', side: 'buy', qty: 3, price: 398 });
  assert.equal(ext.status, 'filled');
  const closed = (await call(fake, 'GET', '/v2/orders?status=closed')).body as Json[];
  assert.deepEqual(
    closed.map((o) => [o.client_order_id, o.filled_avg_price]),
    [[ext.client_order_id, '398']],
  );
  assert.equal(((await call(fake, 'GET', '/v2/positions/MSFT')).body as Json).qty, '3');
});

test('clock, calendar and assets', async (t) => {
  const fake = await start(t, { prices: { AAPL: 1, GME: 1 }, assets: { GME: { shortable: false } } });
  const clock = (await call(fake, 'GET', '/v2/clock')).body as Json;
  assert.deepEqual(Object.keys(clock), Object.keys(fx('docs_clock.json') as Json));
  fake.setClock({ is_open: false, timestamp: '2022-04-30T10:00:00.1-04:00' });
  assert.equal(((await call(fake, 'GET', '/v2/clock')).body as Json).is_open, false);

  fake.state.holidays.add('2024-07-04');
  const cal = (await call(fake, 'GET', '/v2/calendar?start=2024-07-01&end=2024-07-08')).body as Json[];
  // Mon 1, Tue 2, Wed 3, (Thu 4 holiday), Fri 5, (weekend), Mon 8.
  assert.deepEqual(
    cal.map((d) => d.date),
    ['2024-07-01', '2024-07-02', '2024-07-03', '2024-07-05', '2024-07-08'],
  );
  assert.deepEqual(Object.keys(cal[0] as Json), Object.keys((fx('oas_calendar.json') as Json[])[0] as Json));

  const gme = (await call(fake, 'GET', '/v2/assets/GME')).body as Json;
  assert.deepEqual([gme.tradable, gme.shortable, gme.class], [true, false, 'us_equity']);
  const none = await call(fake, 'GET', '/v2/assets/ZZZZ');
  assert.equal(none.status, 404);
  assert.deepEqual(none.body, { code: 40410000, message: 'asset not found for ZZZZ' });
});

test('faults: 500 and 503 do not process; drop-response does; timeout hangs; times counts', async (t) => {
  const fake = await start(t);
  fake.inject({ kind: '500', match: 'POST /v2/orders' });
  const r500 = await call(fake, 'POST', '/v2/orders', market('AAPL', 1, 'buy', { client_order_id: 'f1' }));
  assert.equal(r500.status, 500);
  assert.equal(fake.state.orders.size, 0);

  fake.inject({ kind: '503', match: 'GET /v2/account', times: 2, retryAfterSec: 3 });
  const r503 = await call(fake, 'GET', '/v2/account');
  assert.equal(r503.status, 503);
  assert.equal(r503.headers.get('retry-after'), '3');
  assert.equal((await call(fake, 'GET', '/v2/account')).status, 503);
  assert.equal((await call(fake, 'GET', '/v2/account')).status, 200);

  fake.inject({ kind: 'drop-response', match: 'POST /v2/orders' });
  await assert.rejects(
    call(fake, 'POST', '/v2/orders', market('AAPL', 1, 'buy', { client_order_id: 'f2' })),
    TypeError,
  );
  // The order exists although the client saw no answer: a retry must look it up, not resend it.
  const found = await call(fake, 'GET', '/v2/orders:by_client_order_id?client_order_id=f2');
  assert.equal(found.status, 200);
  assert.equal(
    (await call(fake, 'POST', '/v2/orders', market('AAPL', 1, 'buy', { client_order_id: 'f2' }))).status,
    422,
  );

  fake.inject({ kind: 'timeout', match: 'POST /v2/orders' });
  const posted = fake.requests.length;
  const abort = new AbortController();
  const res = fetch(fake.url + '/v2/orders', {
    method: 'POST',
    headers: { 'APCA-API-KEY-ID': fake.keyId, 'APCA-API-SECRET-KEY': fake.secretKey },
    body: JSON.stringify(market('AAPL', 1, 'buy', { client_order_id: 'f3' })),
    signal: abort.signal,
  });
  // The fake logs a request and takes its fault in one go: once logged, this POST is left hanging. Give up.
  await waitFor(() => fake.requests.length > posted, { what: 'the fake to receive the POST' });
  abort.abort();
  await assert.rejects(res, (e: unknown) => e instanceof Error && e.name === 'AbortError');
  assert.equal((await call(fake, 'GET', '/v2/orders:by_client_order_id?client_order_id=f3')).status, 404);
  assert.deepEqual(fake.requests.map((r) => `${r.method} ${r.path}`).slice(0, 2), [
    'POST /v2/orders',
    'GET /v2/account',
  ]);
});
