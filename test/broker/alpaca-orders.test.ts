/**
 * Protective exits through the real AlpacaBroker (SDK 4.x over HTTP) against the fake Alpaca: the POST /v2/orders
 * body of each order class against the field names of https://docs.alpaca.markets/reference/postorder and
 * https://docs.alpaca.markets/docs/orders-at-alpaca, legs parsed back (parentId), the fake's 422s for what the
 * real API refuses, PATCH replace, and a leg that Alpaca rejects.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BrokerError, UsageError } from '../../src/lib/errors.js';
import type { OrderRequest } from '../../src/lib/broker/types.js';
import { startFakeAlpaca } from '../fakes/alpaca-server.js';
import { alpacaBroker } from './exec-helpers.js';

async function setup(t: { after: (fn: () => unknown) => void }, autoFill = true) {
  const fake = await startFakeAlpaca({ cash: 100_000, prices: { AAPL: 100 }, autoFill });
  t.after(() => fake.close());
  return { fake, broker: alpacaBroker(fake) };
}

const entry = (over: Partial<OrderRequest> = {}): OrderRequest => ({
  clientOrderId: `ats-test-${Math.random().toString(36).slice(2)}`,
  symbol: 'AAPL',
  side: 'buy',
  qty: 10,
  type: 'market',
  timeInForce: 'gtc',
  limitPrice: null,
  stopPrice: null,
  ...over,
});

const lastBody = (fake: { requests: Array<{ method: string; body: unknown }> }) =>
  fake.requests.filter((r) => r.method === 'POST' || r.method === 'PATCH').at(-1)?.body;

test('bracket: order_class, take_profit.limit_price, stop_loss.stop_price / limit_price as decimal strings; legs come back nested', async (t) => {
  const { fake, broker } = await setup(t, false);
  const req = entry({
    orderClass: 'bracket',
    takeProfit: { limitPrice: 110 },
    stopLoss: { stopPrice: 95, limitPrice: 94.5 },
  });
  const o = await broker.submitOrder(req);
  assert.deepEqual(lastBody(fake), {
    symbol: 'AAPL',
    qty: '10',
    side: 'buy',
    type: 'market',
    time_in_force: 'gtc',
    client_order_id: req.clientOrderId,
    order_class: 'bracket',
    take_profit: { limit_price: '110.00' },
    stop_loss: { stop_price: '95.00', limit_price: '94.50' },
  });
  assert.equal(o.orderClass, 'bracket');
  assert.deepEqual(
    o.legs?.map((l) => [l.side, l.type, l.limitPrice, l.stopPrice, l.parentId]),
    [
      ['sell', 'limit', 110, null, o.id],
      ['sell', 'stop_limit', 94.5, 95, o.id],
    ],
  );
  // Held legs (waiting for the entry) map to our working status.
  assert.deepEqual(
    o.legs?.map((l) => l.status),
    ['new', 'new'],
  );
});

test('oto with a stop leg, oco on a position, a trailing stop with trail_percent', async (t) => {
  const { fake, broker } = await setup(t);
  await broker.submitOrder(entry({ orderClass: 'oto', stopLoss: { stopPrice: 90, limitPrice: null } }));
  assert.deepEqual((lastBody(fake) as Record<string, unknown>).stop_loss, { stop_price: '90.00' });
  assert.equal((lastBody(fake) as Record<string, unknown>).take_profit, undefined);
  await broker.submitOrder(entry({ qty: 15 })); // shares the oto's stop does not already hold

  const oco = await broker.submitOrder(
    entry({
      side: 'sell',
      type: 'limit',
      limitPrice: 120,
      orderClass: 'oco',
      takeProfit: { limitPrice: 120 },
      stopLoss: { stopPrice: 90, limitPrice: null },
    }),
  );
  assert.equal((lastBody(fake) as Record<string, unknown>).order_class, 'oco');
  assert.deepEqual(
    oco.legs?.map((l) => [l.type, l.stopPrice]),
    [['stop', 90]],
  );

  const trailing = await broker.submitOrder(
    entry({ side: 'sell', qty: 5, type: 'trailing_stop', trailPercent: 3, timeInForce: 'day' }),
  );
  const body = lastBody(fake) as Record<string, unknown>;
  assert.equal(body.type, 'trailing_stop');
  assert.equal(body.trail_percent, '3');
  assert.equal(body.order_class, undefined);
  assert.equal(trailing.trailPercent, 3);
  assert.equal(trailing.type, 'trailing_stop');
  // Alpaca takes a trailing stop only as a single order: refused here, nothing sent.
  const posts = fake.requests.length;
  await assert.rejects(
    broker.submitOrder(
      entry({ type: 'trailing_stop', trailPercent: 3, orderClass: 'oto', takeProfit: { limitPrice: 110 } }),
    ),
    UsageError,
  );
  assert.equal(fake.requests.length, posts);
});

test('the fake refuses what Alpaca refuses: 422 with {code, message}, mapped to a BrokerError naming it', async (t) => {
  const { fake, broker } = await setup(t);
  const cases: Array<[Partial<OrderRequest>, RegExp]> = [
    [
      { orderClass: 'bracket', takeProfit: { limitPrice: 110 } },
      /bracket orders require both take_profit and stop_loss/,
    ],
    [
      { orderClass: 'oto', takeProfit: { limitPrice: 110 }, stopLoss: { stopPrice: 90, limitPrice: null } },
      /oto orders require exactly one/,
    ],
    // A buy's stop must sit below the base price (the current 100 for a market entry), the take-profit above.
    [
      { orderClass: 'bracket', takeProfit: { limitPrice: 110 }, stopLoss: { stopPrice: 100, limitPrice: null } },
      /stop price must be less than base_price - 0.01/,
    ],
    [
      { orderClass: 'bracket', takeProfit: { limitPrice: 100 }, stopLoss: { stopPrice: 90, limitPrice: null } },
      /take_profit.limit_price must be >= base_price \+ 0.01/,
    ],
    [{ type: 'limit', limitPrice: 101, orderClass: 'oco', takeProfit: { limitPrice: 110 } }, /oco orders require both/],
  ];
  for (const [over, message] of cases) {
    await assert.rejects(broker.submitOrder(entry(over)), (err: unknown) => {
      assert.ok(err instanceof BrokerError, String(err));
      assert.match(err.message, /HTTP 422/);
      assert.match(err.message, message);
      return true;
    });
  }
  // Brackets run day or gtc only: the fake checks the raw body (our own types cannot express other values).
  const res = await fetch(`${fake.url}/v2/orders`, {
    method: 'POST',
    headers: {
      'APCA-API-KEY-ID': fake.keyId,
      'APCA-API-SECRET-KEY': fake.secretKey,
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      symbol: 'AAPL',
      qty: '1',
      side: 'buy',
      type: 'market',
      time_in_force: 'ioc',
      order_class: 'bracket',
      take_profit: { limit_price: '110' },
      stop_loss: { stop_price: '90' },
    }),
  });
  assert.equal(res.status, 422);
  assert.deepEqual(await res.json(), { code: 42210000, message: 'bracket orders must be day or gtc' });
  const trail = await fetch(`${fake.url}/v2/orders`, {
    method: 'POST',
    headers: {
      'APCA-API-KEY-ID': fake.keyId,
      'APCA-API-SECRET-KEY': fake.secretKey,
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      symbol: 'AAPL',
      qty: '1',
      side: 'sell',
      type: 'trailing_stop',
      time_in_force: 'day',
      trail_percent: '2',
      trail_price: '1',
    }),
  });
  assert.equal(trail.status, 422);
  assert.equal(fake.state.orders.size, 0);
});

test('a filled entry releases its legs; the take-profit filling cancels the stop (one-cancels-other)', async (t) => {
  const { fake, broker } = await setup(t);
  const req = entry({
    orderClass: 'bracket',
    takeProfit: { limitPrice: 110 },
    stopLoss: { stopPrice: 95, limitPrice: null },
  });
  await broker.submitOrder(req);
  const filled = await broker.getOrderByClientId(req.clientOrderId);
  assert.equal(filled?.status, 'filled');
  fake.setPrice('AAPL', 111);
  const after = await broker.getOrderByClientId(req.clientOrderId);
  assert.deepEqual(
    after?.legs?.map((l) => [l.type, l.status]),
    [
      ['limit', 'filled'],
      ['stop', 'canceled'],
    ],
  );
  assert.deepEqual(await broker.getPositions(), []);
  // Listed nested: one entry with its two legs, not three orders.
  const all = await broker.listOrders('all');
  assert.equal(all.length, 1);
  assert.equal(all[0]?.legs?.length, 2);
});

test('replaceOrder: PATCH with the documented fields; a new order replaces the old, which ends replaced', async (t) => {
  const { fake, broker } = await setup(t);
  const req = entry({
    orderClass: 'bracket',
    takeProfit: { limitPrice: 110 },
    stopLoss: { stopPrice: 95, limitPrice: null },
  });
  await broker.submitOrder(req);
  const stop = (await broker.getOrderByClientId(req.clientOrderId))?.legs?.[1];
  assert.ok(stop);
  const moved = await broker.replaceOrder(stop.id, { stopPrice: 98.5 });
  const patch = fake.requests.at(-1);
  assert.equal(patch?.method, 'PATCH');
  assert.equal(patch?.path, `/v2/orders/${stop.id}`);
  assert.deepEqual(patch?.body, { stop_price: '98.50' });
  assert.notEqual(moved.id, stop.id);
  assert.equal(moved.stopPrice, 98.5);
  const old = fake.state.orders.get(stop.id);
  assert.equal(old?.status, 'replaced');
  assert.equal(old?.replacedBy, moved.id);
  assert.equal(fake.state.orders.get(moved.id)?.replaces, stop.id);
  // The entry now lists the new stop among its legs; the old one reads as canceled (it will never fill).
  const now = await broker.getOrderByClientId(req.clientOrderId);
  assert.deepEqual(
    now?.legs?.map((l) => [l.id, l.status]),
    [
      [now?.legs?.[0]?.id, 'new'],
      [moved.id, 'new'],
    ],
  );
  await assert.rejects(broker.replaceOrder(stop.id, { stopPrice: 99 }), /HTTP 422/);
  await assert.rejects(broker.replaceOrder(moved.id, { trailPercent: 2 }), /trail does not apply to a stop order/);
  await assert.rejects(broker.replaceOrder(moved.id, {}), UsageError);
});

test('Alpaca rejects a leg: refused at submit (403) or rejected later; the entry and its legs end in one known state', async (t) => {
  const { fake, broker } = await setup(t);
  fake.refuseNextAdvanced('insufficient_buying_power');
  const refused = entry({
    orderClass: 'bracket',
    takeProfit: { limitPrice: 110 },
    stopLoss: { stopPrice: 95, limitPrice: null },
  });
  await assert.rejects(
    broker.submitOrder(refused),
    (err: unknown) => err instanceof BrokerError && /HTTP 403/.test(err.message),
  );
  assert.equal(await broker.getOrderByClientId(refused.clientOrderId), null, 'nothing exists at Alpaca');

  const req = entry({
    orderClass: 'bracket',
    takeProfit: { limitPrice: 110 },
    stopLoss: { stopPrice: 95, limitPrice: null },
  });
  const placed = await broker.submitOrder(req);
  fake.rejectLeg(placed.id, 'stop_loss');
  const o = await broker.getOrderByClientId(req.clientOrderId);
  assert.equal(o?.status, 'filled', 'the entry keeps its fill: the position exists');
  assert.deepEqual(
    o?.legs?.map((l) => [l.type, l.status]),
    [
      ['limit', 'canceled'],
      ['stop', 'rejected'],
    ],
  );
  // broker sync reads the same through listOrders: nothing of the bracket is still working.
  assert.deepEqual(await broker.listOrders('open'), []);
  const [listed] = await broker.listOrders('all');
  assert.deepEqual(
    listed?.legs?.map((l) => l.status),
    ['canceled', 'rejected'],
  );
});
