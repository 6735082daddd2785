/**
 * Walk-forward model backtest (issue 11): 7 symbols × 10 years of seeded synthetic daily bars, quarterly
 * retraining from the session after two years of training data (about 30 models), with the default
 * gradient-boosted trainer; reported in seconds with the share spent fitting models. Baseline in the same run:
 * one `ats train` fit on the same data (the purged 5-fold cross-validation and the final model) and a plain
 * backtest of that model's probabilities over the same test range. Both sides alternate, best of RUNS.
 */
import { runModelBacktest } from '../src/lib/backtest/model-backtest.js';
import { parseRetrainEvery } from '../src/lib/backtest/retrain-schedule.js';
import { emptyProbabilities, walkForwardPredictions } from '../src/lib/backtest/walk-forward.js';
import { buildFeatureMatrix } from '../src/lib/features/matrix.js';
import { sessionsBetween } from '../src/lib/market/calendar.js';
import { mulberry32 } from '../src/lib/model/rng.js';
import { TRAIN_DEFAULTS } from '../src/lib/model/train-job.js';
import { trainAndEvaluate } from '../src/lib/model/train-model.js';
import { nyDate, nyMidnight } from '../src/lib/time.js';
import type { BarSeries } from '../src/lib/types.js';
import type { BenchResult } from './types.js';

const RUNS = 2;
const SYMBOLS = ['AAA', 'BBB', 'CCC', 'DDD', 'EEE', 'FFF', 'GGG'];
const TARGET = { horizon: 1, threshold: 0 };
const CONFIG = {
  learner: { kind: 'gbdt' as const, gbdt: { earlyStoppingRounds: TRAIN_DEFAULTS.earlyStoppingRounds }, l2: 1 },
  folds: TRAIN_DEFAULTS.folds,
  topK: TRAIN_DEFAULTS.topK,
  validFraction: TRAIN_DEFAULTS.validFraction,
};
const OPTIONS = { cash: 100_000, commission: 0.002, slippageBps: 5 };

/** A seeded random walk with 1.5 % daily volatility and realistic ranges and volumes. */
function walk(symbol: string, days: readonly string[], seed: number): BarSeries {
  const rand = mulberry32(seed);
  const n = days.length;
  const s: BarSeries = {
    symbol,
    ts: Float64Array.from(days, nyMidnight),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  let close = 50 + 100 * rand();
  for (let i = 0; i < n; i++) {
    const open = close * (1 + (rand() - 0.5) * 0.01);
    close = open * Math.exp((rand() + rand() + rand() - 1.5) * 0.03);
    s.open[i] = open;
    s.close[i] = close;
    s.high[i] = Math.max(open, close) * (1 + rand() * 0.01);
    s.low[i] = Math.min(open, close) * (1 - rand() * 0.01);
    s.volume[i] = 1e6 * (0.5 + rand());
  }
  return s;
}

async function walkForward(series: BarSeries[]): Promise<{ ms: number; trainMs: number; windows: number }> {
  const t0 = performance.now();
  const p = await walkForwardPredictions(series, { every: parseRetrainEvery('3M'), target: TARGET, config: CONFIG });
  runModelBacktest({
    series,
    predictions: p,
    threshold: 0.55,
    options: OPTIONS,
    params: {},
    label: 'wf',
    createdAt: 0,
  });
  return { ms: performance.now() - t0, trainMs: p.trainMs, windows: p.windows.length };
}

/** One fit as `ats train` makes it, then a plain backtest of its probabilities over the same test range. */
async function singleTrain(series: BarSeries[], from: string, to: string): Promise<number> {
  const t0 = performance.now();
  const m = buildFeatureMatrix(series, TARGET);
  const out = await trainAndEvaluate(m, { ...CONFIG, horizon: TARGET.horizon });
  const p = out.fitted.predict(m.X, m.rows);
  const probabilities = emptyProbabilities(series);
  const bars = new Map(series.map((s) => [s.symbol, new Map(Array.from(s.ts, (t, i) => [t, i]))]));
  for (let r = 0; r < m.rows; r++) {
    const d = nyDate(m.ts[r]!);
    if (d >= from && d <= to) probabilities.get(m.symbol[r]!)![bars.get(m.symbol[r]!)!.get(m.ts[r]!)!] = p[r]!;
  }
  const window = {
    window: 1,
    from,
    to,
    model: 'single',
    kind: 'gbdt',
    trainFrom: null,
    trainTo: null,
    trainRows: null,
  };
  runModelBacktest({
    series,
    predictions: { probabilities, windows: [window], trainMs: 0 },
    threshold: 0.55,
    options: OPTIONS,
    params: {},
    label: 'single',
    createdAt: 0,
  });
  return performance.now() - t0;
}

export async function benchWalkForward(): Promise<BenchResult[]> {
  const days = sessionsBetween('2010-01-04', '2019-12-31');
  const series = SYMBOLS.map((s, i) => walk(s, days, 101 + i));
  let best = { ms: Infinity, trainMs: 0, windows: 0 };
  let baseline = Infinity;
  let range = { from: '', to: '' };
  for (let run = 0; run < RUNS; run++) {
    const wf = await walkForward(series);
    if (wf.ms < best.ms) best = wf;
    if (!range.from) {
      const p = await walkForwardPredictions(series, {
        every: parseRetrainEvery('3M'),
        target: TARGET,
        config: CONFIG,
      });
      range = { from: p.windows[0]!.from, to: p.windows[p.windows.length - 1]!.to };
    }
    baseline = Math.min(baseline, await singleTrain(series, range.from, range.to));
  }
  return [
    {
      name: `walk-forward model backtest, 7 symbols × 10 years, quarterly retraining (${best.windows} models)`,
      value: best.ms / 1000,
      unit: 's',
      baseline: baseline / 1000,
      ratio: best.ms / baseline,
      note:
        `${((100 * best.trainMs) / best.ms).toFixed(0)} % of it fitting models; baseline: one ats train ` +
        `(5-fold CV + final fit) and a plain model backtest of ${range.from}..${range.to}`,
    },
  ];
}
