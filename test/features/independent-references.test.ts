/**
 * Independent checks of the indicators beyond the TA-Lib dumps:
 *  - TA-Lib's own C regression tables (test/fixtures/indicators/talib_regtest_spot_values.json),
 *  - Tulip Indicators' tests (tulip/untest.txt, generated; tulip/atoz.txt, Achelis "Technical Analysis
 *    from A to Z"), compared like Tulip's smoke.c with absolute tolerance 0.001, outputs right-aligned,
 *  - StockCharts ChartSchool spreadsheets (stockcharts/cs-*.csv via bukosabino/ta), tails only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fixturePath } from '../helpers/tmp.js';
import {
  atr,
  bollinger,
  directionalMovement,
  ema,
  macd,
  obv,
  roc,
  rsi,
  sma,
  stddev,
  stoch,
  stochf,
  trueRange,
} from '../../src/lib/features/index.js';
import { readIndicatorCsv, tulipCase } from './reference-data.js';

const f64 = (a: number[] | undefined): Float64Array => Float64Array.from(a ?? []);

/** Tulip outputs are right-aligned: expected[k] belongs to bar len - expected.length + k. */
function assertRightAligned(actual: Float64Array, expected: number[], label: string, tol = 0.001): void {
  const offset = actual.length - expected.length;
  expected.forEach((e, k) => {
    const a = actual[offset + k]!;
    assert.ok(Math.abs(a - e) <= tol, `${label}[${offset + k}]: got ${a}, expected ${e}`);
  });
  assert.ok(offset === 0 || Number.isNaN(actual[offset - 1]!), `${label}: value before Tulip's first output`);
}

test('TA-Lib C regression spot values (talib_regtest_spot_values.json)', () => {
  const spots = JSON.parse(readFileSync(fixturePath('indicators', 'talib_regtest_spot_values.json'), 'utf8')) as {
    checks: Array<Record<string, unknown> & { fn: string; bar: number; firstBar?: number }>;
  };
  const t = readIndicatorCsv('talib_ref_daily_252.csv');
  const [h, l, c] = ['high', 'low', 'close'].map((n) => t.column(n)) as [Float64Array, Float64Array, Float64Array];
  const dmi = directionalMovement(h, l, c, 14);
  const m = macd(c, 12, 26, 9);
  const bb = bollinger(c, 20, 2, 2);
  const st = stoch(h, l, c, 5, 3, 3);
  const natr = atr(h, l, c, 14).map((v, i) => (v / c[i]!) * 100);
  const series = (check: Record<string, unknown>): Record<string, Float64Array> | undefined => {
    const period = check.period as number;
    switch (check.fn) {
      case 'SMA':
        return { value: sma(c, period) };
      case 'EMA':
        return { value: ema(c, period) };
      case 'RSI':
        return { value: rsi(c, period) };
      case 'MACD':
        return { macd: m.macd, signal: m.signal, hist: m.hist };
      case 'BBANDS':
        return { upper: bb.upper, middle: bb.middle, lower: bb.lower };
      case 'PLUS_DI':
        return { value: dmi.plusDI };
      case 'MINUS_DI':
        return { value: dmi.minusDI };
      case 'DX':
        return { value: dmi.dx };
      case 'ADX':
        return { value: dmi.adx };
      case 'NATR':
        return { value: natr };
      case 'STOCH':
        return { slowk: st.k, slowd: st.d };
      default:
        return undefined; // WMA, ADXR: not implemented here
    }
  };
  let checked = 0;
  for (const check of spots.checks) {
    const outputs = series(check);
    if (!outputs) continue;
    for (const [key, values] of Object.entries(outputs)) {
      const expected = check[key] as number;
      // The C tables round to 2 or 4 decimals.
      const tol = Math.round(expected * 100) / 100 === expected ? 1e-2 : 1e-3;
      const got = values[check.bar]!;
      assert.ok(
        Math.abs(got - expected) <= tol,
        `${check.fn} ${key} bar ${check.bar}: got ${got}, expected ${expected}`,
      );
      if (check.firstBar !== undefined) {
        assert.equal(
          values.findIndex((v) => !Number.isNaN(v)),
          check.firstBar,
          `${check.fn} ${key} first bar`,
        );
      }
      checked++;
    }
  }
  assert.ok(checked >= 25, `checked ${checked} spot values`);
});

