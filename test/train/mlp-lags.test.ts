/**
 * The MLP's lag inputs end to end: trained on the feature vector plus its last 2 sessions (and the intraday set
 * where minute bars are stored), exported to ONNX with that widened input (onnxruntime = trainer to 1e-5), and
 * scored by the playbook with the same lags and intraday columns built point-in-time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFeatureMatrix } from '../../src/lib/features/matrix.js';
import { columnIndices, selectColumns } from '../../src/lib/model/feature-columns.js';
import { predictMlp, trainMlp } from '../../src/lib/model/mlp.js';
import { mlpToOnnx } from '../../src/lib/model/onnx-export-zoo.js';
import { loadModel } from '../../src/lib/model/onnx-infer.js';
import { runPlaybook } from '../../src/lib/model/playbook.js';
import { runTrainJob } from '../../src/lib/model/train-job.js';
import { loadMinuteSeries, loadSeries, upsertBars } from '../../src/lib/store/bars.js';
import { getModel } from '../../src/lib/store/models.js';
import { nyDate, nyTime } from '../../src/lib/time.js';
import type { Bar } from '../../src/lib/types.js';
import { tempDir } from '../helpers/tmp.js';
import { FIXED_NOW, sampleStore } from './sample-store.js';

const SYMBOLS = ['AAPL', 'MSFT', 'NVDA'];

/** 60 regular-session minute bars per session for AAPL's last 8 daily sessions, around that day's close. */
function minuteBars(dailyTs: Float64Array, dailyClose: Float64Array): Bar[] {
  const bars: Bar[] = [];
  for (let d = dailyTs.length - 8; d < dailyTs.length; d++) {
    const date = nyDate(dailyTs[d]!);
    for (let k = 0; k < 60; k++) {
      const c = dailyClose[d]! * (1 + 0.001 * Math.sin(k + d));
      bars.push({
        symbol: 'AAPL',
        timeframe: '1m',
        ts: nyTime(date, 9, 30) + k * 6 * 60_000,
        open: c,
        high: c * 1.001,
        low: c * 0.999,
        close: c,
        volume: 100 + k,
        vwap: null,
        trades: null,
      });
    }
  }
  return bars;
}

test('MLP with lags: widened ONNX input matches the trainer; the playbook builds the same lags and intraday columns', async (t) => {
  const dir = tempDir(t);
  const store = await sampleStore(t, dir, SYMBOLS, { days: 900 });
  const aapl = loadSeries(store, 'AAPL');
  upsertBars(store, minuteBars(aapl.ts, aapl.close), 'test');
  const modelsDir = join(dir, 'models');
  const trained = await runTrainJob(store, {
    symbols: SYMBOLS,
    target: { horizon: 1, threshold: 0 },
    config: {
      learner: { kind: 'mlp', gbdt: {}, l2: 1, mlp: { hidden: [8], maxEpochs: 5, seed: 3 }, mlpLags: 2 },
      folds: 2,
      topK: 1,
      validFraction: 0.2,
    },
    modelsDir,
    reportsDir: join(dir, 'reports'),
    activate: true,
    now: FIXED_NOW,
  });
  const features = getModel(store, trained.id).features;
  for (const name of ['rsi_14', 'rsi_14_lag1', 'rsi_14_lag2', 'wk_rsi_14_lag2', 'regime_trend', 'id_vwap_dist_lag1'])
    assert.ok(features.includes(name), `the model records ${name}`);
  assert.ok(!features.includes('rsi_14_lag3'));

  // The same matrix the trainer saw (intraday NaN for MSFT/NVDA and before AAPL's minute bars).
  const series = SYMBOLS.map((s) => loadSeries(store, s));
  const minute = new Map([['AAPL', loadMinuteSeries(store, 'AAPL')]]);
  const m = buildFeatureMatrix(series, { horizon: 1 }, { lags: 2, minute });
  assert.deepEqual(m.featureNames, features);
  assert.ok(m.X.some(Number.isNaN), 'missing intraday values reach the learner as NaN');

  // onnxruntime reproduces the MLP on the widened input, NaNs included.
  const mlp = trainMlp(
    { X: m.X, rows: m.rows, cols: m.cols, y: m.y.map((v) => (Number.isNaN(v) ? 0 : v)) },
    {
      hidden: [8],
      maxEpochs: 3,
    },
  );
  const path = join(dir, 'lagged.onnx');
  writeFileSync(path, mlpToOnnx(mlp, { featureNames: m.featureNames }));
  const ort = await loadModel(path);
  assert.equal(ort.nFeatures, m.cols);
  const mine = predictMlp(mlp, m.X, m.rows, m.cols);
  const theirs = await ort.predict(m.X, m.rows, m.cols);
  let worst = 0;
  for (let i = 0; i < m.rows; i++) worst = Math.max(worst, Math.abs(mine[i]! - theirs[i]!));
  assert.ok(worst < 1e-5, `max |difference| ${worst}`);

  // The playbook scores the last session with the registered model on the same columns.
  const pb = await runPlaybook(store, {
    symbols: SYMBOLS,
    top: 10,
    threshold: 0.55,
    allowShort: false,
    modelsDir,
    reportsDir: join(dir, 'reports'),
    now: FIXED_NOW,
  });
  assert.equal(pb.modelId, trained.id);
  const registered = await loadModel(trained.path);
  const idx = columnIndices(m.featureNames, features);
  for (const symbol of SYMBOLS) {
    const last = m.symbol.lastIndexOf(symbol);
    const row = selectColumns(m.X.subarray(last * m.cols, (last + 1) * m.cols), 1, m.cols, idx);
    const [p] = await registered.predict(row, 1, idx.length);
    assert.equal(pb.rows.find((r) => r.symbol === symbol)!.probability, p, symbol);
  }
});
