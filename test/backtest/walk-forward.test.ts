import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runModelBacktest } from '../../src/lib/backtest/model-backtest.js';
import { cutWindows, parseRetrainEvery } from '../../src/lib/backtest/retrain-schedule.js';
import { executeBacktest } from '../../src/lib/backtest/run-job.js';
import { Target, type Strategy } from '../../src/lib/backtest/strategy.js';
import { walkForwardPredictions, type WalkForwardOptions } from '../../src/lib/backtest/walk-forward.js';
import { UsageError } from '../../src/lib/errors.js';
import { nyDate, nyMidnight } from '../../src/lib/time.js';
import type { BarSeries } from '../../src/lib/types.js';
import { sessionsBetween } from '../../src/lib/market/calendar.js';
import { plantedBars, toBarSeries } from './planted.js';
import { minuteBars, scaleMinutes } from '../helpers/minute-bars.js';

const CONFIG: WalkForwardOptions['config'] = {
  learner: { kind: 'gbdt', gbdt: { earlyStoppingRounds: 20, seed: 3 }, l2: 1 },
  folds: 5,
  topK: 1,
  validFraction: 0.2,
};
const TARGET = { horizon: 1, threshold: 0 };

test('--retrain-every: months, years, weeks and sessions; windows cut from the first test session', () => {
  assert.deepEqual(parseRetrainEvery('3M'), { unit: 'months', n: 3, label: '3M' });
  assert.deepEqual(parseRetrainEvery('1y'), { unit: 'months', n: 12, label: '1Y' });
  assert.deepEqual(parseRetrainEvery('2W'), { unit: 'sessions', n: 10, label: '2W' });
  assert.deepEqual(parseRetrainEvery('63'), { unit: 'sessions', n: 63, label: '63S' });
  for (const bad of ['', '0M', '3Q', '-1', '1.5M']) assert.throws(() => parseRetrainEvery(bad), UsageError, bad);
  const sessions = Float64Array.from(sessionsBetween('2021-01-04', '2021-12-31'), nyMidnight);
  const quarters = cutWindows(sessions, parseRetrainEvery('3M'));
  assert.deepEqual(
    quarters.map((w) => [nyDate(sessions[w.first]!), nyDate(sessions[w.last]!)]),
    [
      ['2021-01-04', '2021-04-01'], // 2021-04-02 is Good Friday; the next window starts on the 4th (a Sunday)
      ['2021-04-05', '2021-07-02'],
      ['2021-07-06', '2021-10-01'],
      ['2021-10-04', '2021-12-31'],
    ],
  );
  const bySessions = cutWindows(sessions, parseRetrainEvery('100'));
  assert.deepEqual(
    bySessions.map((w) => w.last - w.first + 1),
    [100, 100, sessions.length - 200],
  );
  assert.throws(
    () => cutWindows(sessions, parseRetrainEvery('2Y')),
    /--retrain-every 2Y is longer than the test range/,
  );
  assert.throws(() => cutWindows(sessions, parseRetrainEvery('300')), /longer than the test range .* \(252 sessions\)/);
});

test('trade on close: the decision on bar t fills at bar t’s close (with slippage), dated t; the default is t+1’s open', () => {
  const days = sessionsBetween('2024-01-02', '2024-01-12');
  const close = [10, 11, 12, 13, 14, 15, 16, 17, 18];
  const s: BarSeries = {
    symbol: 'X',
    ts: Float64Array.from(days, nyMidnight),
    open: Float64Array.from(close, (c) => c - 0.5),
    high: Float64Array.from(close, (c) => c + 1),
    low: Float64Array.from(close, (c) => c - 1),
    close: Float64Array.from(close),
    volume: new Float64Array(close.length).fill(1),
  };
  // Long on bar 2's close, flat on bar 5's close.
  const strategy: Strategy = {
    name: 'two-decisions',
    plan: (series) => {
      const targets = new Int8Array(series.close.length);
      targets[2] = Target.long;
      targets[5] = Target.flat;
      return { targets, warmup: 0, indicators: {} };
    },
  };
  const job = { series: [s], strategy, options: { cash: 1000, slippageBps: 100 }, params: {} };
  const onClose = executeBacktest({ ...job, tradeOnClose: true }, 0).trades;
  assert.equal(onClose.length, 1);
  assert.equal(onClose[0]!.entryPrice, 12 * 1.01);
  assert.equal(onClose[0]!.exitPrice, 15 * 0.99);
  assert.equal(onClose[0]!.entryTime, days[2]);
  assert.equal(onClose[0]!.exitTime, days[5]);
  assert.equal(onClose[0]!.size, Math.floor(1000 / (12 * 1.01)));
  const nextOpen = executeBacktest(job, 0).trades;
  assert.equal(nextOpen[0]!.entryPrice, 12.5 * 1.01);
  assert.equal(nextOpen[0]!.entryTime, days[3]);
});

function planted(seedShift = 0): BarSeries[] {
  return ['AAA', 'BBB'].map((s, i) => toBarSeries(plantedBars(s, 1100, 11 + i + seedShift, true)));
}

