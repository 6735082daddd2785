/**
 * Option orders through the real AlpacaBroker (SDK 4.x over HTTP) against the fake Alpaca: the POST /v2/orders
 * body of a single-leg and of an mleg order field by field against https://docs.alpaca.markets/reference/postorder
 * (OAS PostOrderRequest / MLegOrderLeg: no symbol or side for mleg, qty = units, signed limit_price, legs of
 * {symbol, ratio_qty, side, position_intent}); the answer mapped back (OAS "MultilegOptions" example: the order has
 * symbol "" and side "", its legs type ""); the fake's 422s for bodies Alpaca refuses
 * (https://docs.alpaca.markets/docs/options-level-3-trading); option positions as asset_class us_option.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../../src/lib/errors.js';
import type { OrderRequest } from '../../src/lib/broker/types.js';
import { startFakeAlpaca } from '../fakes/alpaca-server.js';
import type { FakeAlpaca } from '../fakes/alpaca-server.js';
import { alpacaBroker } from './exec-helpers.js';
import { BULL_PUT, orderPosts as posts, P100, P95 } from '../helpers/alpaca-mleg.js';

async function setup(t: { after: (fn: () => unknown) => void }) {
  const fake = await startFakeAlpaca({ cash: 100_000, prices: { AAPL: 104 } });
  t.after(() => fake.close());
  return { fake, broker: alpacaBroker(fake) };
}

const bullPut = (over: Partial<OrderRequest> = {}): OrderRequest => ({
  clientOrderId: `ats-test-${Math.random().toString(36).slice(2)}`,
  ...BULL_PUT,
  ...over,
});

test('mleg: the body field by field (no symbol or side, signed limit, legs without O:), the answer mapped back', async (t) => {
  const { fake, broker } = await setup(t);
  const req = bullPut();
  const o = await broker.submitOrder(req);
  assert.deepEqual(posts(fake).at(-1)?.body, {
    qty: '2',
    type: 'limit',
    time_in_force: 'day',
    client_order_id: req.clientOrderId,
    order_class: 'mleg',
    legs: [
      { symbol: 'AAPL240119P00095000', ratio_qty: '1', side: 'buy', position_intent: 'buy_to_open' },
      { symbol: 'AAPL240119P00100000', ratio_qty: '1', side: 'sell', position_intent: 'sell_to_open' },
    ],
    limit_price: '-1.25',
  });
  assert.equal(o.orderClass, 'mleg');
  assert.equal(o.symbol, 'AAPL');
  assert.equal(o.side, 'sell');
  assert.equal(o.limitPrice, -1.25);
  assert.deepEqual(
    o.legs?.map((l) => [l.symbol, l.side, l.qty, l.type, l.parentId, l.orderClass]),
    [
      [P95, 'buy', 2, 'limit', o.id, 'mleg'],
      [P100, 'sell', 2, 'limit', o.id, 'mleg'],
    ],
  );
});

test('mleg fill: all legs at once; each leg its own filled_avg_price per share, the order the net; us_option positions', async (t) => {
  const { fake, broker } = await setup(t);
  const o = await broker.submitOrder(bullPut());
  // 1.00 paid for the 95 put and 2.25 received for the 100 put: net −1.25 per share, the limit.
  fake.fillMleg(o.id, { AAPL240119P00095000: 1, AAPL240119P00100000: 2.25 });
  const filled = await broker.getOrderByClientId(o.clientOrderId);
  assert.equal(filled?.status, 'filled');
  assert.equal(filled?.filledAvgPrice, -1.25);
  assert.deepEqual(
    filled?.legs?.map((l) => [l.symbol, l.status, l.filledQty, l.filledAvgPrice]),
    [
      [P95, 'filled', 2, 1],
      [P100, 'filled', 2, 2.25],
    ],
  );
  const positions = await broker.getPositions();
  assert.deepEqual(positions.map((p) => [p.symbol, p.assetClass, p.qty, p.avgEntryPrice]).sort(), [
    [P95, 'us_option', 2, 1],
    [P100, 'us_option', -2, 2.25],
  ]);
  // Cash moves by the contract multiplier: 2 × 100 × (2.25 − 1.00) received.
  assert.equal(fake.state.account.cash, 100_000 + 250);
  // A leg looked up on its own (a refresh of its ledger row) parses too: the OCC symbol, its fill.
  const leg = await broker.getOrderByClientId(filled.legs[1]!.clientOrderId);
  assert.deepEqual([leg?.symbol, leg?.side, leg?.filledQty, leg?.filledAvgPrice], [P100, 'sell', 2, 2.25]);
});

test('single leg: OCC symbol without O:, day, whole contracts, a cents limit; gtc refused before anything is sent', async (t) => {
  const { fake, broker } = await setup(t);
  const req: OrderRequest = {
    clientOrderId: 'ats-single-1',
    symbol: 'O:AAPL240119C00105000',
    side: 'buy',
    qty: 3,
    type: 'limit',
    timeInForce: 'day',
    limitPrice: 1.5,
    stopPrice: null,
  };
  fake.setPrice('AAPL240119C00105000', 1.6);
  const o = await broker.submitOrder(req);
  assert.deepEqual(posts(fake).at(-1)?.body, {
    symbol: 'AAPL240119C00105000',
    qty: '3',
    side: 'buy',
    type: 'limit',
    time_in_force: 'day',
    client_order_id: 'ats-single-1',
    limit_price: '1.50',
  });
  assert.equal(o.symbol, 'O:AAPL240119C00105000');
  const before = posts(fake).length;
  await assert.rejects(broker.submitOrder({ ...req, clientOrderId: 'ats-single-2', timeInForce: 'gtc' }), UsageError);
  assert.equal(posts(fake).length, before);
});

async function postRaw(fake: FakeAlpaca, body: unknown): Promise<{ status: number; message: string }> {
  const res = await fetch(`${fake.url}/v2/orders`, {
    method: 'POST',
    headers: {
      'APCA-API-KEY-ID': fake.keyId,
      'APCA-API-SECRET-KEY': fake.secretKey,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, message: ((await res.json()) as { message: string }).message };
}

const leg = (symbol: string, side = 'buy', ratio = '1') => ({
  symbol,
  ratio_qty: ratio,
  side,
  position_intent: `${side}_to_open`,
});
const mleg = (legs: unknown[], over: Record<string, unknown> = {}) => ({
  order_class: 'mleg',
  qty: '1',
  type: 'limit',
  limit_price: '1.00',
  time_in_force: 'day',
  legs,
  ...over,
});

test('the fake refuses mleg bodies the way Alpaca does (422 with the reason), and creates nothing', async (t) => {
  const { fake } = await setup(t);
  const A = 'AAPL240119C00100000';
  const B = 'AAPL240119C00105000';
  const cases: Array<[string, unknown, RegExp]> = [
    ['ratio not in lowest terms', mleg([leg(A, 'buy', '2'), leg(B, 'sell', '2')]), /lowest terms.*factor 2/],
    [
      'ratio not a positive integer',
      mleg([leg(A, 'buy', '1.5'), leg(B, 'sell')]),
      /ratio_qty must be a positive integer/,
    ],
    [
      'five legs',
      mleg(['C00100000', 'C00105000', 'C00110000', 'P00095000', 'P00090000'].map((k) => leg(`AAPL240119${k}`))),
      /2 to 4 legs, got 5/,
    ],
    ['one leg', mleg([leg(A)]), /2 to 4 legs, got 1/],
    ['mixed underlyings', mleg([leg(A), leg('MSFT240119C00400000', 'sell')]), /same underlying, got AAPL, MSFT/],
    ['the same contract twice', mleg([leg(A), leg(A, 'sell')]), /distinct symbol/],
    ['not an OCC symbol', mleg([leg('AAPL'), leg(B, 'sell')]), /legs\[0\]\.symbol "AAPL" is not an OCC option symbol/],
    ['gtc', mleg([leg(A), leg(B, 'sell')], { time_in_force: 'gtc' }), /time_in_force day/],
    [
      'limit without limit_price',
      mleg([leg(A), leg(B, 'sell')], { limit_price: undefined }),
      /limit_price is required/,
    ],
    ['intent against side', mleg([{ ...leg(A), position_intent: 'sell_to_open' }, leg(B, 'sell')]), /contradicts side/],
  ];
  for (const [name, body, why] of cases) {
    const r = await postRaw(fake, body);
    assert.equal(r.status, 422, name);
    assert.match(r.message, why, name);
  }
  assert.equal(fake.state.orders.size, 0);
  const ok = await postRaw(fake, mleg([leg(A), leg(B, 'sell')], { limit_price: '-0.40' }));
  assert.equal(ok.status, 200);
});
