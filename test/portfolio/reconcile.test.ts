/**
 * PnL through the whole path (paper broker → ledger fills → positions → reports/pnl.csv), to the cent, by hand:
 *   buy 10 @ 100, buy 10 @ 110 → 20 @ avg 105
 *   sell 5 @ 120              → realized (120 − 105) × 5 = 75
 *   buy 5 @ 99                → 20 @ (15 × 105 + 5 × 99) / 20 = 103.5
 *   portfolio close @ market 101.1 → realized (101.1 − 103.5) × 20 = −48
 *   MSFT: short 4 @ 50, close with a limit at 45 filled at 45 → (50 − 45) × 4 = 20
 *   total 75 − 48 + 20 = 47
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { placeOrder } from '../../src/lib/execution/place-order.js';
import { closePosition, ledgerPositions, loadPortfolio } from '../../src/lib/portfolio/service.js';
import { totalRealized } from '../../src/lib/positions.js';
import { listFills } from '../../src/lib/store/fills.js';
import { insertSnapshot, listSnapshots } from '../../src/lib/store/snapshots.js';
import { deps, execEnv, order, paperBroker, setQuote } from '../broker/exec-helpers.js';

function pnlCsv(reportsDir: string): Array<Record<string, string>> {
  const [header, ...lines] = readFileSync(join(reportsDir, 'pnl.csv'), 'utf8').trim().split('\n');
  const cols = header!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i]!, v])));
}

test('realized PnL in the store and in reports/pnl.csv agree to the cent with the hand computation', async (t) => {
  const env = execEnv(t);
  const d = deps(env, paperBroker(env, { startingCash: 1_000_000 }));
  const at = (symbol: string, price: number) => setQuote(env, symbol, price, (env.clock.now += 1000));
  at('AAPL', 100);
  await placeOrder(d, order('AAPL', 'buy', 10, 'a1'));
  at('AAPL', 110);
  await placeOrder(d, order('AAPL', 'buy', 10, 'a2'));
  at('AAPL', 120);
  await placeOrder(d, order('AAPL', 'sell', 5, 'a3'));
  at('AAPL', 99);
  await placeOrder(d, order('AAPL', 'buy', 5, 'a4'));
  assert.equal(ledgerPositions(d).get('AAPL')?.avgCost, 103.5);
  at('AAPL', 101.1);
  const closed = await closePosition(d, 'AAPL');
  assert.deepEqual(
    [closed.order.side, closed.order.qty, closed.order.intent, closed.order.status],
    ['sell', 20, 'exit', 'filled'],
  );

  at('MSFT', 50);
  await placeOrder(d, order('MSFT', 'sell', 4, 'm1'));
  const limitClose = await closePosition(d, 'MSFT', { price: 45 });
  assert.equal(limitClose.order.status, 'new'); // buy limit 45 under a 50 market: rests
  at('MSFT', 45); // touches 45: the resting buy limit fills at 45 on the next refresh
  const v = await loadPortfolio(d);
  assert.deepEqual(v.rows, []);

  const storeRealized = totalRealized(ledgerPositions(d).values());
  assert.equal(Math.round(storeRealized * 100) / 100, 47);
  const rows = pnlCsv(env.reportsDir);
  assert.deepEqual(
    rows.map((r) => [r.source, r.symbol, r.side, r.qty, r.entry_price, r.exit_price, r.pnl]),
    [
      ['portfolio', 'AAPL', 'long', '5', '105', '120', '75'],
      ['portfolio', 'AAPL', 'long', '20', '103.5', '101.1', '-48'],
      ['portfolio', 'MSFT', 'short', '4', '50', '45', '20'],
    ],
  );
  const csvSum = rows.reduce((s, r) => s + Number(r.pnl), 0);
  assert.equal(Math.round(csvSum * 100), Math.round(storeRealized * 100));
  assert.equal(
    listFills(env.store, 'paper')
      .reduce((s, f) => s + f.realizedPnl, 0)
      .toFixed(2),
    '47.00',
  );
});

test('a snapshot is taken once per session: the second adds nothing', async (t) => {
  const env = execEnv(t);
  const d = deps(env, paperBroker(env));
  setQuote(env, 'AAPL', 100);
  await placeOrder(d, order('AAPL', 'buy', 3));
  const v = await loadPortfolio(d);
  assert.equal(insertSnapshot(env.store, 'paper', '2025-03-04', v.rows, v.realized, env.clock.now), 1);
  assert.equal(insertSnapshot(env.store, 'paper', '2025-03-04', v.rows, v.realized, env.clock.now), 0);
  assert.equal(insertSnapshot(env.store, 'paper', '2025-03-05', v.rows, v.realized, env.clock.now), 1);
  assert.deepEqual(
    listSnapshots(env.store, 'paper').map((r) => [r.session, r.symbol, r.qty, r.marketValue]),
    [
      ['2025-03-04', 'AAPL', 3, 300],
      ['2025-03-05', 'AAPL', 3, 300],
    ],
  );
});
