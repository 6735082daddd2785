/**
 * The fake Alpaca driven through the official JS SDK (@alpacahq/alpaca-trade-api 4.x, fetch underneath), so the
 * fake stays compatible with the paths, headers and bodies a real client sends, and its answers read through
 * the SDK's own models.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, trading } from '@alpacahq/alpaca-trade-api/rest';
import { startFakeAlpaca } from './alpaca-server.js';
import type { FakeAlpaca } from './alpaca-server.js';

function apis(fake: FakeAlpaca, keyId = fake.keyId, secret = fake.secretKey) {
  // basePath without /v2: the generated paths start with /v2/.
  const config = new trading.Configuration({ basePath: fake.url, keyId, secret });
  return {
    orders: new trading.OrdersApi(config),
    positions: new trading.PositionsApi(config),
    account: new trading.AccountsApi(config),
    assets: new trading.AssetsApi(config),
    clock: new trading.ClockApi(config),
  };
}

async function rejection(call: Promise<unknown>): Promise<ApiError> {
  try {
    await call;
  } catch (err) {
    assert.ok(err instanceof ApiError, `expected an ApiError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a rejection');
}

test('SDK: create order, duplicate client_order_id → 422, lookup by client id, positions, account', async (t) => {
  const fake = await startFakeAlpaca({ cash: 50_000, prices: { AAPL: 190 } });
  t.after(() => fake.close());
  const { orders, positions, account } = apis(fake);
  const postOrderRequest: trading.PostOrderRequest = {
    symbol: 'AAPL',
    qty: '5',
    side: 'buy',
    type: 'market',
    timeInForce: 'day',
    clientOrderId: 'ats-sdk-1',
  };

  const order = await orders.postOrder({ postOrderRequest });
  assert.equal(order.status, 'accepted');
  assert.equal(order.clientOrderId, 'ats-sdk-1');
  // The SDK writes the model as snake_case JSON to /v2/orders.
  assert.deepEqual(fake.requests.at(-1), {
    method: 'POST',
    path: '/v2/orders',
    body: { symbol: 'AAPL', qty: '5', side: 'buy', type: 'market', time_in_force: 'day', client_order_id: 'ats-sdk-1' },
  });

  const dup = await rejection(orders.postOrder({ postOrderRequest }));
  assert.equal(dup.status, 422);
  assert.equal(dup.code, 40010001);
  assert.equal(dup.message, 'client_order_id must be unique');

  const byClient = await orders.getOrderByClientOrderId({ clientOrderId: 'ats-sdk-1' });
  assert.equal(byClient.id, order.id);
  assert.equal(byClient.status, 'filled');
  assert.equal(fake.requests.at(-1)?.path, '/v2/orders:by_client_order_id?client_order_id=ats-sdk-1');

  const held = await positions.getAllOpenPositions();
  assert.deepEqual(
    held.map((p) => [p.symbol, p.qty, p.avgEntryPrice]),
    [['AAPL', '5', '190']],
  );
  assert.equal((await account.getAccount()).cash, '49050'); // 50,000 − 5 × 190

  const all = await orders.getAllOrders({ status: 'all', limit: 10, direction: 'asc' });
  assert.deepEqual(
    all.map((o) => o.clientOrderId),
    ['ats-sdk-1'],
  );
});

test('SDK: error objects for 404, 422 on cancel of a filled order, and 401', async (t) => {
  const fake = await startFakeAlpaca({ prices: { AAPL: 100 } });
  t.after(() => fake.close());
  const { orders, positions, assets, clock } = apis(fake);

  const noPosition = await rejection(positions.getOpenPosition({ symbolOrAssetId: 'MSFT' }));
  assert.equal(noPosition.status, 404);
  assert.equal(noPosition.code, 40410000);
  assert.equal(noPosition.message, 'position does not exist');

  const o = await orders.postOrder({
    postOrderRequest: { symbol: 'AAPL', qty: '1', side: 'buy', type: 'market', timeInForce: 'day' },
  });
  const cancel = await rejection(orders.deleteOrderByOrderID({ orderId: o.id as string }));
  assert.equal(cancel.status, 422);
  assert.equal(cancel.code, 42210000);
  assert.equal(cancel.message, 'order is already in "filled" state');

  const closed = await positions.deleteOpenPosition({ symbolOrAssetId: 'AAPL' });
  assert.equal(closed.side, 'sell');
  assert.deepEqual(await positions.getAllOpenPositions(), []);

  assert.equal(typeof (await clock.legacyClock()).isOpen, 'boolean');
  assert.equal((await assets.getV2AssetsSymbolOrAssetId({ symbolOrAssetId: 'AAPL' })).tradable, true);

  const denied = await rejection(apis(fake, 'nope', 'nope').account.getAccount());
  assert.equal(denied.status, 401);
  assert.equal(denied.code, 40110000);
});
