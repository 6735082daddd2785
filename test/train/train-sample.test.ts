import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFeatureMatrix, featureNames } from '../../src/lib/features/matrix.js';
import { predictLogistic, trainLogistic } from '../../src/lib/model/logistic.js';
import { auc } from '../../src/lib/model/metrics.js';
import { loadTrainingSeries, runTrainJob, type TrainJobOptions } from '../../src/lib/model/train-job.js';
import { activeModel, activateModel, getModel, listModels } from '../../src/lib/store/models.js';
import { DataError } from '../../src/lib/errors.js';
import { nyDate } from '../../src/lib/time.js';
import { loadModel } from '../../src/lib/model/onnx-infer.js';
import { tempDir } from '../helpers/tmp.js';
import { FIXED_NOW, sampleStore } from './sample-store.js';

const SYMBOLS = ['AAPL', 'MSFT', 'NVDA'];

function options(dir: string, over: Partial<TrainJobOptions> = {}): TrainJobOptions {
  return {
    symbols: SYMBOLS,
    target: { horizon: 2, threshold: 0 },
    config: {
      learner: {
        kind: 'gbdt',
        gbdt: { trees: 30, depth: 3, learningRate: 0.1, minLeaf: 20, seed: 7, earlyStoppingRounds: 10 },
        l2: 1,
      },
      folds: 3,
      topK: 1,
      validFraction: 0.2,
    },
    modelsDir: join(dir, 'models'),
    reportsDir: join(dir, 'reports'),
    activate: true,
    now: FIXED_NOW,
    ...over,
  };
}

test('training on the sample is deterministic: same seed → identical model bytes and metrics; CV AUC pinned', async (t) => {
  const runs = [];
  for (let i = 0; i < 2; i++) {
    const dir = tempDir(t);
    const store = await sampleStore(t, dir, SYMBOLS);
    const r = await runTrainJob(store, options(dir));
    runs.push({ r, bytes: readFileSync(r.path) });
  }
  const [a, b] = runs;
  assert.equal(a!.r.id, b!.r.id);
  assert.match(a!.r.id, /^m-20240102-213005-[0-9a-f]{6}$/);
  assert.ok(a!.bytes.equals(b!.bytes), 'model files differ');
  assert.deepEqual(a!.r.metrics, b!.r.metrics);
  const { cv, holdout } = a!.r.metrics;
  assert.equal(cv.folds.length, 3);
  // Regression pin (deterministic trainer; computed by this code on data/sample, re-pinned when the weekly/monthly
  // and regime features joined the default set).
  assert.ok(Math.abs(cv.aucMean - PINNED_CV_AUC) <= 1e-12, `CV AUC ${cv.aucMean}`);
  assert.ok(cv.aucStd > 0 && Number.isFinite(holdout.auc));
  assert.equal(a!.r.dataFrom, '2013-12-31'); // 252nd sample session: the first with every feature
  // the last 2 sessions (2023-12-28, 2023-12-29) have no 2-session-ahead target
  assert.equal(a!.r.dataTo, '2023-12-27');
  for (const f of cv.folds) assert.ok(f.trainTo < f.testFrom);
  // metadata inside the ONNX
  const loaded = await loadModel(a!.r.path);
  assert.equal(loaded.metadata['model_id'], a!.r.id);
  assert.deepEqual(JSON.parse(loaded.metadata['target']!), { kind: 'direction', horizon: 2, threshold: 0 });
  assert.deepEqual(JSON.parse(loaded.metadata['training_range']!), { from: '2013-12-31', to: '2023-12-27' });
  assert.equal((JSON.parse(loaded.metadata['params']!) as { trees: number }).trees, 30);
});

test('a fold AUC equals an independent refit on the rows of the dates it reports (logistic: no seed, no early stopping)', async (t) => {
  const dir = tempDir(t);
  const store = await sampleStore(t, dir, SYMBOLS);
  const o = options(dir, { config: { ...options(dir).config, learner: { kind: 'logistic', gbdt: {}, l2: 1 } } });
  const r = await runTrainJob(store, o);
  const m = buildFeatureMatrix(loadTrainingSeries(store, SYMBOLS), o.target);
  for (const fold of r.metrics.cv.folds) {
    const pick = (from: string, to: string) => {
      const rows: number[] = [];
      for (let i = 0; i < m.rows; i++) {
        const d = nyDate(m.ts[i]!);
        if (d >= from && d <= to && !Number.isNaN(m.y[i]!)) rows.push(i);
      }
      const X = new Float64Array(rows.length * m.cols);
      rows.forEach((row, k) => X.set(m.X.subarray(row * m.cols, (row + 1) * m.cols), k * m.cols));
      return { X, y: Float64Array.from(rows, (row) => m.y[row]!), n: rows.length };
    };
    const train = pick(fold.trainFrom, fold.trainTo);
    const testSet = pick(fold.testFrom, fold.testTo);
    assert.equal(train.n, fold.trainRows);
    assert.equal(testSet.n, fold.rows);
    const model = trainLogistic(train.X, train.y, train.n, m.cols, { l2: 1 });
    const expected = auc(predictLogistic(model, testSet.X, testSet.n, m.cols), testSet.y);
    assert.ok(Math.abs(fold.auc - expected) <= 1e-12, `fold ${fold.fold}: ${fold.auc} vs ${expected}`);
  }
});

test('registry: each training registers a model; the newest becomes active unless told not to; one active at a time', async (t) => {
  const dir = tempDir(t);
  const store = await sampleStore(t, dir, SYMBOLS);
  const first = await runTrainJob(store, options(dir, { now: FIXED_NOW }));
  const second = await runTrainJob(store, options(dir, { now: FIXED_NOW + 60_000 }));
  const third = await runTrainJob(store, options(dir, { now: FIXED_NOW + 120_000, activate: false }));
  // the same training at the same (pinned) clock time is the same model: reused, not registered twice
  const again = await runTrainJob(store, options(dir, { now: FIXED_NOW + 120_000, activate: false }));
  assert.equal(again.id, third.id);
  assert.equal(again.reused, true);
  assert.equal(third.reused, false);
  assert.deepEqual(
    listModels(store).map((m) => m.id),
    [first.id, second.id, third.id],
  );
  assert.equal(activeModel(store)?.id, second.id);
  assert.equal(third.activated, false);
  activateModel(store, first.id);
  assert.deepEqual(
    listModels(store)
      .filter((m) => m.active)
      .map((m) => m.id),
    [first.id],
  );
  const shown = getModel(store, third.id);
  assert.equal(shown.kind, 'gbdt');
  assert.deepEqual(shown.symbols, SYMBOLS);
  assert.deepEqual(shown.features, featureNames());
  assert.equal((shown.params as { depth: number }).depth, 3);
  assert.throws(
    () => getModel(store, 'm-nope'),
    (e: unknown) => e instanceof DataError && /unknown model id "m-nope"/.test(e.message),
  );
  assert.throws(() => activateModel(store, 'm-nope'), DataError);
  // the scoreboard has one line per training, after its header
  const lines = readFileSync(join(dir, 'reports', 'scoreboard.csv'), 'utf8')
    .trim()
    .split('\n');
  assert.equal(lines.length, 5);
  assert.match(lines[0]!, /^date,model_id,kind,auc,cv_auc,/);
  assert.ok(lines[3]!.startsWith(`2024-01-02,${third.id},gbdt,`));
  assert.equal(lines[4], lines[3]);
});

const PINNED_CV_AUC = 0.48740687584512216;
