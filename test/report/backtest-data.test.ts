/** The chart payload of the backtest report on hand-made inputs, every expected value worked out by hand. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildReportPayload,
  COLORS,
  type BacktestReportInput,
  type ReportTrade,
} from '../../src/lib/report/backtest-data.js';
import { nyMidnight, nyTime } from '../../src/lib/time.js';
import type { BarSeries } from '../../src/lib/types.js';

function series(symbol: string, ts: number[], closes: number[]): BarSeries {
  const f = (d: number): Float64Array => Float64Array.from(closes, (c) => c + d);
  return {
    symbol,
    ts: Float64Array.from(ts),
    open: f(-0.5),
    high: f(1),
    low: f(-1),
    close: f(0),
    volume: f(0).fill(100),
  };
}

const trade = (symbol: string, size: number, entryTime: string, exitTime: string, pnl: number): ReportTrade => ({
  symbol,
  size,
  entryTime,
  exitTime,
  entryPrice: 10,
  exitPrice: 11,
  pnl,
  returnPct: 0.1,
  duration: 1,
});

const days = ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05'].map(nyMidnight);

function input(over: Partial<BacktestReportInput>): BacktestReportInput {
  return {
    runId: 'bt-test',
    title: 't',
    params: {},
    bars: [],
    equity: {
      ts: Float64Array.from(days),
      equity: Float64Array.from([10_000, 9_000, 9_500, 10_200]),
      buyHold: Float64Array.from([5_000, 5_100, 5_200, 5_300]),
      drawdown: Float64Array.from([0, 0.1, 0.05, 0]),
    },
    stats: {},
    trades: [],
    ...over,
  };
}

test('daily portfolio: business-day times, whitespace for missing bars, markers snapped to the symbol’s bars', () => {
  // B has no bar on 2024-01-04: its trade exits that day (forced on the union calendar) and the dot sits on 01-03.
  const a = series('A', days, [100, 101, 102, 103]);
  const b = series('B', [days[0]!, days[1]!, days[3]!], [50, 51, 53]);
  const p = buildReportPayload(
    input({
      bars: [
        { symbol: 'A', series: a },
        { symbol: 'B', series: b },
      ],
      trades: [trade('B', 5, '2024-01-03', '2024-01-04', 7.4), trade('A', -10, '2024-01-02', '2024-01-05', -12.4)],
    }),
  );
  assert.equal(p.daily, true);
  assert.deepEqual(p.time, ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05']);
  assert.deepEqual(p.candles.B!.close, [50, 51, null, 53]);
  assert.deepEqual(p.candles.A!.high, [101, 102, 103, 104]);
  // Buy & hold rescaled to the strategy's starting cash (×2); drawdown as negative percent.
  assert.deepEqual(p.buyHold, [10_000, 10_200, 10_400, 10_600]);
  assert.deepEqual(p.drawdownPct, [0, -10, -5, 0]);
  assert.deepEqual(p.markers.A, [
    { time: '2024-01-02', position: 'aboveBar', shape: 'arrowDown', color: COLORS.down, text: 'Short 10' },
    { time: '2024-01-05', position: 'belowBar', shape: 'circle', color: COLORS.down, text: '-$12' },
  ]);
  assert.deepEqual(p.markers.B, [
    { time: '2024-01-03', position: 'belowBar', shape: 'arrowUp', color: COLORS.up, text: 'Long 5' },
    { time: '2024-01-03', position: 'aboveBar', shape: 'circle', color: COLORS.up, text: '+$7' },
  ]);
  assert.equal(p.tradeCount, 2);
});

test('a reversal on one bar lists the exit before the new entry', () => {
  const a = series('A', days, [100, 101, 102, 103]);
  const p = buildReportPayload(
    input({
      bars: [{ symbol: 'A', series: a }],
      trades: [trade('A', 10, '2024-01-02', '2024-01-04', 3), trade('A', -9, '2024-01-04', '2024-01-05', -1)],
    }),
  );
  assert.deepEqual(
    p.markers.A!.map((m) => `${m.time} ${m.shape}`),
    ['2024-01-02 arrowUp', '2024-01-04 circle', '2024-01-04 arrowDown', '2024-01-05 circle'],
  );
});

test('intraday bars use New York wall-clock seconds and keep trade labels on their bars', () => {
  // 2024-03-08 (EST, UTC−5) and 2024-03-11 (EDT, UTC−4): the wall clock stays 09:30 across the change.
  const ts = [nyTime('2024-03-08', 9, 30), nyTime('2024-03-08', 9, 35), nyTime('2024-03-11', 9, 30)];
  const a = series('A', ts, [10, 11, 12]);
  const p = buildReportPayload(
    input({
      bars: [{ symbol: 'A', series: a }],
      equity: {
        ts: Float64Array.from(ts),
        equity: Float64Array.from([1, 1, 1]),
        buyHold: Float64Array.from([1, 1, 1]),
        drawdown: new Float64Array(3),
      },
      trades: [trade('A', 3, '2024-03-08T09:35:00', '2024-03-11T09:30:00', 2)],
    }),
  );
  assert.equal(p.daily, false);
  assert.deepEqual(p.time, [
    Date.UTC(2024, 2, 8, 9, 30) / 1000,
    Date.UTC(2024, 2, 8, 9, 35) / 1000,
    Date.UTC(2024, 2, 11, 9, 30) / 1000,
  ]);
  assert.deepEqual(
    p.markers.A!.map((m) => m.time),
    [p.time[1], p.time[2]],
  );
});

test('a model run draws its equal-weight curve on the equity chart beside buy-and-hold (absent otherwise)', async () => {
  const base = input({});
  assert.equal(buildReportPayload(base).equalWeight, undefined);
  const withEw = input({
    equity: { ...base.equity, equalWeight: Float64Array.from([10_000, 9_950.004, 10_050, 10_100.5]) },
  });
  assert.deepEqual(buildReportPayload(withEw).equalWeight, [10_000, 9_950, 10_050, 10_100.5]);
  const { renderBacktestReport } = await import('../../src/lib/report/backtest-html.js');
  assert.match(renderBacktestReport(withEw), /Equal weight \(rebalanced each window/);
  assert.doesNotMatch(renderBacktestReport(base), /Equal weight \(rebalanced/);
  assert.equal(COLORS.equalWeight, '#d97706');
});
