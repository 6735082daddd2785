/**
 * The fused moving averages (rollingMeanPair, meanCrossings) against rollingMean, which follows
 * pandas' roll_mean (checked in stats-units and parity tests): the same floats bit for bit, on
 * backtesting.py's GOOG.csv (test/fixtures/backtesting_py/SOURCES.txt) and on series with the
 * cases pandas treats specially (NaN, zero and −0, negative values, runs of equal values, ∞).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { meanCrossings, rollingMean, rollingMeanPair } from '../../src/lib/backtest/rolling-mean.js';
import { leadingNaNs, smaCross, Target } from '../../src/lib/backtest/strategy.js';
import { loadGoog } from './bars.js';

const goog = loadGoog().close;
const special = new Float64Array([
  3,
  3,
  3,
  3,
  Number.NaN,
  2,
  0,
  -0,
  -1.5,
  -1.5,
  4,
  4,
  4,
  4,
  4,
  1e-300,
  Infinity,
  2,
  2,
  5,
]);
const periods: Array<[number, number]> = [
  [10, 30],
  [5, 20],
  [1, 2],
  [3, 3],
  [40, 4000],
];

/** A ramp up then down then up again, so that every window pair crosses. */
const waves = Float64Array.from({ length: 600 }, (_, i) => 100 + 20 * Math.sin(i / 17) + 5 * Math.sin(i / 3));

test('rollingMeanPair is rollingMean twice, bit for bit', () => {
  for (const values of [goog, special, waves]) {
    for (const [n1, n2] of periods) {
      const [a, b] = rollingMeanPair(values, n1, n2);
      assert.deepStrictEqual(a, rollingMean(values, n1), `n=${n1}`);
      assert.deepStrictEqual(b, rollingMean(values, n2), `n=${n2}`);
    }
  }
});

test('meanCrossings gives the crossings and warm-up of the two means, without keeping them', () => {
  for (const values of [goog, waves]) {
    for (const [fast, slow] of periods) {
      const a = rollingMean(values, fast);
      const b = rollingMean(values, slow);
      const expected = new Int8Array(values.length);
      for (let t = 1; t < values.length; t++) {
        if (a[t - 1]! < b[t - 1]! && a[t]! > b[t]!) expected[t] = Target.long;
        else if (b[t - 1]! < a[t - 1]! && b[t]! > a[t]!) expected[t] = Target.short;
      }
      const got = meanCrossings(values, fast, slow, Target.long, Target.short);
      assert.ok(got, 'positive prices take the fused path');
      assert.deepStrictEqual(got.cross, expected, `${fast}/${slow}`);
      assert.equal(got.warmup, Math.max(leadingNaNs(a), leadingNaNs(b)), `${fast}/${slow} warm-up`);
      if (fast === 10)
        assert.ok(
          expected.some((t) => t !== 0),
          'the series crosses',
        );
    }
  }
  assert.equal(meanCrossings(special, 3, 5, Target.long, Target.short), null, 'NaN, 0 or negatives: caller falls back');
});

test('smaCross plans the same targets whether or not it keeps its indicator arrays', () => {
  const series = loadGoog();
  for (const strategy of [smaCross({ fast: 10, slow: 30 }), smaCross({ fast: 5, slow: 20, longOnly: true })]) {
    const full = strategy.plan(series);
    const lean = strategy.plan(series, { indicators: false });
    assert.deepStrictEqual(lean.targets, full.targets);
    assert.equal(lean.warmup, full.warmup);
    assert.deepStrictEqual(lean.indicators, {});
    assert.equal(Object.keys(full.indicators).length, 2);
  }
});
