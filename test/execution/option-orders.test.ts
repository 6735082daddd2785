/**
 * Option orders through placeOrder against the fake Alpaca: an mleg order is one ledger order with its leg rows
 * (parentId), the legs' fills are fills of their OCC contracts (contracts, price per share) and the order itself
 * books none; a dropped answer sends nothing twice; the options gate refuses before anything is recorded or sent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BrokerError } from '../../src/lib/errors.js';
import { refreshOpenOrders } from '../../src/lib/execution/ledger.js';
import { placeOrder } from '../../src/lib/execution/place-order.js';
import { reconcileProtection } from '../../src/lib/execution/protection-repair.js';
import type { PlaceInput } from '../../src/lib/execution/place-order.js';
import { syncBroker } from '../../src/lib/execution/sync.js';
import { listFills } from '../../src/lib/store/fills.js';
import { listOrders } from '../../src/lib/store/orders.js';
import { startFakeAlpaca } from '../fakes/alpaca-server.js';
import { alpacaBroker, deps, execEnv } from '../broker/exec-helpers.js';
import { BULL_PUT, orderPosts as posts, P100, P95 } from '../helpers/alpaca-mleg.js';

const bullPut = (over: Partial<PlaceInput> = {}): PlaceInput => ({
  runId: 'test-run',
  source: 'cli',
  ...BULL_PUT,
  // Width 5 − credit 1.25 = 3.75 per share, × 100 × 2 units.
  optionGate: { strategy: 'bull_put_spread', maxLoss: 750 },
  ...over,
});

async function setup(t: { after: (fn: () => unknown) => void }, cash = 100_000) {
  const fake = await startFakeAlpaca({ cash, prices: { AAPL: 104 } });
  t.after(() => fake.close());
  const env = execEnv(t);
  return { fake, env, d: deps(env, alpacaBroker(fake)) };
}

test('mleg: one ledger order with its leg rows; sync records each leg fill as a fill of its contract', async (t) => {
  const { fake, env, d } = await setup(t);
  const { order } = await placeOrder(d, bullPut());
  assert.equal(order.symbol, 'AAPL');
  assert.equal(order.limitPrice, -1.25);
  const rows = listOrders(env.store, 'alpaca', 'all');
  assert.deepEqual(
    rows.map((o) => [o.symbol, o.side, o.qty, o.intent, o.parentId ?? null]).sort(),
    [
      ['AAPL', 'sell', 2, 'entry', null],
      [P100, 'sell', 2, 'entry', order.clientOrderId],
      [P95, 'buy', 2, 'entry', order.clientOrderId],
    ].sort(),
  );
  fake.fillMleg(order.brokerOrderId!, { AAPL240119P00095000: 1, AAPL240119P00100000: 2.25 });
  // A leg row refreshed on its own (Alpaca answers a leg by its client id without its order) books its fill.
  const legRows = listOrders(env.store, 'alpaca', 'open').filter((o) => o.parentId === order.clientOrderId);
  await refreshOpenOrders(env.store, d.events, d.broker, legRows, env.clock.now);
  assert.equal(listFills(env.store, 'alpaca').length, 2);
  const report = await syncBroker(d);
  assert.deepEqual(report.differences, []);
  const fills = listFills(env.store, 'alpaca');
  assert.deepEqual(fills.map((f) => [f.symbol, f.side, f.qty, f.price]).sort(), [
    [P95, 'buy', 2, 1],
    [P100, 'sell', 2, 2.25],
  ]);
  const parent = listOrders(env.store, 'alpaca', 'all').find((o) => o.clientOrderId === order.clientOrderId);
  assert.equal(parent?.status, 'filled');
  assert.equal(parent?.filledAvgPrice, -1.25);
  // Held option legs are not stock positions missing a stop: sync's protection check leaves them alone.
  const protection = await reconcileProtection(d, { repair: true, fallbackStopPct: 5 });
  assert.deepEqual(protection.findings, []);
  assert.equal(posts(fake).length, 1);
});

test('a dropped answer to the submit: looked up by client id, nothing sent twice; a re-run sends nothing', async (t) => {
  const { fake, d } = await setup(t);
  fake.inject({ kind: 'drop-response', match: 'POST /v2/orders' });
  const first = await placeOrder(d, bullPut());
  assert.equal(first.alreadyPlaced, false);
  assert.equal(posts(fake).length, 1);
  const again = await placeOrder(d, bullPut());
  assert.equal(again.alreadyPlaced, true);
  assert.equal(posts(fake).length, 1);
  const parents = [...fake.state.orders.values()].filter((o) => o.orderClass === 'mleg' && o.parentId === null);
  assert.equal(parents.length, 1);
});

test('gate: MAX_RISK spread below the max loss refuses with the numbers; nothing recorded, nothing sent', async (t) => {
  const { fake, env, d } = await setup(t);
  d.limits = { maxRiskByStrategy: { spread: 500 } };
  await assert.rejects(
    placeOrder(d, bullPut()),
    (err: unknown) =>
      err instanceof BrokerError &&
      err.message === 'options gate refused bull_put_spread: MAX_RISK spread=$500.00: max loss $750.00 exceeds it',
  );
  assert.deepEqual(listOrders(env.store, 'alpaca', 'all'), []);
  assert.equal(posts(fake).length, 0);
});

test('gate: a single short naked call is refused in a small account; a long call and a short put pass', async (t) => {
  const { fake, env, d } = await setup(t, 5_000);
  const call = 'O:AAPL240119C00110000';
  fake.setPrice('AAPL240119C00110000', 1.2);
  const single = (side: 'buy' | 'sell', symbol = call): PlaceInput => ({
    runId: `single-${side}-${symbol}`,
    source: 'cli',
    symbol,
    side,
    qty: 1,
    type: 'limit',
    timeInForce: 'day',
    limitPrice: 1.2,
    stopPrice: null,
  });
  await assert.rejects(
    placeOrder(d, single('sell')),
    /options gate refused short call O:AAPL240119C00110000 \(naked\): tier small \(equity \$5000\.00\) allows defined-risk strategies only/,
  );
  assert.deepEqual(listOrders(env.store, 'alpaca', 'all'), []);
  assert.equal(posts(fake).length, 0);
  const bought = await placeOrder(d, single('buy'));
  assert.equal(bought.order.symbol, call);
  // A cash-secured put is allowed from the medium tier on: refused here too, naming the tier's list.
  fake.setPrice('AAPL240119P00095000', 1.2);
  await assert.rejects(placeOrder(d, single('sell', P95)), /does not allow cash_secured_put/);
});