/** Indicators where TA-Lib and Tulip agree, checked on one Tulip test file. */
function checkTulipCommon(file: string): void {
  const s = tulipCase(file, 'sma');
  assertRightAligned(sma(f64(s.arrays[0]), s.options[0]!), s.arrays[1]!, `${file} sma`);
  const r = tulipCase(file, 'rsi');
  assertRightAligned(rsi(f64(r.arrays[0]), r.options[0]), r.arrays[1]!, `${file} rsi`);
  const b = tulipCase(file, 'bbands');
  const bands = bollinger(f64(b.arrays[0]), b.options[0], b.options[1], b.options[1]);
  assertRightAligned(bands.lower, b.arrays[1]!, `${file} bbands lower`);
  assertRightAligned(bands.middle, b.arrays[2]!, `${file} bbands middle`);
  assertRightAligned(bands.upper, b.arrays[3]!, `${file} bbands upper`);
  const d = tulipCase(file, 'stddev');
  assertRightAligned(stddev(f64(d.arrays[0]), d.options[0]), d.arrays[1]!, `${file} stddev`);
  const st = tulipCase(file, 'stoch');
  const [k, kSlow, dSlow] = st.options as [number, number, number];
  const out = stoch(f64(st.arrays[0]), f64(st.arrays[1]), f64(st.arrays[2]), k, kSlow, dSlow);
  assertRightAligned(out.k, st.arrays[3]!, `${file} stoch k`);
  assertRightAligned(out.d, st.arrays[4]!, `${file} stoch d`);
  // Tulip's OBV starts at 0, TA-Lib's at volume[0]: same increments, offset by volume[0].
  const o = tulipCase(file, 'obv');
  const vol = f64(o.arrays[1]);
  assertRightAligned(
    obv(f64(o.arrays[0]), vol).map((x) => x - vol[0]!),
    o.arrays[2]!,
    `${file} obv`,
  );
}

test('Tulip untest.txt: sma, rsi, bbands, stddev, stoch, obv, tr, roc', () => {
  checkTulipCommon('untest.txt');
  const tr = tulipCase('untest.txt', 'tr');
  // Tulip's tr has a bar-0 value (high - low); TA-Lib and we start at bar 1.
  assertRightAligned(trueRange(f64(tr.arrays[0]), f64(tr.arrays[1]), f64(tr.arrays[2])), tr.arrays[3]!.slice(1), 'tr');
  const rc = tulipCase('untest.txt', 'roc');
  assertRightAligned(roc(f64(rc.arrays[0]), rc.options[0]!), rc.arrays[1]!, 'roc');
});

test('Achelis A-to-Z values (tulip/atoz.txt): sma, rsi, bbands, stddev, stoch, obv, momentum', () => {
  checkTulipCommon('atoz.txt');
  // Momentum (ROCR) = close_t/close_{t-n} = 1 + roc.
  const m = tulipCase('atoz.txt', 'rocr');
  assertRightAligned(
    roc(f64(m.arrays[0]), m.options[0]!).map((x) => x + 1),
    m.arrays[1]!,
    'rocr',
  );
});

test('StockCharts spreadsheets (stockcharts/cs-*.csv), last 5 rows', () => {
  const tail = (a: Float64Array, b: Float64Array, label: string, tol: number): void => {
    for (let i = a.length - 5; i < a.length; i++) {
      assert.ok(
        Math.abs(a[i]! - b[i]!) <= tol * Math.max(1, Math.abs(b[i]!)),
        `${label}[${i}]: got ${a[i]}, expected ${b[i]}`,
      );
    }
  };
  const bb = readIndicatorCsv('stockcharts', 'cs-bbands.csv');
  const bands = bollinger(bb.column('Close'), 20, 2, 2);
  tail(bands.middle, bb.column('MiddleBand'), 'middle', 1e-6);
  tail(bands.upper, bb.column('HighBand'), 'upper', 1e-6);
  tail(bands.lower, bb.column('LowBand'), 'lower', 1e-6);
  tail(stddev(bb.column('Close'), 20), bb.column('20-day Standard Deviation'), 'stddev', 1e-6);

  const so = readIndicatorCsv('stockcharts', 'cs-soo.csv');
  const fast = stochf(so.column('High'), so.column('Low'), so.column('Close'), 14, 3);
  tail(fast.k, so.column('SO'), 'stoch %K', 1e-6);
  tail(fast.d, so.column('SO_SIG'), 'stoch %D', 1e-6);

  // 500 bars: the spreadsheet's different seed (sum of TR1..TR14) has decayed away by the tail.
  const ad = readIndicatorCsv('stockcharts', 'cs-adx.csv');
  const dmi = directionalMovement(ad.column('High'), ad.column('Low'), ad.column('Close'), 14);
  tail(dmi.plusDI, ad.column('+DI14'), '+DI', 1e-6);
  tail(dmi.minusDI, ad.column('-DI14'), '-DI', 1e-6);
  tail(dmi.dx, ad.column('DX'), 'DX', 1e-6);
  tail(dmi.adx, ad.column('ADX'), 'ADX', 1e-6);

  // The sheet's first row has no volume; from the second row on its OBV starts at that row's volume, like TA-Lib.
  const ob = readIndicatorCsv('stockcharts', 'cs-obv.csv');
  const ours = obv(ob.column('Close').subarray(1), ob.column('Volume').subarray(1));
  assert.deepEqual(Array.from(ours), Array.from(ob.column('OBV').subarray(1)));
});
