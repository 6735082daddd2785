/** Reconciliation on the paper simulator: each finding reported, --repair fixes it, a second run finds nothing. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { placeOrder } from '../../src/lib/execution/place-order.js';
import { reconcileProtection } from '../../src/lib/execution/protection-repair.js';
import { getOrder } from '../../src/lib/store/orders.js';
import { deps, execEnv, order, paperBroker, setQuote } from '../broker/exec-helpers.js';

const stop = (symbol: string, qty: number, price: number, id: string) => ({
  clientOrderId: id,
  symbol,
  side: 'sell' as const,
  qty,
  type: 'stop' as const,
  timeInForce: 'gtc' as const,
  limitPrice: null,
  stopPrice: price,
});

test('missing, duplicated and orphaned stops are reported, then repaired once', async (t) => {
  const env = execEnv(t);
  const d = deps(env, paperBroker(env));
  for (const [s, p] of [
    ['AAPL', 100],
    ['MSFT', 200],
    ['TSLA', 150],
  ] as const)
    setQuote(env, s, p);
  await placeOrder(d, order('AAPL', 'buy', 10));
  await placeOrder(d, order('MSFT', 'buy', 5));
  // Placed at the broker outside ats: two full stops on MSFT, and a stop on TSLA, which is not held.
  await d.broker.submitOrder(stop('MSFT', 5, 190, 'ext-1'));
  await d.broker.submitOrder(stop('MSFT', 5, 192, 'ext-2'));
  await d.broker.submitOrder(stop('TSLA', 3, 140, 'ext-3'));

  const seen = await reconcileProtection(d, { repair: false, fallbackStopPct: 5 });
  assert.deepEqual(
    seen.findings.map((f) => [f.kind, f.symbol]),
    [
      ['missing', 'AAPL'],
      ['duplicated', 'MSFT'],
      ['orphaned', 'TSLA'],
    ],
  );
  assert.deepEqual(seen.repairs, []);
  assert.equal((await d.broker.listOrders('open')).length, 3, 'a report changes nothing');

  const fixed = await reconcileProtection(d, { repair: true, fallbackStopPct: 5 });
  assert.deepEqual(fixed.failures, []);
  // No bars stored, so no ATR: the fallback, 5 % below the 100.00 entry.
  assert.match(
    fixed.repairs[0]!,
    /AAPL: placed sell stop 10 @ 95\.00 \(entry 100\.00 − 5% \(fewer than 15 bars stored\)\)/,
  );
  assert.match(fixed.repairs[1]!, /MSFT: canceled sell stop 5 @ 190 \(a duplicate of a better stop\)/);
  assert.match(fixed.repairs[2]!, /TSLA: canceled sell stop 3 @ 140 \(protects no position\)/);
  const open = await d.broker.listOrders('open');
  assert.deepEqual(open.map((o) => [o.symbol, o.stopPrice, o.qty]).sort(), [
    ['AAPL', 95, 10],
    ['MSFT', 192, 5],
  ]);
  const placed = open.find((o) => o.symbol === 'AAPL')!;
  assert.equal(getOrder(env.store, placed.clientOrderId)?.intent, 'exit', 'the new stop is in the ledger');

  const again = await reconcileProtection(d, { repair: true, fallbackStopPct: 5 });
  assert.deepEqual([again.findings, again.repairs], [[], []]);
});

test('the missing stop comes from 2 ATR(14) of the stored bars when there are enough', async (t) => {
  const env = execEnv(t);
  const { upsertBars } = await import('../../src/lib/store/bars.js');
  const day = 86_400_000;
  // Every bar: high − low = 2 and no gap, so every true range is 2 and ATR(14) is 2: the stop is 100 − 4 = 96.
  const bars = Array.from({ length: 20 }, (_, i) => ({
    symbol: 'AAPL',
    timeframe: '1d' as const,
    ts: env.clock.now - (20 - i) * day,
    open: 100,
    high: 101,
    low: 99,
    close: 100,
    volume: 1000,
    vwap: null,
    trades: null,
  }));
  upsertBars(env.store, bars, 'test');
  const d = deps(env, paperBroker(env));
  setQuote(env, 'AAPL', 100);
  await placeOrder(d, order('AAPL', 'buy', 10));
  const r = await reconcileProtection(d, { repair: true, fallbackStopPct: 5 });
  assert.match(r.repairs[0]!, /AAPL: placed sell stop 10 @ 96\.00 \(entry 100\.00 − 2 ATR\(14\) 2\.00\)/);
});

test('a bracket whose stop filled: the position is gone, the take-profit canceled with it, nothing orphaned', async (t) => {
  const env = execEnv(t);
  const d = deps(env, paperBroker(env));
  setQuote(env, 'AAPL', 100, (env.clock.now += 1000));
  await placeOrder(d, {
    ...order('AAPL', 'buy', 10),
    timeInForce: 'gtc',
    orderClass: 'bracket',
    stopLoss: { stopPrice: 95, limitPrice: null },
    takeProfit: { limitPrice: 110 },
  });
  assert.deepEqual((await reconcileProtection(d, { repair: false, fallbackStopPct: 5 })).findings, []);
  setQuote(env, 'AAPL', 94, (env.clock.now += 1000)); // through the stop
  assert.deepEqual(await d.broker.getPositions(), []);
  const all = await d.broker.listOrders('all');
  const legs = all.flatMap((o) => [o, ...(o.legs ?? [])]).filter((o) => o.side === 'sell');
  assert.deepEqual(legs.map((o) => [o.type, o.status]).sort(), [
    ['limit', 'canceled'],
    ['stop', 'filled'],
  ]);
  const r = await reconcileProtection(d, { repair: true, fallbackStopPct: 5 });
  assert.deepEqual([r.positions, r.findings, r.repairs], [[], [], []]);
});
