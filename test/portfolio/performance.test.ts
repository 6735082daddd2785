/**
 * The performance record: one statistics implementation with the backtest (the same curve gives the same
 * figures), and a hand case checked against test/fixtures/performance/reference.py (numpy, backtesting.py's
 * formulas) with the trade figures worked out in the comments.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fixturePath } from '../helpers/tmp.js';
import { parseBarsCsv } from '../../src/lib/market/csv-bars.js';
import { toSeries } from '../../src/lib/bar-columns.js';
import { runBacktest } from '../../src/lib/backtest/engine.js';
import { smaCross } from '../../src/lib/backtest/strategy.js';
import { sessionCurveStats } from '../../src/lib/backtest/curve-stats.js';
import { performanceReport } from '../../src/lib/portfolio/performance.js';
import { roundTrips } from '../../src/lib/portfolio/performance-trades.js';
import type { LedgerFill } from '../../src/lib/store/fills.js';
import { nyDate, nyTime } from '../../src/lib/time.js';

const close = (a: number, b: number, rel = 1e-12): void =>
  assert.ok(Math.abs(a - b) <= rel * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

test('the backtest and the performance record give identical statistics on the same equity curve', () => {
  const text = readFileSync(fixturePath('backtesting_py', 'GOOG.csv'), 'utf8');
  const all = toSeries('GOOG', parseBarsCsv(text, 'GOOG', 'GOOG.csv'));
  const cut = (a: Float64Array) => a.subarray(0, 400);
  const series = {
    ...all,
    ts: cut(all.ts),
    open: cut(all.open),
    high: cut(all.high),
    low: cut(all.low),
    close: cut(all.close),
    volume: cut(all.volume),
  };
  const bt = runBacktest(series, smaCross({ fast: 10, slow: 30 }), { finalizeTrades: true, commission: 0.002 });
  assert.ok(bt.trades.length > 5);
  const viaRecord = sessionCurveStats({
    sessions: Array.from(bt.ts, nyDate),
    equity: bt.equity,
    trades: bt.trades,
    benchmark: series.close,
    benchmarkStart: 30,
  });
  // Same object, bit for bit: every statistic, the trade ones included.
  assert.deepEqual(viaRecord, {
    ...bt.stats,
    'Buy & Hold Return [%]': viaRecord['Buy & Hold Return [%]'],
    'Alpha [%]': viaRecord['Alpha [%]'],
  });
  assert.equal(viaRecord['Sharpe Ratio'], bt.stats['Sharpe Ratio']);
  assert.equal(viaRecord['Calmar Ratio'], bt.stats['Calmar Ratio']);
});

const SESSIONS = ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08'];
const EQUITY = [100000, 101000, 99990, 100989.9, 102000];

function fill(
  id: string,
  symbol: string,
  side: 'buy' | 'sell',
  qty: number,
  price: number,
  session: string,
  commission = 0,
): LedgerFill {
  return {
    id: `${id}:${qty}`,
    clientOrderId: id,
    broker: 'paper',
    symbol,
    side,
    qty,
    price,
    commission,
    realizedPnl: 0,
    ts: nyTime(session, 10),
  };
}

const FILLS = [
  fill('a1', 'AAPL', 'buy', 10, 100, '2024-01-02', 1), // cost 1001, avg 100.1
  fill('m1', 'MSFT', 'buy', 5, 200, '2024-01-03'),
  fill('a2', 'AAPL', 'sell', 10, 110, '2024-01-04', 1), // (110 − 100.1) × 10 − 1 = 98; return 98 / 1001
  fill('m2', 'MSFT', 'sell', 5, 190, '2024-01-05'), // −50; return −50 / 1000 = −5 %
  fill('n1', 'NVDA', 'buy', 1, 500, '2024-01-08'), // still open
];

test('round trips: from flat to flat, PnL and return of the closed shares, both commissions', () => {
  const { closed, open } = roundTrips(FILLS);
  assert.deepEqual(open, ['NVDA']);
  assert.deepEqual(
    closed.map((t) => [t.symbol, t.entrySession, t.exitSession, t.size, t.commission]),
    [
      ['AAPL', '2024-01-02', '2024-01-04', 10, 2],
      ['MSFT', '2024-01-03', '2024-01-05', 5, 0],
    ],
  );
  close(closed[0]!.pnl, 98, 1e-12);
  close(closed[0]!.returnPct, 98 / 1001);
  close(closed[1]!.returnPct, -0.05);
  // A fill past flat closes one trade and opens the next: short 3 @ 50, buy 5 @ 40 → +30 closed, long 2 open.
  const flip = roundTrips([fill('s', 'X', 'sell', 3, 50, '2024-01-02'), fill('b', 'X', 'buy', 5, 40, '2024-01-03')]);
  assert.deepEqual([flip.closed.length, flip.closed[0]!.pnl, flip.open], [1, 30, ['X']]);
});

test('hand case: figures against numpy (reference.py), trades, fees, turnover, drawdown dates, groups', () => {
  const r = performanceReport({
    broker: 'paper',
    marks: SESSIONS.map((session, i) => ({ session, equity: EQUITY[i]!, cash: 0 })),
    equitySource: 'test',
    fills: FILLS,
    strategyOf: (id) => (id.startsWith('a') ? 'daily' : 'cli'),
    benchmark: {
      label: 'SPY buy-and-hold',
      symbols: ['SPY'],
      closes: Float64Array.from([400, 404, 399.96, 403.9596, 408]),
    },
    by: 'symbol',
  });
  const x = r.figures;
  // python3 test/fixtures/performance/reference.py
  close(x.totalReturnPct, 2.0000000000000018, 1e-12);
  close(x.cagrPct, 233.83775872585758, 1e-12);
  close(x.volatilityPct, 55.34513905284527, 1e-10);
  close(x.sharpe, 4.484325386715521, 1e-10);
  close(x.sortino, 31.268448026849278, 1e-10);
  close(x.maxDrawdownPct, -1.0000000000000009, 1e-12);
  close(x.calmar, 248.18561208597444, 1e-10);
  assert.deepEqual(x.maxDrawdown, { peak: '2024-01-03', trough: '2024-01-04', recovery: '2024-01-08' });
  assert.equal(x.trades, 2);
  assert.equal(x.winRatePct, 50);
  close(x.profitFactor, 98 / 1001 / 0.05); // backtesting.py: Σ positive returns / |Σ negative returns|
  close(x.avgWin, 98);
  assert.deepEqual([x.avgLoss, x.fees], [50, 2]);
  close(x.expectancyPct, ((98 / 1001 - 0.05) / 2) * 100);
  assert.equal(x.exposureTimePct, 80); // AAPL sessions 0–2, MSFT 1–3: 4 of 5 sessions
  close(x.turnover, (1000 + 1100 + 1000 + 950 + 500) / (503979.9 / 5)); // traded notional / mean equity
  // The benchmark moved exactly as the record (×1/250): the same figures.
  close(r.benchmark!.figures.sharpe, x.sharpe, 1e-9);
  assert.deepEqual(r.openAtEnd, ['NVDA']);
  assert.deepEqual(
    r.groups!.map((g) => [g.key, g.trades, Math.round(g.pnl * 100) / 100, g.fees]),
    [
      ['AAPL', 1, 98, 2],
      ['MSFT', 1, -50, 0],
      ['NVDA', 0, 0, 0],
    ],
  );
  assert.match(r.cashFlows, /none recorded/);
  const months = performanceReport({ ...baseInput(), by: 'month' }).groups!;
  assert.equal(months.length, 1);
  close(months[0]!.returnPct!, 2.0000000000000018, 1e-12);
  const strategies = performanceReport({ ...baseInput(), by: 'strategy' }).groups!;
  assert.deepEqual(
    strategies.map((g) => [g.key, g.trades]),
    [
      ['cli', 1],
      ['daily', 1],
    ],
  );
});

function baseInput() {
  return {
    broker: 'paper',
    marks: SESSIONS.map((session, i) => ({ session, equity: EQUITY[i]!, cash: 0 })),
    equitySource: 'test',
    fills: FILLS,
    strategyOf: (id: string) => (id.startsWith('a') ? 'daily' : 'cli'),
    benchmark: null,
  };
}

test('fewer than two session marks: a data error naming the snapshot step', () => {
  assert.throws(
    () => performanceReport({ ...baseInput(), marks: [{ session: '2024-01-02', equity: 1, cash: 1 }] }),
    /at least 2.*snapshot/,
  );
});
