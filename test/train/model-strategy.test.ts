import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { modelStrategy } from '../../src/lib/backtest/model-strategy.js';
import { runPortfolioBacktest } from '../../src/lib/backtest/portfolio-engine.js';
import { Target } from '../../src/lib/backtest/strategy.js';
import { FEATURE_WARMUP } from '../../src/lib/features/feature-set.js';
import { buildFeatureMatrix } from '../../src/lib/features/matrix.js';
import { loadModel } from '../../src/lib/model/onnx-infer.js';
import { runTrainJob } from '../../src/lib/model/train-job.js';
import { loadSeries } from '../../src/lib/store/bars.js';
import { DataError, UsageError } from '../../src/lib/errors.js';
import { tempDir } from '../helpers/tmp.js';
import { FIXED_NOW, sampleStore } from './sample-store.js';
import { computeRegime } from '../../src/lib/features/regime.js';

test('model strategy: per-bar probabilities from the point-in-time matrix, NaN (hold) before warm-up, keyed by symbol', async (t) => {
  const dir = tempDir(t);
  const symbols = ['MSFT', 'NVDA'];
  const store = await sampleStore(t, dir, symbols);
  const modelsDir = join(dir, 'models');
  const trained = await runTrainJob(store, {
    symbols,
    target: { horizon: 1, threshold: 0 },
    config: {
      learner: { kind: 'gbdt', gbdt: { trees: 30, depth: 3, minLeaf: 30, seed: 4 }, l2: 1 },
      folds: 2,
      topK: 1,
      validFraction: 0.2,
    },
    modelsDir,
    reportsDir: join(dir, 'reports'),
    activate: true,
    now: FIXED_NOW,
  });
  const series = symbols.map((s) => loadSeries(store, s));
  const strategy = await modelStrategy(store, series, { threshold: 0.52, modelsDir });
  assert.match(strategy.name, new RegExp(trained.id));
  const onnx = await loadModel(trained.path);
  // plan is called per series, in any order
  for (const s of [...series].reverse()) {
    const plan = strategy.plan(s);
    const p = plan.indicators['probability']!;
    assert.equal(plan.warmup, FEATURE_WARMUP);
    for (let i = 0; i < FEATURE_WARMUP; i++) {
      assert.ok(Number.isNaN(p[i]!));
      assert.equal(plan.targets[i], Target.hold);
    }
    // The regime columns are the whole universe's, as in training.
    const m = buildFeatureMatrix([s], {}, { regime: computeRegime(series) });
    const expected = await onnx.predict(m.X, m.rows, m.cols);
    assert.equal(m.rows, s.close.length - FEATURE_WARMUP); // the sample has no non-finite feature after warm-up
    for (let r = 0; r < m.rows; r++) {
      const t0 = FEATURE_WARMUP + r;
      assert.equal(p[t0], expected[r]);
      assert.equal(plan.targets[t0], expected[r]! >= 0.52 ? Target.long : Target.flat);
    }
  }
  const result = runPortfolioBacktest(series, strategy, { cash: 100_000, commission: 0 });
  assert.ok(result.trades.length > 0);
  assert.throws(() => strategy.plan({ ...series[0]!, symbol: 'AAPL' }), /no probabilities for AAPL/);
});

test('model strategy: unknown model id → DataError; threshold outside [0, 1] → UsageError', async (t) => {
  const dir = tempDir(t);
  const store = await sampleStore(t, dir, ['AAPL'], { days: 30 });
  const series = [loadSeries(store, 'AAPL')];
  await assert.rejects(
    modelStrategy(store, series, { modelId: 'm-missing', threshold: 0.5, modelsDir: dir }),
    (e: unknown) => e instanceof DataError && /unknown model id "m-missing"/.test(e.message),
  );
  await assert.rejects(
    modelStrategy(store, series, { threshold: 0.5, modelsDir: dir }),
    (e: unknown) => e instanceof DataError && /no active model/.test(e.message),
  );
  await assert.rejects(modelStrategy(store, series, { threshold: 1.5, modelsDir: dir }), UsageError);
});
