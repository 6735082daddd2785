/** The evaluator's trailing rule moves the broker-side stop: by replace (never a second stop), up only. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateOnce } from '../../src/lib/evaluator/run-pass.js';
import { placeOrder } from '../../src/lib/execution/place-order.js';
import { getOrder } from '../../src/lib/store/orders.js';
import { deps, execEnv, order, paperBroker, setQuote } from '../broker/exec-helpers.js';

test('a bracket stop trails the high by replace and never moves down', async (t) => {
  const env = execEnv(t);
  const broker = paperBroker(env);
  const d = deps(env, broker);
  const at = (price: number) => setQuote(env, 'AAPL', price, (env.clock.now += 1000));
  at(100);
  await placeOrder(d, {
    ...order('AAPL', 'buy', 10),
    timeInForce: 'gtc',
    orderClass: 'bracket',
    stopLoss: { stopPrice: 90, limitPrice: null },
    takeProfit: { limitPrice: 130 },
  });
  const stops = async () => (await broker.listOrders('open')).filter((o) => o.type === 'stop' && o.symbol === 'AAPL');
  const leg = (await stops()).find((o) => o.stopPrice === 90);
  assert.ok(leg, 'the stop leg rests at 90');
  let replaces = 0;
  const replace = broker.replaceOrder.bind(broker);
  broker.replaceOrder = (id, changes) => (replaces++, replace(id, changes));
  const thresholds = { stopLoss: null, takeProfit: null, trailing: 0.05 };

  at(110); // 110 × 0.95 = 104.50 > 90: raised
  const [r1] = await evaluateOnce(d, thresholds);
  assert.equal(r1?.stopMove, 'AAPL: stop raised 90.00 → 104.50');
  assert.deepEqual(
    (await stops()).map((o) => [o.id, o.stopPrice]),
    [[leg.id, 104.5]],
    'the same order, moved: no second stop',
  );
  assert.equal(getOrder(env.store, leg.clientOrderId)?.stopPrice, 104.5, 'the ledger follows');

  at(107); // the high stays 110: the stop stays at 104.50, not 107 × 0.95 = 101.65
  const [r2] = await evaluateOnce(d, thresholds);
  assert.equal(r2?.action, 'hold');
  assert.equal(r2?.stopMove, undefined);
  at(112); // 112 × 0.95 = 106.40
  await evaluateOnce(d, thresholds);
  assert.deepEqual(
    (await stops()).map((o) => [o.id, o.stopPrice]),
    [[leg.id, 106.4]],
  );
  assert.equal(replaces, 2, 'one replace per raise, none when the mark did not move');
  const tp = (await broker.listOrders('open')).find((o) => o.type === 'limit');
  assert.equal(tp?.limitPrice, 130, 'the take-profit leg is untouched');
});
