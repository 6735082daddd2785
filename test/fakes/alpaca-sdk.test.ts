/**
 * The fake Alpaca driven through the official JS SDK (@alpacahq/alpaca-trade-api 3.x, axios 0.21 underneath),
 * so the fake stays compatible with the paths, headers and bodies a real client sends.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
// The package's index.d.ts types its default export as a namespace under NodeNext; the class file is typed right
// (`export = Alpaca`) and is the same object at run time.
import Alpaca from '@alpacahq/alpaca-trade-api/dist/alpaca-trade-api.js';
import { startFakeAlpaca } from './alpaca-server.js';
import type { FakeAlpaca } from './alpaca-server.js';

type Json = Record<string, unknown>;
/** What axios 0.21 rejects with for a non-2xx answer. */
interface AxiosLikeError {
  message: string;
  response: { status: number; data: unknown };
  config: { headers: Record<string, string> };
}

function client(fake: FakeAlpaca): Alpaca {
  // baseUrl without /v2: the SDK joins baseUrl + apiVersion ('v2') + the endpoint.
  return new Alpaca({ keyId: fake.keyId, secretKey: fake.secretKey, baseUrl: fake.url, paper: true });
}

/** The error an SDK call rejects with (`call` is the SDK's promise, which its typings leave `any`). */
async function rejection(call: unknown): Promise<AxiosLikeError> {
  try {
    await call;
  } catch (err) {
    return err as AxiosLikeError;
  }
  assert.fail('expected a rejection');
}

test('SDK: create order, duplicate client_order_id → 422, lookup by client id, positions, account', async (t) => {
  const fake = await startFakeAlpaca({ cash: 50_000, prices: { AAPL: 190 } });
  t.after(() => fake.close());
  const alpaca = client(fake);

  const order = (await alpaca.createOrder({
    symbol: 'AAPL',
    qty: 5,
    side: 'buy',
    type: 'market',
    time_in_force: 'day',
    client_order_id: 'ats-sdk-1',
  })) as Json;
  assert.equal(order.status, 'accepted');
  assert.equal(order.client_order_id, 'ats-sdk-1');
  // The SDK posts the object as JSON as given (numbers stay numbers) to /v2/orders.
  assert.deepEqual(fake.requests.at(-1), {
    method: 'POST',
    path: '/v2/orders',
    body: { symbol: 'AAPL', qty: 5, side: 'buy', type: 'market', time_in_force: 'day', client_order_id: 'ats-sdk-1' },
  });

  const dup = await rejection(
    alpaca.createOrder({
      symbol: 'AAPL',
      qty: 5,
      side: 'buy',
      type: 'market',
      time_in_force: 'day',
      client_order_id: 'ats-sdk-1',
    }),
  );
  assert.equal(dup.message, 'Request failed with status code 422');
  assert.equal(dup.response.status, 422);
  assert.deepEqual(dup.response.data, { code: 40010001, message: 'client_order_id must be unique' });
  // axios keeps the request config on the error, secret included: never log it unscrubbed.
  assert.equal(dup.config.headers['APCA-API-SECRET-KEY'], fake.secretKey);

  const byClient = (await alpaca.getOrderByClientId('ats-sdk-1')) as Json;
  assert.equal(byClient.id, order.id);
  assert.equal(byClient.status, 'filled');
  assert.equal(fake.requests.at(-1)?.path, '/v2/orders:by_client_order_id?client_order_id=ats-sdk-1');

  const positions = (await alpaca.getPositions()) as Json[];
  assert.deepEqual(
    positions.map((p) => [p.symbol, p.qty, p.avg_entry_price]),
    [['AAPL', '5', '190']],
  );
  const account = (await alpaca.getAccount()) as Json;
  assert.equal(account.cash, '49050'); // 50,000 − 5 × 190

  const orders = (await alpaca.getOrders({
    status: 'all',
    until: undefined,
    after: undefined,
    limit: 10,
    direction: 'asc',
    nested: undefined,
    symbols: undefined,
  })) as Json[];
  assert.deepEqual(
    orders.map((o) => o.client_order_id),
    ['ats-sdk-1'],
  );
});

test('SDK: error objects for 404, 422 on cancel of a filled order, and 401', async (t) => {
  const fake = await startFakeAlpaca({ prices: { AAPL: 100 } });
  t.after(() => fake.close());
  const alpaca = client(fake);

  const noPosition = await rejection(alpaca.getPosition('MSFT'));
  assert.equal(noPosition.response.status, 404);
  assert.deepEqual(noPosition.response.data, { code: 40410000, message: 'position does not exist' });

  const o = (await alpaca.createOrder({
    symbol: 'AAPL',
    qty: 1,
    side: 'buy',
    type: 'market',
    time_in_force: 'day',
  })) as Json;
  const cancel = await rejection(alpaca.cancelOrder(o.id));
  assert.equal(cancel.response.status, 422);
  assert.deepEqual(cancel.response.data, { code: 42210000, message: 'order is already in "filled" state' });

  const closed = (await alpaca.closePosition('AAPL')) as Json;
  assert.equal(closed.side, 'sell');
  assert.deepEqual(await alpaca.getPositions(), []);

  const clock = (await alpaca.getClock()) as Json;
  assert.equal(typeof clock.is_open, 'boolean');
  const asset = (await alpaca.getAsset('AAPL')) as Json;
  assert.equal(asset.tradable, true);

  const wrong = new Alpaca({ keyId: 'nope', secretKey: 'nope', baseUrl: fake.url });
  const denied = await rejection(wrong.getAccount());
  assert.equal(denied.response.status, 401);
  assert.equal((denied.response.data as Json).code, 40110000);
});
