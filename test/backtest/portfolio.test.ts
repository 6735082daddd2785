/** Multi-symbol portfolio engine: shared cash, equal weight, union calendar. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runBacktest } from '../../src/lib/backtest/engine.js';
import { runPortfolioBacktest } from '../../src/lib/backtest/portfolio-engine.js';
import { buyHold, smaCross } from '../../src/lib/backtest/strategy.js';
import { unionCalendar } from '../../src/lib/backtest/union-calendar.js';
import type { BarSeries } from '../../src/lib/types.js';
import { assertClose, bars, loadGoog, randomTargets, scripted } from './bars.js';

test('a one-symbol portfolio reproduces the single-symbol engine (GOOG, SmaCross 10/30, costs)', () => {
  const goog = loadGoog();
  const opts = { commission: 0.002, slippageBps: 3, finalizeTrades: true };
  const single = runBacktest(goog, smaCross({ fast: 10, slow: 30 }), opts);
  const port = runPortfolioBacktest([goog], smaCross({ fast: 10, slow: 30 }), opts);
  assert.ok(single.trades.length > 50);
  assert.deepEqual(port.trades, single.trades);
  for (let i = 0; i < single.equity.length; i++) assertClose(port.equity[i]!, single.equity[i]!, `equity ${i}`);
  assert.equal(port.perSymbol.GOOG!.trades.length, single.trades.length);
  assertClose(port.stats['Sharpe Ratio'], single.stats['Sharpe Ratio'], 'Sharpe');
});

test('union calendar maps each symbol to its own bars', () => {
  const a = bars(
    'A',
    [
      [1, 1],
      [1, 1],
      [1, 1],
    ],
    '2024-01-01',
  ); // 01-01..01-03
  const b = bars(
    'B',
    [
      [1, 1],
      [1, 1],
    ],
    '2024-01-03',
  ); // 01-03..01-04
  const cal = unionCalendar([a, b]);
  assert.equal(cal.ts.length, 4);
  assert.deepEqual(Array.from(cal.slotOf[0]!), [0, 1, 2]);
  assert.deepEqual(Array.from(cal.slotOf[1]!), [2, 3]);
});

test('equal weight with shared cash over a calendar gap (hand-computed)', () => {
  // A trades every day 01..05; B has no bar on 01-03. Both decide "long" on their bar 1 (01-02).
  const a = bars(
    'A',
    [
      [10, 10],
      [10, 10],
      [10, 11],
      [12, 12],
      [12, 12],
    ],
    '2024-01-01',
  );
  const b = bars(
    'B',
    [
      [20, 20],
      [20, 20],
      [22, 24],
      [25, 25],
    ],
    '2024-01-01',
  );
  b.ts[2] = a.ts[3]!; // B's bars: 01-01, 01-02, 01-04, 01-05
  b.ts[3] = a.ts[4]!;
  const r = runPortfolioBacktest([a, b], buyHold(), { cash: 1000, finalizeTrades: true });
  // 01-03 open: A gets equity/2 = 500 → int(499.99… // 10) = 49 shares, cash 1000 − 490 = 510.
  //   B has no bar that day; its order waits for its next open.
  // 01-03 close: 510 + 49·11 = 1049.
  // 01-04 open: equity 510 + 49·12 = 1098, half = 549, but only 510 is free cash → int(509.99… // 22) = 23 B, cash 4.
  // 01-04 close: 4 + 49·12 + 23·24 = 1144; 01-05 close: 4 + 588 + 575 = 1167.
  // Finalize at 01-05 opens: A +49·2 = 98, B +23·3 = 69 → 1167.
  assert.deepEqual(Array.from(r.equity), [1000, 1000, 1049, 1144, 1167]);
  assert.deepEqual(Array.from(r.cash), [1000, 1000, 510, 4, 1167]);
  assert.deepEqual(
    r.trades.map((t) => [t.symbol, t.size, t.entryBar, t.exitBar, t.entryPrice, t.exitPrice, t.pnl]),
    [
      ['A', 49, 2, 4, 10, 12, 98],
      ['B', 23, 3, 4, 22, 25, 69],
    ],
  );
  assert.equal(r.perSymbol.A!.pnl, 98);
  assert.equal(r.perSymbol.B!.pnl, 69);
  assert.deepEqual(r.stats['Trades per Symbol'], { A: 1, B: 1 });
});

function shifted(s: BarSeries, symbol: string, skip: number, scale: number): BarSeries {
  const keep = (a: Float64Array) => a.filter((_, i) => i % 7 !== skip);
  const scaled = (a: Float64Array) => keep(a).map((x) => x * scale);
  return {
    symbol,
    ts: keep(s.ts),
    open: scaled(s.open),
    high: scaled(s.high),
    low: scaled(s.low),
    close: scaled(s.close),
    volume: keep(s.volume),
  };
}

test('portfolio accounting: trade PnL sums to the profit, per symbol and in total', () => {
  const goog = loadGoog();
  const list = [shifted(goog, 'G1', 1, 1), shifted(goog, 'G2', 3, 0.25), shifted(goog, 'G3', 5, 3)];
  const plan = scripted(randomTargets(goog.close.length, 7));
  const r = runPortfolioBacktest(list, plan, {
    commission: 0.001,
    slippageBps: 10,
    finalizeTrades: true,
    cash: 100_000,
  });
  assert.ok(r.trades.length > 100);
  const total = r.trades.reduce((acc, t) => acc + t.pnl, 0);
  assertClose(total, r.equity[r.equity.length - 1]! - 100_000, 'ΣPnL', 1e-10);
  const bySymbol = Object.values(r.perSymbol).reduce((acc, s) => acc + s.pnl, 0);
  assertClose(bySymbol, total, 'Σ per-symbol PnL', 1e-12);
  assert.ok(
    r.trades.some((t) => t.size < 0),
    'shorts happen',
  );
  assert.equal(r.ts.length, goog.ts.length);
});
