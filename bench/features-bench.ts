/**
 * Feature-matrix throughput on 500 synthetic symbols x 2520 sessions (10 years of daily bars):
 * seeded random-walk OHLCV, so every run measures the same input.
 * Run alone: node dist/bench/features-bench.js
 */
import { pathToFileURL } from 'node:url';
import { IndicatorsSync } from '@ixjb94/indicators';
import {
  FEATURE_NAMES,
  atr,
  bollinger,
  buildFeatureMatrix,
  buildLatestFeatureRows,
  ema,
  macd,
  rsi,
  sma,
} from '../src/lib/features/index.js';
import { mulberry32 } from '../src/lib/model/rng.js';
import type { BarSeries } from '../src/lib/types.js';
import type { BenchResult } from './types.js';

const SYMBOLS = 500;
const SESSIONS = 2520;
const DAY_MS = 86_400_000;

/** A geometric random walk with plausible daily bars (gaps, wicks, volume noise). */
export function syntheticSeries(symbol: string, sessions: number, seed: number): BarSeries {
  const rnd = mulberry32(seed);
  const s: BarSeries = {
    symbol,
    ts: new Float64Array(sessions),
    open: new Float64Array(sessions),
    high: new Float64Array(sessions),
    low: new Float64Array(sessions),
    close: new Float64Array(sessions),
    volume: new Float64Array(sessions),
  };
  let prev = 20 + 180 * rnd();
  for (let i = 0; i < sessions; i++) {
    const open = prev * (1 + 0.01 * (rnd() - 0.5));
    const close = open * (1 + 0.04 * (rnd() - 0.5));
    s.ts[i] = 1_262_581_200_000 + i * DAY_MS;
    s.open[i] = open;
    s.close[i] = close;
    s.high[i] = Math.max(open, close) * (1 + 0.01 * rnd());
    s.low[i] = Math.min(open, close) * (1 - 0.01 * rnd());
    s.volume[i] = Math.round(1e5 + 5e6 * rnd());
    prev = close;
  }
  return s;
}

function timeIt(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export function benchFeatures(): BenchResult[] {
  const series = Array.from({ length: SYMBOLS }, (_, i) => syntheticSeries(`S${i}`, SESSIONS, i + 1));
  buildFeatureMatrix(series.slice(0, 20)); // JIT warm-up
  let rows = 0;
  let cols = 0;
  const fullSeconds = timeIt(() => {
    ({ rows, cols } = buildFeatureMatrix(series));
  });
  const latestSeconds = timeIt(() => {
    buildLatestFeatureRows(series);
  });
  return [
    {
      name: 'features: matrix rows/s (500 symbols x 2520 sessions)',
      value: rows / fullSeconds,
      unit: 'rows/s',
      note: `${rows} rows x ${cols} features (${FEATURE_NAMES.length} daily, weekly/monthly, regime), from scratch`,
    },
    { name: 'features: matrix build time (500 x 2520)', value: fullSeconds * 1000, unit: 'ms' },
    {
      name: 'features: latest-row scoring, symbols/s (500 x 2520 history)',
      value: SYMBOLS / latestSeconds,
      unit: 'symbols/s',
      note: 'full history per symbol (EMA/Wilder state), no matrix of all sessions',
    },
  ];
}

const BARS = 1_000_000;
const RUNS = 15;
const WARMUP = 3;

interface Case {
  name: string;
  ours: () => unknown;
  library: () => unknown;
}

/** Best-of-RUNS seconds of `a` and `b`, timed alternately after WARMUP untimed runs of each. */
function timePair(a: () => unknown, b: () => unknown): [number, number] {
  let sink = 0;
  for (let r = 0; r < WARMUP; r++) sink += Number(a() !== undefined) + Number(b() !== undefined);
  let bestA = Infinity;
  let bestB = Infinity;
  for (let r = 0; r < RUNS; r++) {
    let t0 = performance.now();
    sink += Number(a() !== undefined);
    bestA = Math.min(bestA, performance.now() - t0);
    t0 = performance.now();
    sink += Number(b() !== undefined);
    bestB = Math.min(bestB, performance.now() - t0);
  }
  if (sink < 0) console.log(sink); // keeps the calls observable
  return [bestA / 1000, bestB / 1000];
}

/**
 * Each of our indicators beside `@ixjb94/indicators` (IndicatorsSync, the fastest npm library
 * measured) on the same 1M synthetic bars, in the same process. The library takes plain number
 * arrays (its API), ours Float64Array columns: each side gets its native input, built before timing.
 * Both sides run alternately after warm-up runs; each keeps its best time. ratio = our speed / the
 * library's; the target is ≥ 3.
 */
export function benchIndicatorsVsLibrary(): BenchResult[] {
  const s = syntheticSeries('IND', BARS, 7);
  const [h, l, c] = [Array.from(s.high), Array.from(s.low), Array.from(s.close)];
  const ta = new IndicatorsSync();
  const cases: Case[] = [
    { name: 'SMA(20)', ours: () => sma(s.close, 20), library: () => ta.sma(c, 20) },
    { name: 'EMA(20)', ours: () => ema(s.close, 20), library: () => ta.ema(c, 20) },
    { name: 'RSI(14)', ours: () => rsi(s.close, 14), library: () => ta.rsi(c, 14) },
    { name: 'ATR(14)', ours: () => atr(s.high, s.low, s.close, 14), library: () => ta.atr(h, l, c, 14) },
    { name: 'Bollinger(20, 2)', ours: () => bollinger(s.close, 20, 2, 2), library: () => ta.bbands(c, 20, 2) },
    { name: 'MACD(12, 26, 9)', ours: () => macd(s.close, 12, 26, 9), library: () => ta.macd(c, 12, 26, 9) },
  ];
  return cases.map(({ name, ours, library }) => {
    const [oursSec, libSec] = timePair(ours, library);
    const value = BARS / oursSec;
    const baseline = BARS / libSec;
    return {
      name: `features: ${name} bars/s, 1M bars`,
      value: Math.round(value),
      unit: 'bars/s',
      baseline: Math.round(baseline),
      ratio: value / baseline,
      target: '≥ 3',
      note: 'baseline: @ixjb94/indicators IndicatorsSync on number[]',
    };
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of benchFeatures()) console.log(`${r.name}: ${r.value.toFixed(0)} ${r.unit}`);
}
