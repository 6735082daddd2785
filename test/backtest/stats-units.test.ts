/** Building blocks of the stats and fills, hand-checked against the Python/pandas behaviour they copy. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FULL_EQUITY, pyFloorDiv } from '../../src/lib/backtest/fills.js';
import { rollingMean } from '../../src/lib/backtest/rolling-mean.js';
import { formatLocal, toNyLocal } from '../../src/lib/backtest/local-time.js';
import { dataPeriodMs, lnQuotient, sampling } from '../../src/lib/backtest/periodic-returns.js';
import { mulberry32 } from '../../src/lib/model/rng.js';
import { computeStats } from '../../src/lib/backtest/stats.js';
import { nyMidnight, nyOffsetMs, nyTime } from '../../src/lib/time.js';
import { assertClose } from './bars.js';

test('pyFloorDiv follows CPython float // (not Math.floor of the rounded quotient)', () => {
  // Python: 1 // 0.1 == 9.0 although 1 / 0.1 == 10.0; 1000 * (1 - 2**-52) // 50 == 19.0.
  assert.equal(pyFloorDiv(1, 0.1), 9);
  assert.equal(Math.floor(1 / 0.1), 10);
  assert.equal(pyFloorDiv(1000 * FULL_EQUITY, 50), 19);
  assert.equal(pyFloorDiv(7, 2), 3);
  assert.equal(pyFloorDiv(-7, 2), -4);
});

test('rollingMean: pandas rolling(n).mean() conventions', () => {
  const m = rollingMean(new Float64Array([1, 2, 3, 4, 5]), 3);
  assert.ok(Number.isNaN(m[0]!) && Number.isNaN(m[1]!));
  assert.deepEqual(Array.from(m.subarray(2)), [2, 3, 4]);
  // GH#42064: a window of equal values returns exactly that value, whatever the running sum holds.
  const flat = rollingMean(new Float64Array([0.1, 0.7, 0.3, 0.3, 0.3]), 3);
  assert.equal(flat[4], 0.3);
  // A NaN inside the window gives NaN until it leaves.
  const gap = rollingMean(new Float64Array([1, Number.NaN, 3, 4, 5]), 2);
  assert.deepEqual(
    Array.from(gap).map((x) => (Number.isNaN(x) ? null : x)),
    [null, null, null, 3.5, 4.5],
  );
});

test('New York local time is exact across DST changes', () => {
  const ts = new Float64Array([
    nyMidnight('2024-03-08'),
    nyMidnight('2024-03-11'),
    nyMidnight('2024-11-01'),
    nyMidnight('2024-11-04'),
  ]);
  const local = toNyLocal(ts);
  assert.deepEqual(Array.from(local).map(formatLocal), ['2024-03-08', '2024-03-11', '2024-11-01', '2024-11-04']);
  assert.equal((local[1]! - local[0]!) / 86_400_000, 3);
  assert.equal((local[3]! - local[2]!) / 86_400_000, 3);
  assert.equal(formatLocal(toNyLocal(new Float64Array([nyTime('2024-07-01', 9, 30)]))[0]!), '2024-07-01T09:30:00');
});

test('annualization: 252 for weekday data, 365 with weekends, 52 weekly, 12 monthly', () => {
  const days = (step: number, count: number, first = '2024-01-01') =>
    toNyLocal(
      Float64Array.from({ length: count }, (_, i) => nyMidnight(first) + i * step * 86_400_000 + 6 * 3_600_000),
    );
  const weekdays = toNyLocal(
    Float64Array.from(
      [1, 2, 3, 4, 5, 8, 9, 10, 11, 12].map((d) => nyMidnight(`2024-01-${String(d).padStart(2, '0')}`)),
    ),
  );
  assert.equal(sampling(weekdays).annualPeriods, 252);
  assert.equal(sampling(days(1, 30)).annualPeriods, 365);
  assert.equal(sampling(days(7, 30)).annualPeriods, 52);
  const months = toNyLocal(
    Float64Array.from(['2024-01-31', '2024-03-02', '2024-04-02', '2024-05-03', '2024-06-03'].map(nyMidnight)),
  );
  assert.equal(sampling(months).annualPeriods, 12);
});

test('computeStats on a 4-bar curve, by hand', () => {
  // Mon..Thu 2024-01-08..11 (weekdays → 252 periods a year); equity 100, 110, 99, 121.
  const localTime = toNyLocal(
    Float64Array.from(['2024-01-08', '2024-01-09', '2024-01-10', '2024-01-11'].map(nyMidnight)),
  );
  const s = computeStats({
    localTime,
    equity: new Float64Array([100, 110, 99, 121]),
    trades: [],
    benchmark: new Float64Array([10, 11, 12, 13]),
    benchmarkStart: 1,
  });
  // Daily returns +10 %, −10 %, +22.2 %: geometric mean g = 1.21^(1/3) − 1; Return (Ann.) = (1+g)^252 − 1.
  const g = Math.cbrt(1.21) - 1;
  assertClose(s['Return [%]'], 21, 'Return');
  assertClose(s['Return (Ann.) [%]'], ((1 + g) ** 252 - 1) * 100, 'Return (Ann.)');
  // Drawdown: peak 110 then 99 → 10 %, one period from 01-09 to the new peak on 01-11 (2 days).
  assertClose(s['Max. Drawdown [%]'], -10, 'Max DD');
  assertClose(s['Avg. Drawdown [%]'], -10, 'Avg DD');
  assert.equal(s['Max. Drawdown Duration'], 2);
  assert.equal(s['Avg. Drawdown Duration'], 2);
  // Buy & hold from bar 1's close 11 to 13.
  assertClose(s['Buy & Hold Return [%]'], (13 / 11 - 1) * 100, 'B&H');
  // 3 calendar days: CAGR = 1.21^(365.25/3) − 1.
  assert.equal(s.Duration, 3);
  assertClose(s['CAGR [%]'], (1.21 ** (365.25 / 3) - 1) * 100, 'CAGR');
  // Sortino: downside deviation √(0.01/3)·√252.
  assertClose(s['Sortino Ratio'], ((1 + g) ** 252 - 1) / (Math.sqrt(0.01 / 3) * Math.sqrt(252)), 'Sortino');
  // No trades: trade stats are NaN, counts are 0.
  assert.equal(s['# Trades'], 0);
  for (const k of [
    'Win Rate [%]',
    'Best Trade [%]',
    'Avg. Trade [%]',
    'Max. Trade Duration',
    'SQN',
    'Kelly Criterion',
    'Profit Factor',
  ] as const) {
    assert.ok(Number.isNaN(s[k]), `${k} is NaN without trades`);
  }
  assert.equal(s['Exposure Time [%]'], 0);
  assert.equal(s.Start, '2024-01-08');
  assert.equal(s.End, '2024-01-11');
});

test('New York offsets from the DST rule agree with Intl, hour by hour around every change 2005–2040', async () => {
  const { nyLocalMs } = await import('../../src/lib/backtest/local-time.js');
  const { nyOffsetMs } = await import('../../src/lib/time.js');
  for (let year = 2005; year <= 2040; year++) {
    for (const month of [2, 3, 9, 10]) {
      for (let day = 1; day <= 28; day += 1) {
        for (const hour of [5, 6, 7, 8]) {
          const ts = Date.UTC(year, month, day, hour);
          assert.equal(nyLocalMs(ts) - ts, nyOffsetMs(ts), new Date(ts).toISOString());
        }
      }
    }
  }
});

test('dataPeriodMs: the median spacing of the last 100 bars, with few or many distinct spacings', () => {
  const rand = mulberry32(9);
  const median = (xs: number[]): number => {
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  };
  for (const bars of [2, 3, 4, 51, 101, 102, 250]) {
    for (const choices of [1, 3, 8, 9, 40]) {
      const spacings = Array.from({ length: choices }, (_, k) => (k + 1) * 86_400_000 - (k % 2) * 3_600_000);
      const t = new Float64Array(bars);
      for (let i = 1; i < bars; i++) t[i] = t[i - 1]! + spacings[Math.floor(rand() * choices)]!;
      const last = Array.from(t.subarray(Math.max(0, bars - 100)));
      const want = median(last.slice(1).map((x, i) => x - last[i]!));
      assert.equal(dataPeriodMs(t), want, `${bars} bars, ${choices} spacings`);
    }
  }
});

test('toNyLocal equals each stamp plus its Intl offset, whatever order the stamps come in and however far apart', () => {
  const rand = mulberry32(10);
  const hourly = Array.from({ length: 3000 }, (_, i) => Date.UTC(2005, 0, 1) + i * 3_600_000 * 37); // 2005..2017, ascending
  const shuffled = hourly
    .map((t) => [rand(), t] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([, t]) => t);
  const far = [Date.UTC(1990, 5, 1), Date.UTC(2400, 6, 4, 12), Date.UTC(1975, 10, 2, 6), Date.UTC(2031, 2, 9, 7)];
  for (const stamps of [hourly, shuffled, far, [...hourly].reverse()]) {
    const local = toNyLocal(Float64Array.from(stamps));
    stamps.forEach((t, i) => assert.equal(local[i], t + nyOffsetMs(t), new Date(t).toISOString()));
  }
});

test('lnQuotient (the statistics’ log of a return) agrees with Math.log to 5e-15 relative from q = 0.5 to 2', () => {
  let worst = 0;
  for (let i = 0; i <= 200_000; i++) {
    const q = 0.5 + (1.5 * i) / 200_000;
    const want = Math.log(q);
    if (want !== 0) worst = Math.max(worst, Math.abs(lnQuotient(q, 1) - want) / Math.abs(want));
    // Prices, not only quotients: ln(a / b) of two closes (log1p of the exact difference: log of a rounded
    // quotient near 1 would be the less accurate side).
    const a = 123.45 * q;
    const prices = Math.log1p((a - 123.45) / 123.45);
    if (prices !== 0) worst = Math.max(worst, Math.abs(lnQuotient(a, 123.45) - prices) / Math.abs(prices));
  }
  // Beyond the series' range Math.log(a / b) is used, and rounding a / b costs up to ~2e-15 of a log near 0.05.
  assert.ok(worst < 5e-15, `worst relative difference ${worst}`);
  assert.equal(lnQuotient(5, 5), 0);
  assert.equal(lnQuotient(3, 1), Math.log(3));
});
