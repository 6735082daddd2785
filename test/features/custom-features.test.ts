/**
 * Features with no TA-Lib counterpart, checked against values computed by hand (shown in the comments)
 * and, for the rolling helpers, against a brute-force recomputation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  distanceFromHigh,
  distanceFromLow,
  doji,
  engulfing,
  gap,
  hammer,
  logReturnVolatility,
  obvSlope,
  relativeVolume,
  roc,
  rollingMax,
  rollingMin,
  rollingStd,
} from '../../src/lib/features/index.js';
import { UsageError } from '../../src/lib/errors.js';

const a = (...xs: number[]): Float64Array => Float64Array.from(xs);
const close = (x: number, y: number, label: string): void =>
  assert.ok(Math.abs(x - y) <= 1e-12 * Math.max(1, Math.abs(y)), `${label}: ${x} vs ${y}`);
const nanIdx = (x: Float64Array): number[] => Array.from(x).flatMap((v, i) => (Number.isNaN(v) ? [i] : []));

test('rate of change: x_t/x_{t-n} - 1', () => {
  const r = roc(a(100, 110, 99, 121), 2);
  assert.deepEqual(nanIdx(r), [0, 1]);
  close(r[2]!, -0.01, 'roc[2] = 99/100 - 1');
  close(r[3]!, 0.1, 'roc[3] = 121/110 - 1');
});

test('log-return volatility: sample std of the last n log returns', () => {
  // closes 100, 110, 99, 108.9 -> log returns ln1.1, ln0.9, ln1.1
  const v = logReturnVolatility(a(100, 110, 99, 108.9), 2);
  assert.deepEqual(nanIdx(v), [0, 1]);
  const r1 = Math.log(1.1);
  const r2 = Math.log(0.9);
  // sample std of two values = |x - y| / sqrt(2)
  close(v[2]!, Math.abs(r1 - r2) / Math.SQRT2, 'vol[2]');
  close(v[3]!, Math.abs(Math.log(108.9 / 99) - r2) / Math.SQRT2, 'vol[3]');
  // A constant growth rate has zero volatility.
  const flat = logReturnVolatility(a(1, 2, 4, 8, 16), 3);
  assert.ok(Math.abs(flat[4]!) < 1e-12);
});

test('relative volume divides by the mean of the PREVIOUS n bars (today excluded)', () => {
  const rv = relativeVolume(a(100, 300, 200, 500, 0, 0, 0, 10), 2);
  assert.deepEqual(nanIdx(rv).slice(0, 2), [0, 1]);
  close(rv[2]!, 200 / 200, 'rv[2] = 200 / mean(100,300)');
  close(rv[3]!, 500 / 250, 'rv[3] = 500 / mean(300,200)');
  close(rv[4]!, 0 / 350, 'rv[4] = 0 / mean(200,500)');
  close(rv[5]!, 0 / 250, 'rv[5] = 0 / mean(500,0)');
  assert.ok(Number.isNaN(rv[6]!), 'zero baseline -> NaN');
  assert.ok(Number.isNaN(rv[7]!), 'zero baseline -> NaN');
});

test('gap: open_t / close_{t-1} - 1', () => {
  const g = gap(a(10, 10.5, 9), a(10, 10, 10));
  assert.ok(Number.isNaN(g[0]!));
  close(g[1]!, 0.05, 'gap up 5%');
  close(g[2]!, -0.1, 'gap down 10%');
});

test('distance from the n-bar high and low (today included)', () => {
  const high = a(10, 12, 11, 9, 13);
  const low = a(8, 9, 7, 8, 10);
  const c = a(9, 11, 8, 8.5, 12);
  const dh = distanceFromHigh(high, c, 3);
  const dl = distanceFromLow(low, c, 3);
  assert.deepEqual(nanIdx(dh), [0, 1]);
  close(dh[2]!, 8 / 12 - 1, 'dh[2]');
  close(dh[3]!, 8.5 / 12 - 1, 'dh[3]');
  close(dh[4]!, 12 / 13 - 1, 'dh[4]: window 11,9,13');
  close(dl[2]!, 8 / 7 - 1, 'dl[2]');
  close(dl[4]!, 12 / 7 - 1, 'dl[4]: window 7,8,10');
});

test('OBV slope: net up-minus-down volume share of the last n bars', () => {
  // closes up, down, flat, up; volumes 10, 20, 30, 40 on bars 1..4
  const s = obvSlope(a(1, 2, 1, 1, 3), a(5, 10, 20, 30, 40), 2);
  assert.deepEqual(nanIdx(s), [0, 1]);
  close(s[2]!, (10 - 20) / 30, 'bars 1-2');
  close(s[3]!, (-20 + 0) / 50, 'bars 2-3');
  close(s[4]!, (0 + 40) / 70, 'bars 3-4');
  assert.ok(Number.isNaN(obvSlope(a(1, 1, 1), a(0, 0, 0), 2)[2]!), 'no volume -> NaN');
});

test('doji: body <= 10% of the range', () => {
  // bodies/ranges: 0.1/1 (doji), 0.11/1 (not), 0/0 (no range: not), 0/2 (doji)
  const d = doji(a(10, 10, 10, 10), a(10.5, 10.5, 10, 11), a(9.5, 9.5, 10, 9), a(10.1, 10.11, 10, 10));
  assert.deepEqual(Array.from(d), [1, 0, 0, 1]);
});

test('engulfing: +1 bullish, -1 bearish, 0 otherwise, NaN at bar 0', () => {
  const open = a(10, 9, 10.5, 9, 9, 10);
  const close_ = a(9, 10.5, 8.5, 10, 10, 9);
  // bar1: prev black 10->9, today white 9->10.5 covers it -> +1
  // bar2: prev white 9->10.5, today black 10.5->8.5 covers it -> -1
  // bar3: prev black 10.5->8.5, today white 9->10 does not cover (open 9 > prev close 8.5) -> 0
  // bar4: prev white, today white -> 0
  // bar5: prev white 9->10, today black 10->9 with equal edges on both sides -> 0
  assert.deepEqual(Array.from(engulfing(open, close_)), [Number.NaN, 1, -1, 0, 0, 0]);
});

test('hammer: +1 long lower wick, -1 long upper wick (shooting star), 0 otherwise', () => {
  // bar0: o10 c10.2 h10.25 l9 -> body .2, lower 1.0, upper .05 (<= .125) -> +1
  // bar1: o10.2 c10 h11.25 l9.95 -> body .2, upper 1.05, lower .05 -> -1
  // bar2: o10 c11 h11 l9 -> body 1 > range/3 -> 0
  // bar3: o10 c10.2 h10.5 l9 -> upper .3 > .15 -> 0
  const h = hammer(a(10, 10.2, 10, 10), a(10.25, 11.25, 11, 10.5), a(9, 9.95, 9, 9), a(10.2, 10, 11, 10.2));
  assert.deepEqual(Array.from(h), [1, -1, 0, 0]);
});

test('rolling max/min/std match a brute-force recomputation', () => {
  let seed = 7;
  const x = Float64Array.from({ length: 300 }, () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 100);
  for (const n of [1, 2, 5, 17, 64]) {
    const mx = rollingMax(x, n);
    const mn = rollingMin(x, n);
    const sd = rollingStd(x, n === 1 ? 2 : n, 1);
    const m = n === 1 ? 2 : n;
    for (let i = 0; i < x.length; i++) {
      const w = Array.from(x.subarray(Math.max(0, i - n + 1), i + 1));
      if (i < n - 1) assert.ok(Number.isNaN(mx[i]!) && Number.isNaN(mn[i]!));
      else {
        assert.equal(mx[i], Math.max(...w));
        assert.equal(mn[i], Math.min(...w));
      }
      if (i >= m - 1) {
        const ws = Array.from(x.subarray(i - m + 1, i + 1));
        const mean = ws.reduce((s, v) => s + v, 0) / m;
        const sample = Math.sqrt(ws.reduce((s, v) => s + (v - mean) ** 2, 0) / (m - 1));
        assert.ok(Math.abs(sd[i]! - sample) < 1e-9, `std n=${m} i=${i}`);
      }
    }
  }
});

test('bad periods throw UsageError', () => {
  assert.throws(() => roc(a(1, 2), 0), UsageError);
  assert.throws(() => rollingMax(a(1, 2), 1.5), UsageError);
  assert.throws(() => logReturnVolatility(a(1, 2), 1), UsageError);
  assert.throws(() => gap(a(1, 2), a(1)), UsageError);
});
