/**
 * Weekly/monthly, regime, intraday and lag features: point-in-time (perturbing anything after session t leaves
 * every one of them at t unchanged, and perturbing session t itself moves each), and hand-computed cases.
 * Daily bars: data/sample (the bundled real sample); minute bars: synthetic, built here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBarsCsv } from '../../src/lib/market/csv-bars.js';
import { toSeries } from '../../src/lib/bar-columns.js';
import { nyDate, nyMidnight, nyTime } from '../../src/lib/time.js';
import type { BarSeries } from '../../src/lib/types.js';
import { buildFeatureMatrix, buildLatestFeatureRows, rsi } from '../../src/lib/features/index.js';
import { REGIME_FEATURE_NAMES, lagName, layoutFor } from '../../src/lib/features/extended.js';
import { INTRADAY_FEATURE_NAMES, intradayColumns, intradaySessions } from '../../src/lib/features/intraday.js';
import { clone, minuteBars, scaleMinutes } from '../helpers/minute-bars.js';
import { MTF_FEATURE_NAMES, partialPeriodRsi, periodsOf } from '../../src/lib/features/timeframes.js';

const NEW_FEATURES = [...MTF_FEATURE_NAMES, ...REGIME_FEATURE_NAMES, ...INTRADAY_FEATURE_NAMES];

function sample(symbol: string): BarSeries {
  const text = readFileSync(join(process.cwd(), 'data', 'sample', `${symbol}.csv`), 'utf8');
  return toSeries(symbol, parseBarsCsv(text, symbol, `${symbol}.csv`));
}

/** The feature row of `symbol` at session ts, by name. */
function rowOf(m: ReturnType<typeof buildFeatureMatrix>, symbol: string, ts: number): Map<string, number> {
  const r = m.symbol.findIndex((s, i) => s === symbol && m.ts[i] === ts);
  assert.ok(r >= 0, `a row for ${symbol} at ${nyDate(ts)}`);
  return new Map(m.featureNames.map((n, j) => [n, m.X[r * m.cols + j]!]));
}

test('no look-ahead, for each new feature: bars and minute bars after t leave it unchanged; a change at t moves it', () => {
  const aapl = sample('AAPL');
  const msft = sample('MSFT');
  const n = aapl.ts.length;
  const minuteFrom = n - 30;
  const minutes = minuteBars(aapl, minuteFrom);
  const build = (a: BarSeries, b: BarSeries, m: BarSeries) =>
    buildFeatureMatrix([a, b], { horizon: 1 }, { minute: new Map([['AAPL', m]]), lags: 2 });
  const base = build(aapl, msft, minutes);
  const names = [...NEW_FEATURES, ...NEW_FEATURES.flatMap((f) => [lagName(f, 1), lagName(f, 2)])];
  for (const name of names) assert.ok(base.featureNames.includes(name), name);
  const moved = new Set<string>();
  for (const t of [n - 20, n - 12, n - 6, n - 2]) {
    const ts = aapl.ts[t]!;
    const nextDay = nyMidnight(nyDate(aapl.ts[t + 1]!));
    const before = rowOf(base, 'AAPL', ts);
    assert.ok(
      INTRADAY_FEATURE_NAMES.every((f) => Number.isFinite(before.get(f))),
      'intraday features exist at t',
    );
    // Everything after t rewritten: both symbols' later daily bars, AAPL's later minute bars.
    const later = (s: BarSeries) => {
      const c = clone(s);
      for (let i = t + 1; i < c.ts.length; i++) {
        const f = i % 2 ? 1.7 : 0.6;
        for (const k of ['open', 'high', 'low', 'close'] as const) c[k][i]! *= f;
        c.volume[i]! *= 3;
      }
      return c;
    };
    const future = build(
      later(aapl),
      later(msft),
      scaleMinutes(minutes, nextDay, Infinity, (k) => (k % 2 ? 1.3 : 0.8)),
    );
    const after = rowOf(future, 'AAPL', ts);
    for (const name of names) assert.ok(Object.is(before.get(name), after.get(name)), `${name} at ${nyDate(ts)}`);
    // Session t itself rewritten (daily close of both symbols, AAPL's minute path of t): each feature moves.
    for (const f of [3, 0.2]) {
      const atT = (s: BarSeries) => {
        const c = clone(s);
        c.close[t]! *= f;
        c.high[t] = Math.max(c.high[t]!, c.close[t]!);
        c.low[t] = Math.min(c.low[t]!, c.close[t]!);
        return c;
      };
      const lastHour = nyTime(nyDate(ts), 15, 0);
      const m = scaleMinutes(minutes, lastHour, nextDay, (k) => 1 + (f - 1) * Math.min(1, k / 30));
      const changed = rowOf(build(atT(aapl), atT(msft), m), 'AAPL', ts);
      for (const name of NEW_FEATURES) if (!Object.is(before.get(name), changed.get(name))) moved.add(name);
    }
  }
  assert.deepEqual(
    NEW_FEATURES.filter((f) => !moved.has(f)),
    [],
    'every new feature reacts to a change at t',
  );
});

