/**
 * Properties every run must keep, on real bars (backtesting.py's GOOG.csv, see
 * test/fixtures/backtesting_py/SOURCES.txt): no look-ahead, and the accounting identities.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runBacktest } from '../../src/lib/backtest/engine.js';
import { smaCross, signalStrategy } from '../../src/lib/backtest/strategy.js';
import type { BarSeries } from '../../src/lib/types.js';
import { assertClose, loadGoog, randomTargets, scripted } from './bars.js';

/** A copy of `s` with every bar after t replaced by a distorted price path. */
function distortAfter(s: BarSeries, t: number, factor: number): BarSeries {
  const c = { ...s, open: s.open.slice(), high: s.high.slice(), low: s.low.slice(), close: s.close.slice() };
  for (let i = t + 1; i < c.close.length; i++) {
    const f = factor * (1 + 0.3 * Math.sin(i));
    c.open[i]! *= f;
    c.high[i]! *= f * 1.1;
    c.low[i]! *= f * 0.9;
    c.close[i]! *= f;
  }
  return c;
}

test('no look-ahead: changing bars after t changes nothing decided at or before t', () => {
  const goog = loadGoog();
  const strategies = [smaCross({ fast: 10, slow: 30 }), smaCross({ fast: 5, slow: 20, longOnly: true })];
  for (const strategy of strategies) {
    const base = runBacktest(goog, strategy, { commission: 0.002 });
    for (const t of [40, 300, 1000, 1700, 2100]) {
      for (const factor of [0.5, 1.7]) {
        const other = runBacktest(distortAfter(goog, t, factor), strategy, { commission: 0.002 });
        const what = `${strategy.name} t=${t} ×${factor}`;
        assert.deepEqual(
          Array.from(other.equity.subarray(0, t + 1)),
          Array.from(base.equity.subarray(0, t + 1)),
          `${what} equity`,
        );
        // Trades that exited by bar t were decided and filled on unchanged bars.
        const settled = (r: typeof base) => r.trades.filter((x) => x.exitBar <= t);
        assert.deepEqual(settled(other), settled(base), `${what} trades`);
        // The decision taken on bar t is the same: the position after bar t+1's fill has the same side.
        assert.equal(Math.sign(other.position[t + 1]!), Math.sign(base.position[t + 1]!), `${what} side after t+1`);
      }
    }
  }
});

test('no look-ahead in the distortion test itself: distorting from t−1 does change the result', () => {
  // Guards the test above against passing vacuously.
  const goog = loadGoog();
  const base = runBacktest(goog, smaCross({ fast: 10, slow: 30 }));
  const other = runBacktest(distortAfter(goog, 999, 1.7), smaCross({ fast: 10, slow: 30 }));
  assert.notDeepEqual(Array.from(other.equity.subarray(0, 1001)), Array.from(base.equity.subarray(0, 1001)));
});

test('accounting: equity = cash + shares × close at every bar; trade PnL sums to the profit', () => {
  const goog = loadGoog();
  for (const seed of [1, 2, 3]) {
    for (const opts of [{}, { commission: 0.001, slippageBps: 5 }, { commission: 0.01, slippageBps: 25 }]) {
      const r = runBacktest(goog, scripted(randomTargets(goog.close.length, seed)), { ...opts, finalizeTrades: true });
      const what = `seed ${seed} ${JSON.stringify(opts)}`;
      assert.ok(r.trades.length > 50, `${what}: enough trades to mean something (${r.trades.length})`);
      for (let i = 0; i < r.equity.length; i++) {
        assertClose(r.equity[i]!, r.cash[i]! + r.position[i]! * goog.close[i]!, `${what} bar ${i}`, 1e-12);
      }
      const pnl = r.trades.reduce((a, t) => a + t.pnl, 0);
      assertClose(pnl, r.equity[r.equity.length - 1]! - 10_000, `${what} ΣPnL`, 1e-10);
      assertClose(r.stats['Profit [$]'], pnl, `${what} Profit [$]`, 1e-10);
      // Each trade's commission is the rate times traded value at entry and exit.
      const rate = (opts as { commission?: number }).commission ?? 0;
      for (const t of r.trades) {
        assertClose(t.commission, Math.abs(t.size) * (t.entryPrice + t.exitPrice) * rate, `${what} commission`, 1e-12);
        assertClose(t.pnl, t.size * (t.exitPrice - t.entryPrice) - t.commission, `${what} trade pnl`, 1e-12);
      }
    }
  }
});

test('signal strategy: long while p ≥ threshold, flat below; never short', () => {
  const goog = loadGoog();
  const p = new Float64Array(goog.close.length);
  for (let i = 0; i < p.length; i++) p[i] = i < 5 ? Number.NaN : 0.5 + 0.5 * Math.sin(i / 7);
  const r = runBacktest(goog, signalStrategy(p, 0.6), { finalizeTrades: true });
  assert.ok(r.trades.length > 10);
  for (const t of r.trades) {
    assert.ok(t.size > 0, 'long only');
    assert.ok(p[t.entryBar - 1]! >= 0.6, `entered after p ≥ 0.6 at bar ${t.entryBar - 1}`);
    if (t.exitBar < p.length - 1) assert.ok(p[t.exitBar - 1]! < 0.6, `left after p < 0.6 at bar ${t.exitBar - 1}`);
  }
});

test('simulate (no statistics, trade records built on access) agrees with runBacktest', async () => {
  const { simulate } = await import('../../src/lib/backtest/engine.js');
  const goog = loadGoog();
  const opts = { commission: 0.001, finalizeTrades: true };
  const full = runBacktest(goog, smaCross({ fast: 10, slow: 30 }), opts);
  const sim = simulate(goog, smaCross({ fast: 10, slow: 30 }), opts);
  assert.deepEqual(Array.from(sim.equity), Array.from(full.equity));
  assert.deepEqual(sim.trades, full.trades);
  assert.equal(sim.trades, sim.trades, 'built once');
  assert.deepEqual((JSON.parse(JSON.stringify(sim)) as typeof sim).trades, JSON.parse(JSON.stringify(full.trades)));
});
