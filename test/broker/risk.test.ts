/** Every order passes the risk check first (src/lib/risk, tested on its own in test/risk): here, end to end. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BrokerError, ExitCode } from '../../src/lib/errors.js';
import { placeOrder } from '../../src/lib/execution/place-order.js';
import { listOrders } from '../../src/lib/store/orders.js';
import { deps, execEnv, order, paperBroker, setQuote, setSector } from './exec-helpers.js';

test('an order too large for the symbol limit is refused, recorded with the rule and numbers, and exits 5', async (t) => {
  const env = execEnv(t);
  setQuote(env, 'AAPL', 100);
  setSector(env, 'AAPL', 'Information Technology');
  const d = deps(env, paperBroker(env, { startingCash: 100_000 }));
  // 60 × 100 = 6 000 = 6 % of 100 000 equity > the 5 % symbol limit (DEFAULT_RISK_LIMITS.maxSymbolPct)
  await assert.rejects(placeOrder(d, order('AAPL', 'buy', 60)), (e: unknown) => {
    assert.ok(e instanceof BrokerError);
    assert.equal(e.exitCode, ExitCode.broker);
    assert.match(e.message, /symbol limit: AAPL would be 6% of equity \(\$6,000 of \$100,000\), limit 5%/);
    return true;
  });
  const [row] = listOrders(env.store, 'paper');
  assert.equal(row?.status, 'refused');
  assert.match(row?.reason ?? '', /^symbol limit: AAPL would be 6% of equity/); // the rule named once, not "symbol: symbol"
  assert.match(readFileSync(join(env.reportsDir, 'orders.csv'), 'utf8'), /,refused,0,,"symbol limit: AAPL/);
  // 50 × 100 = 5 000 = exactly 5 %: allowed
  assert.equal((await placeOrder(d, order('AAPL', 'buy', 50, 'r2'))).order.status, 'filled');
});

test('daily loss stop: past 5 % below the start of day, entries are refused and exits still go', async (t) => {
  const env = execEnv(t);
  for (const s of ['AAPL', 'MSFT', 'XOM']) setQuote(env, s, 100);
  const d = deps(env, paperBroker(env, { startingCash: 10_000 }));
  // Larger symbol limits so a small account can hold enough for the loss to matter.
  d.limits = { maxSymbolPct: 60, maxSectorPct: 100, maxAssetClassPct: 100 };
  await placeOrder(d, order('AAPL', 'buy', 50)); // 5 000; start-of-day equity recorded as 10 000
  setQuote(env, 'AAPL', 88, (env.clock.now += 1)); // equity 5 000 + 50 × 88 = 9 400: 6 % down
  await assert.rejects(
    placeOrder(d, order('MSFT', 'buy', 1)),
    /daily loss limit: equity \$9,400 is 6% below the start of day \(\$10,000\), limit 5%/,
  );
  env.clock.now += 1; // the ledger lists in time order
  const exit = await placeOrder(d, order('AAPL', 'sell', 50));
  assert.deepEqual([exit.order.intent, exit.order.status], ['exit', 'filled']);
  assert.deepEqual(
    listOrders(env.store, 'paper').map((o) => [o.symbol, o.status]),
    [
      ['AAPL', 'filled'],
      ['MSFT', 'refused'],
      ['AAPL', 'filled'],
    ],
  );
});