test('lag columns hold the values of the previous sessions of the same symbol', () => {
  const s = sample('NVDA');
  const m = buildFeatureMatrix([s], {}, { lags: 2 });
  const col = (name: string) => m.featureNames.indexOf(name);
  for (const r of [10, 500, m.rows - 1]) {
    for (const name of ['rsi_14', 'wk_rsi_14', 'regime_vol_pct']) {
      assert.equal(m.X[r * m.cols + col(lagName(name, 1))], m.X[(r - 1) * m.cols + col(name)]);
      assert.equal(m.X[r * m.cols + col(lagName(name, 2))], m.X[(r - 2) * m.cols + col(name)]);
    }
  }
  assert.deepEqual(layoutFor(m.featureNames), { intraday: false, lags: 2 });
  const latest = buildLatestFeatureRows([s], { lags: 2 });
  assert.deepEqual(Array.from(latest.X), Array.from(m.X.subarray((m.rows - 1) * m.cols)));
});

test('weekly RSI of a partial week, by hand (n = 2)', () => {
  // Weeks start on Monday 2024-01-01. Complete weekly closes: 10, 11 (Tue 01-09), 10.5; week 4 is partial.
  const days: Array<[string, number]> = [
    ['2024-01-01', 10],
    ['2024-01-08', 10.5],
    ['2024-01-09', 11],
    ['2024-01-15', 10.5],
    ['2024-01-22', 12],
    ['2024-01-23', 9],
  ];
  const close = Float64Array.from(days, ([, c]) => c);
  const s = { ts: Float64Array.from(days, ([d]) => nyMidnight(d)), high: close, close } as BarSeries;
  const weeks = periodsOf(s, 'week');
  assert.deepEqual(Array.from(weeks.of), [0, 1, 1, 2, 3, 3]);
  const r = partialPeriodRsi(s, weeks, 2);
  // Wilder seed over the changes +1, -0.5: gain 0.5, loss 0.25. Monday 01-22 closes the partial week at 12:
  // change +1.5 -> gain (0.5 + 1.5)/2 = 1, loss 0.25/2 = 0.125 -> RSI 100 * 1/1.125.
  assert.ok(Math.abs(r[4]! - 100 / 1.125) < 1e-12, `${r[4]}`);
  // Tuesday 01-23 replaces it with 9: change -1.5 -> gain 0.25, loss (0.25 + 1.5)/2 = 0.875 -> RSI 100 * 0.25/1.125.
  assert.ok(Math.abs(r[5]! - 25 / 1.125) < 1e-12, `${r[5]}`);
  assert.ok(Number.isNaN(r[3]!), 'no value before n + 1 weekly closes');
  assert.equal(r[5], rsi(Float64Array.from([10, 11, 10.5, 9]), 2)[3]);
});

