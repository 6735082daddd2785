/** Bad orders are UsageErrors naming the problem, before anything reaches a broker. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../../src/lib/errors.js';
import { parseOrderInput } from '../../src/lib/broker/order-input.js';
import { placeOrder } from '../../src/lib/execution/place-order.js';
import { closePosition } from '../../src/lib/portfolio/service.js';
import { startFakeAlpaca } from '../fakes/alpaca-server.js';
import { alpacaBroker, deps, execEnv, order, paperBroker, setQuote } from './exec-helpers.js';

const usage = (re: RegExp) => (e: unknown) => e instanceof UsageError && re.test(e.message);

test('quantity, side, type and prices are validated', () => {
  assert.throws(
    () => parseOrderInput({ symbol: 'AAPL', side: 'buy', qty: '0' }),
    usage(/quantity must be a positive whole number, got "0"/),
  );
  assert.throws(() => parseOrderInput({ symbol: 'AAPL', side: 'buy', qty: '-3' }), usage(/"-3"/));
  assert.throws(() => parseOrderInput({ symbol: 'AAPL', side: 'buy', qty: '1.5' }), usage(/"1.5"/));
  assert.throws(() => parseOrderInput({ symbol: 'AAPL', side: 'hold', qty: '1' }), usage(/side must be buy or sell/));
  assert.throws(
    () => parseOrderInput({ symbol: 'AAPL', side: 'buy', qty: '1', type: 'limit' }),
    usage(/limit order needs --limit/),
  );
  assert.throws(
    () => parseOrderInput({ symbol: 'AAPL', side: 'buy', qty: '1', type: 'stop' }),
    usage(/stop order needs --stop/),
  );
  assert.throws(
    () => parseOrderInput({ symbol: 'AAPL', side: 'buy', qty: '1', limit: '-2' }),
    usage(/--limit must be a price > 0/),
  );
  assert.throws(() => parseOrderInput({ symbol: '12$', side: 'buy', qty: '1' }), usage(/invalid symbol/));
  // the short form BUY AAPL 1 100: a limit order
  assert.deepEqual(parseOrderInput({ symbol: 'aapl', side: 'BUY', qty: '1', limit: '100' }), {
    symbol: 'AAPL',
    side: 'buy',
    qty: 1,
    type: 'limit',
    timeInForce: 'day',
    limitPrice: 100,
    stopPrice: null,
  });
});

test('unknown symbol: paper (no price in the store) and Alpaca (asset lookup 404)', async (t) => {
  const env = execEnv(t);
  await assert.rejects(placeOrder(deps(env, paperBroker(env)), order('NOPE', 'buy', 1)), usage(/unknown symbol NOPE/));
  const fake = await startFakeAlpaca({ prices: { AAPL: 100 } });
  t.after(() => fake.close());
  await assert.rejects(
    placeOrder(deps(env, alpacaBroker(fake)), order('NOPE', 'buy', 1)),
    usage(/unknown symbol NOPE: Alpaca has no such asset/),
  );
  assert.equal(fake.requests.filter((r) => r.method === 'POST').length, 0);
});

test('closing a symbol not held', async (t) => {
  const env = execEnv(t);
  setQuote(env, 'AAPL', 100);
  await assert.rejects(
    closePosition(deps(env, paperBroker(env)), 'AAPL'),
    usage(/cannot close AAPL: no position held/),
  );
});
