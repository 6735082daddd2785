/** PaperBroker fills by hand: slippage in basis points (1 bp = 0.01 %), commission per order, limit and stop crossings. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../../src/lib/errors.js';
import { execEnv, paperBroker, setQuote } from './exec-helpers.js';

const req = (
  id: string,
  side: 'buy' | 'sell',
  qty: number,
  type: 'market' | 'limit' | 'stop',
  price: number | null = null,
  tif: 'day' | 'gtc' = 'day',
) => ({
  clientOrderId: id,
  symbol: 'AAPL',
  side,
  qty,
  type,
  timeInForce: tif,
  limitPrice: type === 'limit' ? price : null,
  stopPrice: type === 'stop' ? price : null,
});

test('market orders fill at the latest price ± slippage; commission comes off cash', async (t) => {
  const env = execEnv(t);
  setQuote(env, 'AAPL', 100);
  const broker = paperBroker(env, { slippageBps: 10, commission: 1, startingCash: 10_000 });
  const buy = await broker.submitOrder(req('b1', 'buy', 10, 'market'));
  // 100 × (1 + 10 / 10 000) = 100.10
  assert.deepEqual([buy.status, buy.filledQty, buy.filledAvgPrice, buy.commission], ['filled', 10, 100.1, 1]);
  let account = await broker.getAccount();
  // cash 10 000 − 10 × 100.10 − 1 = 8 998; equity 8 998 + 10 × 100 = 9 998
  assert.equal(account.cash.toFixed(2), '8998.00');
  assert.equal(account.equity.toFixed(2), '9998.00');
  setQuote(env, 'AAPL', 110, (env.clock.now += 1));
  const sell = await broker.submitOrder(req('s1', 'sell', 4, 'market'));
  // 110 × (1 − 0.001) = 109.89
  assert.equal(sell.filledAvgPrice, 109.89);
  account = await broker.getAccount();
  // cash 8 998 + 4 × 109.89 − 1 = 9 436.56; position 6 @ avg (1001 + 1) / 10 = 100.2 (entry commission in the cost)
  assert.equal(account.cash.toFixed(2), '9436.56');
  const [pos] = await broker.getPositions();
  assert.deepEqual([pos?.qty, pos?.avgEntryPrice.toFixed(4), pos?.marketValue], [6, '100.2000', 660]);
});

test('limit orders rest until a later price crosses, and fill at the limit or the better open', async (t) => {
  const env = execEnv(t);
  setQuote(env, 'AAPL', 100);
  const broker = paperBroker(env, { slippageBps: 10 });
  const a = await broker.submitOrder(req('l1', 'buy', 1, 'limit', 95, 'gtc'));
  const b = await broker.submitOrder(req('l2', 'buy', 1, 'limit', 90, 'gtc'));
  assert.equal(a.status, 'new');
  assert.deepEqual(broker.processMarket('AAPL', { open: 97, high: 98, low: 96 }), []); // low 96 > 95
  const filled = broker.processMarket('AAPL', { open: 97, high: 98, low: 94 }); // trades through 95: fills at 95 (no slippage on limits)
  assert.deepEqual(
    filled.map((o) => [o.clientOrderId, o.filledAvgPrice]),
    [['l1', 95]],
  );
  // a bar that opens at 88, below the 90 limit, fills at the open: better than the limit
  assert.deepEqual(
    broker.processMarket('AAPL', { open: 88, high: 89, low: 87 }).map((o) => o.filledAvgPrice),
    [88],
  );
  assert.equal((await broker.getOrderByClientId(b.clientOrderId))?.status, 'filled');
  // a marketable limit fills at once at the current price
  setQuote(env, 'AAPL', 100, (env.clock.now += 1));
  assert.equal((await broker.submitOrder(req('l3', 'sell', 1, 'limit', 99))).filledAvgPrice, 100);
});

test('stop orders trigger at the stop and fill like market orders, with slippage; gaps fill at the open', async (t) => {
  const env = execEnv(t);
  setQuote(env, 'AAPL', 100);
  const broker = paperBroker(env, { slippageBps: 10 });
  await broker.submitOrder(req('b', 'buy', 2, 'market')); // 100.10
  await broker.submitOrder(req('s1', 'sell', 1, 'stop', 95, 'gtc'));
  await broker.submitOrder(req('s2', 'sell', 1, 'stop', 92, 'gtc'));
  assert.deepEqual(broker.processMarket('AAPL', 96), []);
  // 95 reached: 95 × (1 − 0.001) = 94.905 → 94.91 (cent tick)
  assert.deepEqual(
    broker.processMarket('AAPL', { open: 96, high: 96, low: 94.5 }).map((o) => o.filledAvgPrice),
    [94.91],
  );
  // gap down through 92, open 90: 90 × 0.999 = 89.91
  assert.deepEqual(
    broker.processMarket('AAPL', { open: 90, high: 91, low: 89 }).map((o) => o.filledAvgPrice),
    [89.91],
  );
  // buy stop above the market: triggers at 105 → 105 × 1.001 = 105.105 → 105.11
  await broker.submitOrder(req('s3', 'buy', 1, 'stop', 105, 'gtc'));
  assert.deepEqual(
    broker.processMarket('AAPL', 105).map((o) => o.filledAvgPrice),
    [105.11],
  );
});

test('catch-up from the store: a later quote fills a resting order; an unfilled day order expires next session', async (t) => {
  const env = execEnv(t);
  setQuote(env, 'AAPL', 100);
  const broker = paperBroker(env);
  await broker.submitOrder(req('d1', 'buy', 1, 'limit', 98));
  await broker.submitOrder(req('d2', 'buy', 1, 'limit', 90));
  setQuote(env, 'AAPL', 97.5, (env.clock.now += 60_000));
  assert.deepEqual(
    [(await broker.getOrderByClientId('d1'))?.status, (await broker.getOrderByClientId('d1'))?.filledAvgPrice],
    ['filled', 97.5],
  );
  env.clock.now += 86_400_000;
  assert.equal((await broker.getOrderByClientId('d2'))?.status, 'expired');
});

test('unknown symbol: no price in the store is a UsageError naming it', async (t) => {
  const env = execEnv(t);
  await assert.rejects(
    paperBroker(env).assertTradable('ZZZZ'),
    (e: unknown) => e instanceof UsageError && /ZZZZ/.test(e.message),
  );
});
