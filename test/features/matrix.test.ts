/**
 * Feature-matrix builder on real bars (data/sample/*.csv, the bundled daily sample): shape, column
 * mapping, point-in-time correctness (no look-ahead), the daily last-row path, and input errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBarsCsv } from '../../src/lib/market/csv-bars.js';
import { toSeries } from '../../src/lib/bar-columns.js';
import type { BarSeries } from '../../src/lib/types.js';
import {
  FEATURE_WARMUP,
  adx,
  atr,
  buildFeatureMatrix,
  buildLatestFeatureRows,
  distanceFromHigh,
  featureNames,
  macd,
  rsi,
  stoch,
} from '../../src/lib/features/index.js';
import { DataError, UsageError } from '../../src/lib/errors.js';
import { clone } from '../helpers/minute-bars.js';

function sample(symbol: string): BarSeries {
  const text = readFileSync(join(process.cwd(), 'data', 'sample', `${symbol}.csv`), 'utf8');
  return toSeries(symbol, parseBarsCsv(text, symbol, `${symbol}.csv`));
}

test('one row per computable session, row-major X, names and metadata aligned', () => {
  const series = [sample('AAPL'), sample('MSFT')];
  const m = buildFeatureMatrix(series);
  const names = featureNames();
  assert.equal(m.cols, names.length);
  assert.deepEqual(m.featureNames, names);
  assert.ok(m.cols >= 30 && m.cols <= 40);
  const expectedRows = series.reduce((s, x) => s + x.close.length - FEATURE_WARMUP, 0);
  assert.equal(m.rows, expectedRows, 'every session after warm-up has finite features in the sample');
  assert.equal(m.X.length, m.rows * m.cols);
  assert.equal(m.symbol.length, m.rows);
  assert.equal(m.ts.length, m.rows);
  assert.equal(m.y.length, m.rows);
  assert.ok(m.X.every(Number.isFinite));
  const aapl = series[0]!;
  assert.equal(m.symbol[0], 'AAPL');
  assert.equal(m.ts[0], aapl.ts[FEATURE_WARMUP]);
  const firstMsft = m.symbol.indexOf('MSFT');
  assert.equal(firstMsft, aapl.close.length - FEATURE_WARMUP);
  assert.equal(m.ts[firstMsft - 1], aapl.ts[aapl.close.length - 1]);
  // The last session of each symbol has no next close: its target is unknown.
  assert.ok(Number.isNaN(m.y[firstMsft - 1]!));
  assert.ok(Number.isNaN(m.y[m.rows - 1]!));
  assert.ok(m.y.subarray(0, firstMsft - 1).every((v) => v === 0 || v === 1));
});

test('columns hold the named features of their own session', () => {
  const s = sample('AAPL');
  const m = buildFeatureMatrix([s]);
  const col = (name: string): number => m.featureNames.indexOf(name);
  const c = s.close;
  const r = rsi(c, 14);
  const hist = macd(c).hist;
  const atr14 = atr(s.high, s.low, c, 14);
  const adx14 = adx(s.high, s.low, c, 14);
  const k = stoch(s.high, s.low, c).k;
  const dh = distanceFromHigh(s.high, c, 252);
  for (const row of [0, 1, 777, m.rows - 1]) {
    const t = row + FEATURE_WARMUP;
    const x = (name: string): number => m.X[row * m.cols + col(name)]!;
    assert.equal(x('ret_1'), c[t]! / c[t - 1]! - 1);
    assert.equal(x('ret_20'), c[t]! / c[t - 20]! - 1);
    assert.equal(x('rsi_14'), r[t]);
    assert.equal(x('macd_hist_norm'), hist[t]! / c[t]!);
    assert.equal(x('atr_pct'), atr14[t]! / c[t]!);
    assert.equal(x('adx_14'), adx14[t]);
    assert.equal(x('stoch_k'), k[t]);
    assert.equal(x('dist_52w_high'), dh[t]);
    assert.equal(x('gap'), s.open[t]! / c[t - 1]! - 1);
    assert.equal(m.y[row], t + 1 < c.length ? (c[t + 1]! / c[t]! - 1 > 0 ? 1 : 0) : Number.NaN);
  }
});

test('no look-ahead: perturbing every bar after t leaves all features of rows <= t bit-identical', () => {
  const base = sample('AAPL');
  const horizon = 5;
  for (const t of [FEATURE_WARMUP, 400, 1500, base.close.length - 2]) {
    const changed = clone(base);
    let seed = t;
    const rnd = (): number => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let i = t + 1; i < changed.close.length; i++) {
      const f = 0.5 + rnd();
      changed.open[i]! *= f;
      changed.high[i]! *= f * 1.05;
      changed.low[i]! *= f * 0.95;
      changed.close[i]! *= f;
      changed.volume[i] = Math.round(changed.volume[i]! * (0.2 + 3 * rnd()));
    }
    const a = buildFeatureMatrix([base], { horizon });
    const b = buildFeatureMatrix([changed], { horizon });
    assert.equal(a.rows, b.rows);
    const lastRow = t - FEATURE_WARMUP;
    for (let row = 0; row <= lastRow; row++) {
      assert.equal(a.ts[row], b.ts[row]);
      for (let j = 0; j < a.cols; j++) {
        const i = row * a.cols + j;
        assert.ok(Object.is(a.X[i], b.X[i]), `t=${t} row ${row} ${a.featureNames[j]}: ${a.X[i]} vs ${b.X[i]}`);
      }
      // Targets may look past t only for the last `horizon` rows up to t.
      if (row <= lastRow - horizon) assert.ok(Object.is(a.y[row], b.y[row]), `target of row ${row}`);
    }
    // The perturbation is real: later rows do change.
    if (lastRow + 1 < a.rows) {
      const after = a.X.subarray((lastRow + 1) * a.cols, (lastRow + 2) * a.cols);
      const afterB = b.X.subarray((lastRow + 1) * a.cols, (lastRow + 2) * a.cols);
      assert.ok(
        after.some((v, j) => v !== afterB[j]),
        'features after t changed',
      );
    }
  }
});

test('latest rows equal the last row of the full matrix for each symbol, with unknown targets', () => {
  const series = [sample('NVDA'), sample('TSLA')];
  const short: BarSeries = { ...clone(series[0]!), symbol: 'SHORT' };
  for (const k of ['ts', 'open', 'high', 'low', 'close', 'volume'] as const)
    short[k] = short[k].slice(0, FEATURE_WARMUP);
  // The same universe on both sides: the regime features are the universe's.
  const full = buildFeatureMatrix([series[0]!, short, series[1]!]);
  const latest = buildLatestFeatureRows([series[0]!, short, series[1]!]);
  assert.deepEqual(latest.symbol, ['NVDA', 'TSLA'], 'a series shorter than the warm-up has no row');
  assert.equal(latest.rows, 2);
  assert.deepEqual(latest.featureNames, full.featureNames);
  for (let r = 0; r < 2; r++) {
    const sym = latest.symbol[r]!;
    const fullRow = full.symbol.lastIndexOf(sym);
    assert.equal(latest.ts[r], full.ts[fullRow]);
    assert.deepEqual(
      Array.from(latest.X.subarray(r * latest.cols, (r + 1) * latest.cols)),
      Array.from(full.X.subarray(fullRow * full.cols, (fullRow + 1) * full.cols)),
    );
    assert.ok(Number.isNaN(latest.y[r]!));
  }
});

test('rows with a non-finite feature are skipped (a 20-bar window without trading)', () => {
  const s = clone(sample('AAPL'));
  const t = 1000;
  for (let i = t - 20; i < t; i++) s.volume[i] = 0;
  const m = buildFeatureMatrix([s]);
  // t-1: OBV slope over bars t-20..t-1 has no volume; t: relative volume has a zero baseline.
  assert.equal(m.rows, s.close.length - FEATURE_WARMUP - 2);
  assert.ok(!Array.from(m.ts).includes(s.ts[t - 1]!));
  assert.ok(!Array.from(m.ts).includes(s.ts[t]!));
  assert.ok(Array.from(m.ts).includes(s.ts[t + 1]!));
  assert.ok(m.X.every(Number.isFinite));
});

test('inconsistent series and bad target specs are rejected', () => {
  const s = clone(sample('AAPL'));
  assert.throws(() => buildFeatureMatrix([{ ...s, volume: s.volume.subarray(1) }]), DataError);
  assert.throws(() => buildFeatureMatrix([s], { horizon: 0 }), UsageError);
  assert.throws(() => buildFeatureMatrix([s], { horizon: 1.5 }), UsageError);
  assert.throws(() => buildFeatureMatrix([s], { threshold: Number.NaN }), UsageError);
  const empty = buildFeatureMatrix([]);
  assert.equal(empty.rows, 0);
  assert.equal(empty.X.length, 0);
});
