/**
 * Hand-computed cases of a few bars. Conventions under test (backtesting.py 0.6.6,
 * backtesting/backtesting.py `Backtest.run` and `_Broker._process_orders`): the first decision is
 * on bar warmup+1 = 1; a decision on bar t's close fills at bar t+1's open; an all-in order buys
 * int(cash × (1 − 2^−52) // (price + commission per share)) shares.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runBacktest } from '../../src/lib/backtest/engine.js';
import { assertClose, bars, scripted } from './bars.js';

test('decision on bar 1 fills at bar 2 open; flat on bar 3 exits at bar 4 open', () => {
  const s = bars('X', [
    [10, 10],
    [10, 11],
    [12, 13],
    [14, 15],
    [16, 16],
  ]);
  const r = runBacktest(s, scripted(['hold', 'long', 'hold', 'flat', 'hold']), { cash: 1000 });
  // shares = int(1000·(1−2^−52) // 12) = 83 (83·12 = 996); cash left 4.
  // equity: bars 0–1 = 1000; bar 2 = 4 + 83·13 = 1083; bar 3 = 4 + 83·15 = 1249; bar 4 = 4 + 83·16 = 1332.
  assert.deepEqual(Array.from(r.equity), [1000, 1000, 1083, 1249, 1332]);
  assert.deepEqual(Array.from(r.position), [0, 0, 83, 83, 0]);
  assert.deepEqual(Array.from(r.cash), [1000, 1000, 4, 4, 1332]);
  assert.equal(r.trades.length, 1);
  const t = r.trades[0]!;
  // PnL = 83·(16 − 12) = 332; return = 16/12 − 1; two calendar days from 2024-01-03 to 2024-01-05.
  assert.deepEqual(
    {
      size: t.size,
      entryBar: t.entryBar,
      exitBar: t.exitBar,
      entryPrice: t.entryPrice,
      exitPrice: t.exitPrice,
      pnl: t.pnl,
    },
    { size: 83, entryBar: 2, exitBar: 4, entryPrice: 12, exitPrice: 16, pnl: 332 },
  );
  assert.equal(t.returnPct, 16 / 12 - 1);
  assert.equal(t.entryTime, '2024-01-03');
  assert.equal(t.exitTime, '2024-01-05');
  assert.equal(t.duration, 2);
});

test('a decision on bar 0 is ignored (backtesting.py starts at bar 1), as is one on the last bar', () => {
  const s = bars('X', [
    [10, 10],
    [10, 10],
    [10, 10],
  ]);
  const r = runBacktest(s, scripted(['long', 'hold', 'long']), { cash: 1000 });
  assert.equal(r.trades.length, 0);
  assert.equal(r.openPosition, null);
  assert.deepEqual(Array.from(r.equity), [1000, 1000, 1000]);
});

test('commission is a fraction of traded value on entry and on exit', () => {
  const s = bars('X', [
    [100, 100],
    [100, 100],
    [100, 110],
    [110, 110],
    [120, 120],
  ]);
  const r = runBacktest(s, scripted(['hold', 'long', 'hold', 'flat']), { cash: 1000, commission: 0.01 });
  // Per share 100 + 1% = 101 → int(999.99… // 101) = 9 shares; entry commission 9·100·0.01 = 9.
  // Cash 1000 − 900 − 9 = 91; bar 2 equity = 91 + 9·110 = 1081.
  // Exit at 120: commission 9·120·0.01 = 10.8; PnL = 9·20 − (10.8 + 9) = 160.2; final 1160.2.
  // Return = 120/100 − 1 − 19.8/(9·100) = 0.178.
  const t = r.trades[0]!;
  assert.equal(t.size, 9);
  assertClose(t.commission, 19.8, 'commission');
  assertClose(t.pnl, 160.2, 'pnl');
  assertClose(t.returnPct, 0.178, 'return');
  assertClose(r.equity[2]!, 1081, 'equity bar 2');
  assertClose(r.cash[2]!, 91, 'cash bar 2');
  assertClose(r.equity[4]!, 1160.2, 'final equity');
  assertClose(r.stats['Commissions [$]'], 19.8, 'Commissions [$]');
});

test('short: exact division still buys one unit less, gains when price falls', () => {
  const s = bars('X', [
    [50, 50],
    [50, 50],
    [50, 48],
    [44, 40],
    [45, 45],
  ]);
  const r = runBacktest(s, scripted(['hold', 'short', 'hold', 'flat']), { cash: 1000 });
  // int(1000·(1−2^−52) // 50) = 19 (not 20): size −19 at 50.
  // Equity bar 2 = 1000 + (−19)·(48 − 50) = 1038; bar 3 = 1000 + 19·10 = 1190.
  // Cover at bar 4 open 45: PnL = −19·(45 − 50) = 95; final 1095.
  const t = r.trades[0]!;
  assert.equal(t.size, -19);
  assert.equal(t.pnl, 95);
  assert.equal(t.returnPct, -(45 / 50 - 1));
  assert.deepEqual(Array.from(r.equity), [1000, 1000, 1038, 1190, 1095]);
  // Short-sale proceeds sit in cash: bar 3 cash = 1000 + 19·50 = 1950, position −19.
  assert.equal(r.cash[3], 1950);
  assert.equal(r.position[3], -19);
});

test('reversal closes the long then shorts with the new cash; finalize closes at the last open', () => {
  const rows = [
    [10, 10],
    [10, 10],
    [10, 11],
    [11, 12],
    [12, 12.5],
    [11.5, 11],
  ] as const;
  const strategy = scripted(['hold', 'long', 'hold', 'short', 'hold', 'hold']);
  // Long 99 @10 (int(999.99… // 10) = 99); at bar 4 open 12 sell them: PnL 99·2 = 198 → cash 1198.
  // Short int(1198·(1−2^−52) // 12) = 99 @12. Bar 4 equity = 1198 + (−99)(12.5 − 12) = 1148.5.
  const open = runBacktest(bars('X', rows), strategy, { cash: 1000 });
  assert.deepEqual(
    open.trades.map((t) => [t.size, t.entryBar, t.exitBar, t.pnl]),
    [[99, 2, 4, 198]],
  );
  assert.equal(open.equity[4], 1148.5);
  // Without finalize the short stays open, valued at the last close 11: 1198 + 99 = 1297.
  assert.equal(open.equity[5], 1297);
  assert.deepEqual(
    open.openPosition && [open.openPosition.size, open.openPosition.entryPrice, open.openPosition.unrealizedPnl],
    [-99, 12, 99],
  );
  assert.equal(open.stats['# Trades'], 1);
  // With finalize the short is covered at bar 5's open 11.5: PnL −99·(11.5 − 12) = 49.5 → 1247.5.
  const fin = runBacktest(bars('X', rows), strategy, { cash: 1000, finalizeTrades: true });
  assert.deepEqual(
    fin.trades.map((t) => [t.size, t.entryBar, t.exitBar, t.pnl]),
    [
      [99, 2, 4, 198],
      [-99, 4, 5, 49.5],
    ],
  );
  assert.equal(fin.equity[5], 1247.5);
  assert.equal(fin.openPosition, null);
  assert.equal(fin.stats['# Trades'], 2);
});

test('slippage in bps moves every fill against the trader', () => {
  const s = bars('X', [
    [100, 100],
    [100, 100],
    [100, 105],
    [110, 110],
    [110, 110],
  ]);
  const r = runBacktest(s, scripted(['hold', 'long', 'hold', 'flat']), { cash: 1000, slippageBps: 50 });
  // Buy at 100·1.005 = 100.5 → int(999.99… // 100.5) = 9 shares.
  // Sell at 110·0.995 = 109.45 → PnL = 9·(109.45 − 100.5) = 80.55; final 1080.55.
  const t = r.trades[0]!;
  assert.equal(t.size, 9);
  assertClose(t.entryPrice, 100.5, 'entry');
  assertClose(t.exitPrice, 109.45, 'exit');
  assertClose(t.pnl, 80.55, 'pnl');
  assertClose(r.equity[4]!, 1080.55, 'final equity');
});

test('a buy that cannot afford one share is cancelled', () => {
  const s = bars('X', [
    [10, 10],
    [10, 10],
    [2000, 2000],
    [2000, 2000],
  ]);
  const r = runBacktest(s, scripted(['hold', 'long']), { cash: 1000 });
  assert.equal(r.trades.length, 0);
  assert.equal(r.openPosition, null);
  assert.deepEqual(Array.from(r.equity), [1000, 1000, 1000, 1000]);
});

test('out of money: a short that loses everything is liquidated at the close and the run stops', () => {
  const s = bars('X', [
    [10, 10],
    [10, 10],
    [10, 15],
    [15, 25],
    [25, 30],
  ]);
  const r = runBacktest(s, scripted(['hold', 'short']), { cash: 1000 });
  // Short 99 @10; bar 3 equity = 1000 − 99·15 = −485 ≤ 0 → closed at 25, equity 0 from then on.
  assert.deepEqual(Array.from(r.equity), [1000, 1000, 505, 0, 0]);
  assert.deepEqual(
    r.trades.map((t) => [t.size, t.exitBar, t.exitPrice]),
    [[-99, 3, 25]],
  );
});

test('from/to restrict the traded window while indicators warm up on earlier bars', () => {
  const s = bars('X', [
    [10, 10],
    [10, 10],
    [10, 11],
    [12, 13],
    [14, 15],
    [16, 16],
  ]);
  const r = runBacktest(s, scripted(['hold', 'hold', 'long', 'hold', 'flat']), {
    cash: 1000,
    from: '2024-01-03',
    to: '2024-01-06',
  });
  // Window = bars 2..5 (window bars 0..3); decisions from window bar 1 (bar 3) on: the bar-2 "long"
  // is before the first decision bar, so only the bar-4 "flat" would act — nothing is held.
  assert.equal(r.ts.length, 4);
  assert.equal(r.trades.length, 0);
  const r2 = runBacktest(s, scripted(['hold', 'hold', 'hold', 'long', 'flat']), { cash: 1000, from: '2024-01-03' });
  // Long decided on bar 3 → 71 shares @14 (int(999.99… // 14) = 71), exit at bar 5 open 16: PnL 142.
  assert.deepEqual(
    r2.trades.map((t) => [t.size, t.entryBar, t.exitBar, t.pnl]),
    [[71, 2, 3, 142]],
  );
});
