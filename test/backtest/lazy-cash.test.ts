/**
 * simulate records cash and position only where they change and expands them on first access:
 * the arrays must equal, bit for bit, the ones the engine wrote on every bar before
 * (symbol-reference.ts), on backtesting.py's GOOG.csv (test/fixtures/backtesting_py/SOURCES.txt)
 * with many trades, costs, a window, finalize on and off, and on a run liquidated out of money.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runBacktest, simulate } from '../../src/lib/backtest/engine.js';
import type { BacktestOptions } from '../../src/lib/backtest/options.js';
import { smaCross, type Strategy } from '../../src/lib/backtest/strategy.js';
import type { BarSeries } from '../../src/lib/types.js';
import { bars, loadGoog, randomTargets, scripted } from './bars.js';
import { eagerCashPosition } from './symbol-reference.js';

const goog = loadGoog();

function assertSameAsEager(series: BarSeries, strategy: Strategy, opts: BacktestOptions, what: string): void {
  const eager = eagerCashPosition(series, strategy, opts);
  const sim = simulate(series, strategy, opts);
  assert.deepStrictEqual(sim.position, eager.position, `${what}: position`);
  assert.deepStrictEqual(sim.cash, eager.cash, `${what}: cash`);
  assert.equal(sim.cash, sim.cash, `${what}: built once`);
  const full = runBacktest(series, strategy, opts);
  assert.deepStrictEqual(full.cash, eager.cash, `${what}: runBacktest cash`);
  assert.deepStrictEqual(full.position, eager.position, `${what}: runBacktest position`);
}

test('lazy cash and position equal the per-bar ones on GOOG, finalize on and off', () => {
  const cases: Array<[string, Strategy, BacktestOptions]> = [
    ['SmaCross 10/30', smaCross({ fast: 10, slow: 30 }), {}],
    [
      'SmaCross 10/30 costs, finalize',
      smaCross({ fast: 10, slow: 30 }),
      { commission: 0.002, slippageBps: 5, finalizeTrades: true },
    ],
    [
      'SmaCross 5/20 long-only, window, finalize',
      smaCross({ fast: 5, slow: 20, longOnly: true }),
      { cash: 50_000, from: '2006-01-01', to: '2010-12-31', finalizeTrades: true },
    ],
    ['random targets, costs', scripted(randomTargets(goog.close.length, 7), 3), { commission: 0.001, slippageBps: 10 }],
    [
      'random targets, costs, finalize',
      scripted(randomTargets(goog.close.length, 8), 3),
      { commission: 0.001, slippageBps: 10, finalizeTrades: true },
    ],
  ];
  for (const [what, strategy, opts] of cases) {
    assert.ok(simulate(goog, strategy, opts).trades.length > 10, `${what}: trades`);
    assertSameAsEager(goog, strategy, opts, what);
  }
});

test('lazy cash and position after an out-of-money liquidation: zero from that bar on', () => {
  // Short 99 @10 (hand-cases.test.ts); bar 3 equity ≤ 0 → liquidated at its close.
  const s = bars('X', [
    [10, 10],
    [10, 10],
    [10, 15],
    [15, 25],
    [25, 30],
  ]);
  for (const finalizeTrades of [false, true]) {
    const opts = { cash: 1000, finalizeTrades };
    const sim = simulate(s, scripted(['hold', 'short']), opts);
    assert.deepEqual(Array.from(sim.position), [0, 0, -99, 0, 0]);
    assert.deepEqual(Array.from(sim.cash), [1000, 1000, 1990, 0, 0]);
    assertSameAsEager(s, scripted(['hold', 'short']), opts, `liquidation, finalize ${finalizeTrades}`);
  }
});
