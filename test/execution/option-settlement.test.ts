/**
 * `broker sync` on the paper broker: the simulator's option settlement records (expiry:/exercise:, written at the
 * expiry session's close, broker/paper-option-work.ts) are recorded as exits, reported as updates, not as orders
 * placed outside ats. The condor of test/helpers/paper-condor.ts (90/95/105/110, SPY closing at 100 or 101 on
 * 16 May 2025): every leg out of the money, so four expiry records at 0 and no exercise.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionClose } from '../../src/lib/market/calendar.js';
import { placeOrder } from '../../src/lib/execution/place-order.js';
import { syncBroker } from '../../src/lib/execution/sync.js';
import { listOrders } from '../../src/lib/store/orders.js';
import { condorOrder, seedSyntheticSpy } from '../helpers/paper-condor.js';
import { deps, execEnv, paperBroker } from '../broker/exec-helpers.js';

test('sync records the paper settlement of an expired condor as exits and reports no difference', async (t) => {
  const env = execEnv(t);
  seedSyntheticSpy(env.store);
  env.clock.now = sessionClose('2025-04-15') + 60_000;
  const broker = paperBroker(env, { optionsRate: 0.04 });
  const { clientOrderId: _, ...order } = condorOrder('');
  const placed = await placeOrder(deps(env, broker), {
    ...order,
    runId: 'settle',
    source: 'test',
    optionGate: { strategy: 'iron_condor', maxLoss: 438 },
  });
  assert.equal(placed.order.status, 'filled');
  env.clock.now = sessionClose('2025-05-16') + 60_000;
  const report = await syncBroker(deps(env, broker));
  assert.deepEqual(report.differences, []);
  assert.equal(
    report.updates.filter((u) => /^order expiry:SPY250516.*: option settlement; recorded$/.test(u)).length,
    4,
  );
  const settled = listOrders(env.store, 'paper').filter((o) => o.source === 'settlement');
  assert.deepEqual(
    settled.map((o) => [o.clientOrderId, o.side, o.intent, o.status, o.filledAvgPrice]).sort(),
    [
      ['expiry:SPY250516C00105000', 'buy', 'exit', 'filled', 0],
      ['expiry:SPY250516C00110000', 'sell', 'exit', 'filled', 0],
      ['expiry:SPY250516P00090000', 'sell', 'exit', 'filled', 0],
      ['expiry:SPY250516P00095000', 'buy', 'exit', 'filled', 0],
    ].sort(),
  );
});
