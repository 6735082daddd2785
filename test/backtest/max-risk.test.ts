/**
 * MAX_RISK in backtests: an entry costs at most MAX_RISK[strategy] (backtests place no stop, so its whole cost is
 * its loss to the stop); larger all-in entries are sized down to the whole shares that fit, skipped when none does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runBacktest } from '../../src/lib/backtest/engine.js';
import { runPortfolioBacktest } from '../../src/lib/backtest/portfolio-engine.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { bars, scripted } from './bars.js';

const series = () =>
  bars('X', [
    [10, 10],
    [10, 11],
    [12, 13],
    [14, 15],
    [16, 16],
  ]);
const plan = scripted(['hold', 'long', 'hold', 'flat', 'hold']);

test('single symbol: MAX_RISK $500 at a $12 fill → floor(500 / 12) = 41 shares instead of all-in 83', () => {
  const all = runBacktest(series(), plan, { cash: 1000 });
  assert.equal(all.trades[0]?.size, 83); // int(1000 // 12), hand-cases.test.ts
  const capped = runBacktest(series(), plan, { cash: 1000, maxEntryCost: 500 });
  assert.equal(capped.trades[0]?.size, 41); // 41 × 12 = 492 ≤ 500 < 42 × 12 = 504
  // PnL 41 × (16 − 12) = 164; the $508 not invested stays cash: equity at the end 1000 + 164
  assert.equal(capped.trades[0]?.pnl, 164);
  assert.equal(capped.equity.at(-1), 1164);
  // a cap above the all-in cost changes nothing; one below a share's price skips the entry
  assert.deepEqual(
    Array.from(runBacktest(series(), plan, { cash: 1000, maxEntryCost: 5000 }).equity),
    Array.from(all.equity),
  );
  assert.equal(runBacktest(series(), plan, { cash: 1000, maxEntryCost: 11.99 }).trades.length, 0);
});

test('slippage counts: a 100 bps fill of 12.12 gets floor(500 / 12.12) = 41 shares, and a short is capped alike', () => {
  assert.equal(runBacktest(series(), plan, { cash: 1000, maxEntryCost: 500, slippageBps: 100 }).trades[0]?.size, 41);
  const short = scripted(['hold', 'short', 'hold', 'flat', 'hold']);
  assert.equal(runBacktest(series(), short, { cash: 1000, maxEntryCost: 240 }).trades[0]?.size, -20); // 20 × 12 = 240
});

test('portfolio: each entry is capped on its own', () => {
  const a = series();
  const b = { ...series(), symbol: 'Y' };
  const r = runPortfolioBacktest([a, b], plan, { cash: 2000, maxEntryCost: 300 });
  // all-in would put 1000 in each (83 shares); the cap allows floor(300 / 12) = 25 each
  assert.deepEqual(
    r.trades.map((t) => [t.symbol, t.size]),
    [
      ['X', 25],
      ['Y', 25],
    ],
  );
});

test('CLI: MAX_RISK=buy_hold=1000 applies to `backtest --strategy buy_hold` only', async (t) => {
  const cwd = tempDir(t);
  assert.equal((await runCli(['collect', '--symbols', 'AAPL', '--days', '60'], { cwd })).code, 0);
  const run = async (env: Record<string, string>, strategy = 'buy_hold') => {
    const r = await runCli(['backtest', '--symbols', 'AAPL', '--strategy', strategy, '--finalize-trades', '--json'], {
      cwd,
      env,
    });
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as { trades: Array<{ size: number; entryPrice: number }> };
  };
  const capped = (await run({ MAX_RISK: 'buy_hold=1000' })).trades[0]!;
  assert.ok(
    capped.size * capped.entryPrice <= 1000 && (capped.size + 1) * capped.entryPrice > 1000,
    JSON.stringify(capped),
  );
  const other = (await run({ MAX_RISK: 'model=1000' })).trades[0]!;
  assert.ok(other.size * other.entryPrice > 9000, 'another strategy tag leaves the all-in size');
});
