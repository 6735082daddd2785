/**
 * Feature-matrix throughput on 500 synthetic symbols x 2520 sessions (10 years of daily bars):
 * seeded random-walk OHLCV, so every run measures the same input.
 * Run alone: node dist/bench/features-bench.js
 */
import { pathToFileURL } from 'node:url';
import { FEATURE_NAMES, buildFeatureMatrix, buildLatestFeatureRows } from '../src/lib/features/index.js';
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
  const fullSeconds = timeIt(() => {
    rows = buildFeatureMatrix(series).rows;
  });
  const latestSeconds = timeIt(() => {
    buildLatestFeatureRows(series);
  });
  return [
    {
      name: 'features: matrix rows/s (500 symbols x 2520 sessions)',
      value: rows / fullSeconds,
      unit: 'rows/s',
      note: `${rows} rows x ${FEATURE_NAMES.length} features, all indicators from scratch`,
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

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of benchFeatures()) console.log(`${r.name}: ${r.value.toFixed(0)} ${r.unit}`);
}
