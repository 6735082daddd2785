/** One contract, two brokers: the PaperBroker and the AlpacaBroker (against the fake Alpaca) must behave alike. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DuplicateClientOrderError } from '../../src/lib/broker/errors.js';
import type { Broker } from '../../src/lib/broker/types.js';
import { startFakeAlpaca } from '../fakes/alpaca-server.js';
import { alpacaBroker, execEnv, paperBroker, setQuote } from './exec-helpers.js';

type Setup = (t: { after: (fn: () => unknown) => void }) => Promise<Broker>;

const setups: Record<string, Setup> = {
  paper: (t) => {
    const env = execEnv(t);
    setQuote(env, 'AAPL', 100);
    return Promise.resolve(paperBroker(env, { startingCash: 50_000 }));
  },
  alpaca: async (t) => {
    const fake = await startFakeAlpaca({ cash: 50_000, prices: { AAPL: 100 } });
    t.after(() => fake.close());
    return alpacaBroker(fake);
  },
};

const base = { symbol: 'AAPL', timeInForce: 'day', stopPrice: null } as const;

for (const [name, setup] of Object.entries(setups)) {
  test(`${name}: submit, look up by client id, list, duplicate id, cancel, positions, account`, async (t) => {
    const broker = await setup(t);
    await broker.assertTradable('AAPL');
    const submitted = await broker.submitOrder({
      ...base,
      clientOrderId: 'ats-c1',
      side: 'buy',
      qty: 5,
      type: 'market',
      limitPrice: null,
    });
    assert.equal(submitted.clientOrderId, 'ats-c1');
    const filled = await broker.getOrderByClientId('ats-c1');
    assert.deepEqual(
      [filled?.status, filled?.filledQty, filled?.filledAvgPrice, filled?.id],
      ['filled', 5, 100, submitted.id],
    );
    assert.equal(await broker.getOrderByClientId('ats-none'), null);
    await assert.rejects(
      broker.submitOrder({ ...base, clientOrderId: 'ats-c1', side: 'buy', qty: 5, type: 'market', limitPrice: null }),
      DuplicateClientOrderError,
    );

    const resting = await broker.submitOrder({
      ...base,
      clientOrderId: 'ats-c2',
      side: 'buy',
      qty: 1,
      type: 'limit',
      limitPrice: 80,
    });
    assert.deepEqual(
      (await broker.listOrders('open')).map((o) => [o.clientOrderId, o.status, o.limitPrice]),
      [['ats-c2', 'new', 80]],
    );
    await broker.cancelOrder(resting.id);
    assert.equal((await broker.getOrderByClientId('ats-c2'))?.status, 'canceled');
    assert.deepEqual(
      (await broker.listOrders('all')).map((o) => o.clientOrderId),
      ['ats-c1', 'ats-c2'],
    );

    const positions = await broker.getPositions();
    assert.deepEqual(
      positions.map((p) => [p.symbol, p.qty, p.avgEntryPrice, p.marketValue]),
      [['AAPL', 5, 100, 500]],
    );
    const account = await broker.getAccount();
    // 50 000 − 5 × 100 = 49 500 cash; equity 49 500 + 500
    assert.deepEqual([account.cash, account.equity, account.buyingPower], [49_500, 50_000, 49_500]);
  });
}