test('weekly RSI(14) at every session equals rsi() of the complete weekly closes followed by the close', () => {
  const s = sample('MSFT');
  const weeks = periodsOf(s, 'week');
  const r = partialPeriodRsi(s, weeks, 14);
  for (let t = 100; t < s.ts.length; t += 37) {
    const k = weeks.of[t]!;
    const series = Float64Array.from([...weeks.close.subarray(0, k), s.close[t]!]);
    assert.equal(r[t], rsi(series, 14)[k], `session ${t}`);
  }
});

test('intraday features of a tiny session, by hand; pre-market bars ignored; stale sessions dropped', () => {
  const date = '2024-03-05';
  const at = (h: number, m: number) => nyTime(date, h, m);
  // [start, high, low, close, volume]
  const bars: Array<[number, number, number, number, number]> = [
    [at(8, 0), 50, 1, 40, 9999], // pre-market: ignored
    [at(9, 30), 10.2, 9.8, 10, 100],
    [at(9, 31), 10.6, 10, 10.5, 200],
    [at(9, 59), 11, 10.4, 10.8, 100],
    [at(10, 5), 11.6, 10.9, 11.5, 100],
    [at(14, 59), 11.4, 11.1, 11.2, 300],
    [at(15, 59), 11.7, 11.2, 11.6, 200],
  ];
  const col = (k: number) => Float64Array.from(bars, (b) => b[k]!);
  const m: BarSeries = {
    symbol: 'X',
    ts: col(0),
    open: col(3),
    high: col(1),
    low: col(2),
    close: col(3),
    volume: col(4),
  };
  const [session] = intradaySessions(m);
  const [orb, lastHour, rvol, vwap] = session!.values;
  assert.equal(orb, 1, 'close 11.6 above the opening range high 11 (09:30–09:59)');
  assert.equal(lastHour, 11.6 / 11.2 - 1);
  const closes = [10, 10.5, 10.8, 11.5, 11.2, 11.6];
  const ss = closes.slice(1).reduce((a, c, i) => a + Math.log(c / closes[i]!) ** 2, 0);
  assert.ok(Math.abs(rvol! - Math.sqrt(ss)) < 1e-15);
  // VWAP = Σ v·(h+l+c)/3 / Σ v = (100·30 + 200·31.1 + 100·32.2 + 100·34 + 300·33.7 + 200·34.5) / 3 / 1000
  //      = 32850 / 3000 = 10.95
  assert.ok(Math.abs(vwap! - (11.6 / 10.95 - 1)) < 1e-12, `${vwap}`);
  // Daily rows: the session before has none; the session and the next 4 daily bars have it; the 6th has none.
  const dates = ['2024-03-04', '2024-03-05', '2024-03-06', '2024-03-07', '2024-03-08', '2024-03-11', '2024-03-12'];
  const cols = intradayColumns({ ts: Float64Array.from(dates, nyMidnight) }, m);
  assert.deepEqual(Array.from(cols[0]!), [NaN, 1, 1, 1, 1, 1, NaN]);
});

test('weeks start on Monday and months follow the calendar (every day 1990–2040, daily bars at 00:00 New York)', () => {
  const days = Array.from({ length: 18_263 }, (_, i) => Date.UTC(1990, 0, 1) + i * 86_400_000);
  const ts = Float64Array.from(days, (d) => nyMidnight(new Date(d).toISOString().slice(0, 10)));
  const s = { ts, high: ts, close: ts } as BarSeries;
  const [weeks, months] = [periodsOf(s, 'week'), periodsOf(s, 'month')];
  for (let i = 1; i < days.length; i++) {
    const [a, b] = [new Date(days[i - 1]!), new Date(days[i]!)];
    assert.equal(weeks.of[i] !== weeks.of[i - 1], b.getUTCDay() === 1, b.toISOString());
    assert.equal(months.of[i] !== months.of[i - 1], a.getUTCMonth() !== b.getUTCMonth(), b.toISOString());
  }
});
