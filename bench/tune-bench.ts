/**
 * Tuning throughput (issue 11): `ats tune --model gbdt` on seeded synthetic daily bars, successive halving
 * (η = 3, 5 folds: every configuration on 2 folds, the best third on all 5), in configurations per minute
 * of the whole study (feature build included), on SYMBOLS × 10 years: 20 symbols by default, so that
 * `make bench` stays short; ATS_BENCH_TUNE_SYMBOLS=500 runs the 500 symbols × 10 years (a few
 * minutes per study). Baseline in the same run: the same study with 1 worker thread; the figure is with 2.
 * Both sides alternate, each on a fresh store (a re-run of a study would resume it), best of RUNS
 * (ATS_BENCH_TUNE_RUNS, default 2).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sessionsBetween } from '../src/lib/market/calendar.js';
import { mulberry32 } from '../src/lib/model/rng.js';
import { runTuneJob } from '../src/lib/model/tune-job.js';
import { upsertBars } from '../src/lib/store/bars.js';
import { openStore } from '../src/lib/store/open.js';
import { nyMidnight } from '../src/lib/time.js';
import type { Bar } from '../src/lib/types.js';
import type { BenchResult } from './types.js';

const positive = (value: string | undefined, fallback: number): number =>
  Math.max(1, Math.floor(Number(value ?? fallback)) || fallback);
const RUNS = positive(process.env.ATS_BENCH_TUNE_RUNS, 2);
const SYMBOLS = positive(process.env.ATS_BENCH_TUNE_SYMBOLS, 20);
const TRIALS = 9;

function bars(days: readonly string[]): Bar[] {
  const out: Bar[] = [];
  for (let k = 0; k < SYMBOLS; k++) {
    const rand = mulberry32(100 + k);
    let close = 50 + 100 * rand();
    for (const day of days) {
      const open = close * (1 + (rand() - 0.5) * 0.01);
      close = open * Math.exp((rand() + rand() + rand() - 1.5) * 0.03);
      out.push({
        symbol: `S${String(k).padStart(3, '0')}`,
        timeframe: '1d',
        ts: nyMidnight(day),
        open,
        high: Math.max(open, close) * (1 + rand() * 0.01),
        low: Math.min(open, close) * (1 - rand() * 0.01),
        close,
        volume: 1e6 * (0.5 + rand()),
        vwap: null,
        trades: null,
      });
    }
  }
  return out;
}

async function study(data: Bar[], workers: number): Promise<{ ms: number; evaluations: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'ats-bench-tune-'));
  const store = openStore(join(dir, 'ats.db'));
  try {
    upsertBars(store, data, 'bench');
    const symbols = [...new Set(data.map((b) => b.symbol))];
    const t0 = performance.now();
    const r = await runTuneJob(store, {
      symbols,
      target: { horizon: 1, threshold: 0 },
      kind: 'gbdt',
      trials: TRIALS,
      eta: 3,
      seed: 1,
      workers,
      earlyStoppingRounds: 20,
      config: { folds: 5, topK: 3, validFraction: 0.2 },
      modelsDir: join(dir, 'models'),
      reportsDir: join(dir, 'reports'),
      now: Date.now(),
    });
    return { ms: performance.now() - t0, evaluations: r.scored };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchTune(): Promise<BenchResult[]> {
  const data = bars(sessionsBetween('2014-01-02', '2023-12-29'));
  let one = Infinity;
  let two = Infinity;
  let evaluations = 0;
  for (let i = 0; i < RUNS; i++) {
    const a = await study(data, 1);
    const b = await study(data, 2);
    one = Math.min(one, a.ms);
    two = Math.min(two, b.ms);
    evaluations = b.evaluations;
  }
  const perMinute = (ms: number) => (TRIALS * 60_000) / ms;
  return [
    {
      name: `tune gbdt, ${SYMBOLS} symbols × 10 years, ${TRIALS} trials (${evaluations} evaluations), 2 workers`,
      value: perMinute(two),
      unit: 'trials/min',
      baseline: perMinute(one),
      ratio: one / two,
      note: `baseline: 1 worker; study ${(two / 1000).toFixed(1)} s vs ${(one / 1000).toFixed(1)} s`,
    },
  ];
}
