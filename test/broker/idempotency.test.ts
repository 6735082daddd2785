/**
 * An order exists exactly once, whatever the network does: the submit's answer lost, a timeout, a 5xx. The fake
 * Alpaca's faults (test/fakes/alpaca/faults.ts): drop-response = processed then the socket destroyed unanswered;
 * timeout / 500 = NOT processed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { BrokerError } from '../../src/lib/errors.js';
import { placeOrder } from '../../src/lib/execution/place-order.js';
import { listOrders } from '../../src/lib/store/orders.js';
import { startFakeAlpaca } from '../fakes/alpaca-server.js';
import type { FakeAlpaca } from '../fakes/alpaca-server.js';
import type { Broker } from '../../src/lib/broker/types.js';
import { alpacaBroker, deps, execEnv, order, setQuote } from './exec-helpers.js';
import { waitFor } from '../helpers/wait.js';

async function setup(t: { after: (fn: () => unknown) => void }) {
  const fake = await startFakeAlpaca({ cash: 100_000, prices: { AAPL: 100 } });
  t.after(() => fake.close());
  const env = execEnv(t);
  setQuote(env, 'AAPL', 100);
  return { fake, env, d: deps(env, alpacaBroker(fake)) };
}

/**
 * A TCP server that accepts connections and never answers: a request to it always times out. It counts the
 * requests that arrive (Node's fetch may open a spare connection that never carries one).
 */
async function blackHole(t: { after: (fn: () => unknown) => void }): Promise<{ url: string; requests: () => number }> {
  const sockets = new Set<Socket>();
  let requests = 0;
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('data', () => requests++);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    for (const s of sockets) s.destroy();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => requests };
}

/** `broker`, except that its first submit goes through `first`. */
function firstSubmitThrough(broker: Broker, first: Broker): Broker {
  let submits = 0;
  return new Proxy(broker, {
    get(target, prop) {
      if (prop === 'submitOrder' && submits++ === 0) return first.submitOrder.bind(first);
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const posts = (fake: FakeAlpaca): number =>
  fake.requests.filter((r) => r.method === 'POST' && r.path === '/v2/orders').length;
const trail = (fake: FakeAlpaca): string[] =>
  fake.requests.filter((r) => r.path.startsWith('/v2/orders')).map((r) => `${r.method} ${r.path.split('?')[0]}`);

test('the answer to a submit is lost: the order is found by client id, exists once, and a re-run places nothing', async (t) => {
  const { fake, env, d } = await setup(t);
  fake.inject({ kind: 'drop-response', match: 'POST /v2/orders' });
  const first = await placeOrder(d, order('AAPL', 'buy', 3));
  assert.equal(first.alreadyPlaced, false);
  assert.equal(first.order.status, 'filled');
  assert.deepEqual(trail(fake).slice(0, 3), [
    'POST /v2/orders',
    'GET /v2/orders:by_client_order_id',
    'GET /v2/orders:by_client_order_id',
  ]);
  assert.equal(posts(fake), 1);
  assert.equal(fake.state.orders.size, 1);
  assert.equal(listOrders(env.store, 'alpaca').length, 1);

  const again = await placeOrder(d, order('AAPL', 'buy', 3));
  assert.equal(again.alreadyPlaced, true);
  assert.equal(again.order.clientOrderId, first.order.clientOrderId);
  assert.equal(posts(fake), 1);
  assert.equal(fake.state.orders.size, 1);
  assert.equal(listOrders(env.store, 'alpaca').length, 1);
  // one line in reports/orders.csv for the one order
  assert.equal(readFileSync(join(env.reportsDir, 'orders.csv'), 'utf8').trim().split('\n').length, 2);
});

test('a submit that times out is looked up by client id before it is resent', async (t) => {
  const { fake, d } = await setup(t);
  // The first submit goes where no answer ever comes, so its (short) timeout fires whatever the machine's
  // speed; everything else reaches the fake Alpaca with the generous timeout, so no other request can time out.
  const hole = await blackHole(t);
  d.broker = firstSubmitThrough(d.broker, alpacaBroker(fake, 300, hole.url));
  const r = await placeOrder(d, order('AAPL', 'buy', 2));
  assert.equal(r.order.status, 'filled');
  await waitFor(() => hole.requests() === 1, { what: 'the first submit to have reached the black hole' });
  assert.deepEqual(trail(fake).slice(0, 2), ['GET /v2/orders:by_client_order_id', 'POST /v2/orders']);
  assert.equal(fake.state.orders.size, 1);
});

test('a 5xx on submit: lookup first (not found), then one resend', async (t) => {
  const { fake, d } = await setup(t);
  fake.inject({ kind: '500', match: 'POST /v2/orders' });
  fake.inject({ kind: '503', match: 'POST /v2/orders' });
  await placeOrder(d, order('AAPL', 'buy', 2));
  assert.deepEqual(trail(fake).slice(0, 5), [
    'POST /v2/orders',
    'GET /v2/orders:by_client_order_id',
    'POST /v2/orders',
    'GET /v2/orders:by_client_order_id',
    'POST /v2/orders',
  ]);
  assert.equal(fake.state.orders.size, 1);
});

test('an order rejection (403 insufficient buying power) is not retried: BrokerError, recorded as rejected', async (t) => {
  const { fake, env, d } = await setup(t);
  // The fake refuses on its own cash; our risk check sees more buying power through a wider limit set.
  fake.state.account.cash = 150;
  d.limits = { maxSymbolPct: 100, maxAssetClassPct: 100, maxSectorPct: 100 };
  fake.state.account.lastEquity = 150;
  setQuote(env, 'AAPL', 1, (env.clock.now += 1)); // risk check prices the order at $1 (2 × 1 ≤ 150)…
  await assert.rejects(placeOrder(d, order('AAPL', 'buy', 2)), (e: unknown) => {
    // …while the fake prices it at 100 and refuses: 2 × 100 > 150.
    assert.ok(e instanceof BrokerError);
    assert.match(e.message, /insufficient buying power/);
    return true;
  });
  assert.equal(posts(fake), 1);
  const [row] = listOrders(env.store, 'alpaca');
  assert.equal(row?.status, 'rejected');
  assert.match(row?.reason ?? '', /HTTP 403/);
});
