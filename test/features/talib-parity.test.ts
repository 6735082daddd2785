/**
 * Parity with the TA-Lib C library on every column of
 *   test/fixtures/indicators/talib_ref_daily_252_expected.csv (TA-Lib's regression input) and
 *   test/fixtures/indicators/talib_goog_expected.csv (GOOG daily 2004-2013),
 * both produced by TA-Lib 0.6.0-dev (npm talib@2.0.5 sources) with default settings; see SOURCES.txt.
 * Relative tolerance 1e-9 (absolute near zero) and NaN exactly where TA-Lib has no output.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  atr,
  bollinger,
  directionalMovement,
  ema,
  macd,
  obv,
  rsi,
  sma,
  stddev,
  stoch,
  stochf,
  trueRange,
} from '../../src/lib/features/index.js';
import { assertSeriesClose, readIndicatorCsv } from './reference-data.js';

const FILES = ['talib_ref_daily_252_expected.csv', 'talib_goog_expected.csv'] as const;

/** Every TA-Lib output column of the fixtures, computed by our functions from the same inputs. */
function computeAll(
  o: Float64Array,
  h: Float64Array,
  l: Float64Array,
  c: Float64Array,
  v: Float64Array,
): Map<string, Float64Array> {
  void o;
  const out = new Map<string, Float64Array>();
  for (const n of [5, 10, 20, 30]) out.set(`SMA_${n}`, sma(c, n));
  for (const n of [5, 10, 12, 20, 26]) out.set(`EMA_${n}`, ema(c, n));
  out.set('RSI_14', rsi(c, 14));
  out.set('RSI_5', rsi(c, 5));
  const m = macd(c, 12, 26, 9);
  out.set('MACD_12_26_9_macd', m.macd);
  out.set('MACD_12_26_9_signal', m.signal);
  out.set('MACD_12_26_9_hist', m.hist);
  const bb = bollinger(c, 20, 2, 2);
  out.set('BB_20_2_upper', bb.upper);
  out.set('BB_20_2_middle', bb.middle);
  out.set('BB_20_2_lower', bb.lower);
  out.set('STDDEV_20_pop', stddev(c, 20, 1));
  out.set('TRANGE', trueRange(h, l, c));
  out.set('ATR_14', atr(h, l, c, 14));
  const dmi = directionalMovement(h, l, c, 14);
  out.set('PLUS_DI_14', dmi.plusDI);
  out.set('MINUS_DI_14', dmi.minusDI);
  out.set('DX_14', dmi.dx);
  out.set('ADX_14', dmi.adx);
  out.set('OBV', obv(c, v));
  const slow = stoch(h, l, c, 14, 3, 3);
  out.set('STOCH_14_3_3_slowk', slow.k);
  out.set('STOCH_14_3_3_slowd', slow.d);
  const fast = stochf(h, l, c, 14, 3);
  out.set('STOCHF_14_3_fastk', fast.k);
  out.set('STOCHF_14_3_fastd', fast.d);
  return out;
}

for (const file of FILES) {
  test(`every TA-Lib column of ${file} is reproduced`, (t) => {
    const table = readIndicatorCsv(file);
    const inputs = ['open', 'high', 'low', 'close', 'volume'].map((n) => table.column(n)) as [
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
    ];
    const ours = computeAll(...inputs);
    const outputColumns = table.header.slice(6);
    assert.equal(outputColumns.length, 29, 'fixture columns');
    let values = 0;
    let identical = 0;
    for (const name of outputColumns) {
      const mine = ours.get(name);
      assert.ok(mine, `no implementation mapped to ${name}`);
      const expected = table.column(name);
      identical += assertSeriesClose(mine, expected, `${file} ${name}`);
      values += expected.filter((x) => !Number.isNaN(x)).length;
    }
    assert.ok(values > 6000, `compared only ${values} values`);
    t.diagnostic(`${values} values, ${identical} bit-identical`);
    // Mirroring TA-Lib's operation order makes nearly every value bit-identical, not just close.
    assert.ok(identical / values > 0.99, `bit-identical share ${identical}/${values}`);
  });
}

test('warm-up lengths follow TA-Lib lookbacks (SOURCES.txt conventions)', () => {
  const t = readIndicatorCsv('talib_ref_daily_252.csv');
  const [h, l, c, v] = ['high', 'low', 'close', 'volume'].map((n) => t.column(n)) as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  const firstIndex = (a: Float64Array): number => a.findIndex((x) => !Number.isNaN(x));
  assert.equal(firstIndex(ema(c, 10)), 9);
  assert.equal(firstIndex(rsi(c, 14)), 14);
  const m = macd(c);
  assert.deepEqual([firstIndex(m.macd), firstIndex(m.signal), firstIndex(m.hist)], [33, 33, 33]);
  assert.equal(firstIndex(bollinger(c).lower), 19);
  assert.equal(firstIndex(trueRange(h, l, c)), 1);
  assert.equal(firstIndex(atr(h, l, c, 14)), 14);
  const dmi = directionalMovement(h, l, c, 14);
  assert.deepEqual([firstIndex(dmi.plusDI), firstIndex(dmi.dx), firstIndex(dmi.adx)], [14, 14, 27]);
  assert.equal(firstIndex(obv(c, v)), 0);
  const s = stoch(h, l, c);
  assert.deepEqual([firstIndex(s.k), firstIndex(s.d)], [17, 17]);
  const f = stochf(h, l, c);
  assert.deepEqual([firstIndex(f.k), firstIndex(f.d)], [15, 15]);
});

test('short inputs give all-NaN outputs instead of throwing', () => {
  const c = Float64Array.from([1, 2, 3, 4, 5]);
  assert.ok(rsi(c, 14).every(Number.isNaN));
  assert.ok(macd(c).hist.every(Number.isNaN));
  assert.ok(atr(c, c, c, 14).every(Number.isNaN));
  assert.ok(directionalMovement(c, c, c, 14).adx.every(Number.isNaN));
  assert.ok(stoch(c, c, c).d.every(Number.isNaN));
  assert.equal(sma(new Float64Array(0), 3).length, 0);
});