test('walk-forward, no look-ahead: bars changed from a window’s start leave earlier predictions, trades and equity', async () => {
  const every = parseRetrainEvery('6M');
  const opts = { from: '2018-01-02', every, target: TARGET, config: CONFIG };
  const base = planted();
  const a = await walkForwardPredictions(base, opts);
  assert.equal(a.windows.length, 3);
  const cut = nyMidnight(a.windows[1]!.from);
  // Each window's model was trained on labels known before the window: its last training row is at least one
  // session (the horizon) before the window's first session.
  for (const w of a.windows) assert.ok(w.trainTo! < w.from, `${w.trainTo} < ${w.from}`);
  const perturbed = base.map((s) => {
    const k = s.ts.findIndex((t) => t >= cut);
    const scale = (col: Float64Array, f: number) => Float64Array.from(col, (v, i) => (i >= k ? v * f : v));
    // A different future: prices from the window on scaled and the volume changed.
    return {
      ...s,
      open: scale(s.open, 1.3),
      high: scale(s.high, 1.35),
      low: scale(s.low, 1.25),
      close: scale(s.close, 1.31),
      volume: scale(s.volume, 0.5),
    };
  });
  const b = await walkForwardPredictions(perturbed, opts);
  assert.deepEqual(b.windows[0], a.windows[0]);
  for (const [i, s] of base.entries()) {
    const before = s.ts.findIndex((t) => t >= cut);
    assert.deepEqual(
      b.probabilities.get(s.symbol)!.subarray(0, before),
      a.probabilities.get(s.symbol)!.subarray(0, before),
    );
    // …and the later window did change (the test would prove nothing otherwise).
    assert.notDeepEqual(
      b.probabilities.get(s.symbol)!.subarray(before),
      a.probabilities.get(s.symbol)!.subarray(before),
      `${i}`,
    );
  }
  const run = (series: BarSeries[], predictions: typeof a) =>
    runModelBacktest({
      series,
      predictions,
      threshold: 0.55,
      options: { cash: 10_000, commission: 0.002, slippageBps: 5 },
      params: {},
      label: 'wf',
      createdAt: 0,
    });
  const ra = run(base, a);
  const rb = run(perturbed, b);
  const cutDate = a.windows[1]!.from;
  const closedBefore = (r: typeof ra) => r.result.trades.filter((t) => t.exitTime < cutDate);
  assert.ok(closedBefore(ra).length > 10);
  assert.deepEqual(closedBefore(rb), closedBefore(ra));
  const n = ra.result.equity.findIndex((p) => p.date >= cutDate);
  assert.deepEqual(rb.result.equity.slice(0, n), ra.result.equity.slice(0, n));
  assert.deepEqual(rb.windows[0], ra.windows[0]);
});

test('walk-forward with minute bars: the models see intraday features; later minute bars move no earlier prediction', async () => {
  const opts = { from: '2018-01-02', every: parseRetrainEvery('6M'), target: TARGET, config: CONFIG };
  const base = planted();
  const aaa = base[0]!;
  const minutes = minuteBars(
    aaa,
    aaa.ts.findIndex((t) => t >= nyMidnight('2017-01-03')),
  );
  const without = await walkForwardPredictions(base, opts);
  const a = await walkForwardPredictions(base, { ...opts, minute: new Map([['AAA', minutes]]) });
  assert.notDeepEqual(a.probabilities.get('AAA'), without.probabilities.get('AAA'));
  const cut = nyMidnight(a.windows[1]!.from);
  const later = scaleMinutes(minutes, cut, Infinity, (k) => 1 + 0.004 * Math.sin(k / 7));
  const b = await walkForwardPredictions(base, { ...opts, minute: new Map([['AAA', later]]) });
  const before = aaa.ts.findIndex((t) => t >= cut);
  for (const s of ['AAA', 'BBB']) {
    assert.deepEqual(b.probabilities.get(s)!.subarray(0, before), a.probabilities.get(s)!.subarray(0, before), s);
  }
  assert.notDeepEqual(b.probabilities.get('AAA')!.subarray(before), a.probabilities.get('AAA')!.subarray(before));
});

test('walk-forward on a planted pattern beats buy-and-hold and equal weight after costs; bad ranges refused', async () => {
  const series = planted(5);
  const p = await walkForwardPredictions(series, {
    from: '2018-01-02',
    every: parseRetrainEvery('1Y'),
    target: TARGET,
    config: CONFIG,
  });
  const r = runModelBacktest({
    series,
    predictions: p,
    threshold: 0.55,
    options: { cash: 10_000, commission: 0.002, slippageBps: 5 },
    params: {},
    label: 'wf',
    createdAt: 0,
  });
  const [strategy, hold, equal] = r.benchmarks;
  assert.deepEqual(
    r.benchmarks.map((b) => b.name),
    ['strategy', 'buy-and-hold', 'equal-weight'],
  );
  assert.ok(strategy!.sharpe > hold!.sharpe + 1 && strategy!.sharpe > equal!.sharpe + 1, JSON.stringify(r.benchmarks));
  await assert.rejects(
    walkForwardPredictions(series, {
      from: '2016-01-04',
      every: parseRetrainEvery('3M'),
      target: TARGET,
      config: CONFIG,
    }),
    (e: unknown) =>
      e instanceof UsageError && /training session\(s\) before it; walk-forward needs at least 60/.test(e.message),
  );
  await assert.rejects(
    walkForwardPredictions(series, {
      from: '2019-01-02',
      to: '2019-03-29',
      every: parseRetrainEvery('6M'),
      target: TARGET,
      config: CONFIG,
    }),
    /--retrain-every 6M is longer than the test range 2019-01-02..2019-03-29/,
  );
});
