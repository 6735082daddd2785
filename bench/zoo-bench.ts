/**
 * Model-zoo benchmark: our random forest and MLP beside scikit-learn's RandomForestClassifier and
 * MLPClassifier (Debian python3-sklearn) on the same 100,000 × 30 seeded data set as the GBDT benchmark
 * (train-bench.ts), wall time of the fit and AUC on 50,000 held-out rows. Both sides single-threaded
 * (n_jobs=1: our trainers use one thread). RF: 100 trees, depth ≤ 10, ≥ 20 rows per leaf, sqrt(features)
 * per split, bootstrap. MLP: (32, 16) ReLU, Adam lr 0.001, batch 200, L2 1e-4, 10 epochs without early
 * stopping (so both run the same number of passes). OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are unset for the
 * Python side only: they slow current numpy (see the machine notes); the BLAS kernel used is printed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auc } from '../src/lib/model/metrics.js';
import { predictMlp, trainMlp } from '../src/lib/model/mlp.js';
import { predictRf, trainRf } from '../src/lib/model/rf.js';
import { errorMessage } from '../src/lib/errors.js';
import { makeData } from './train-bench.js';
import type { BenchResult } from './types.js';

const ROWS = 100_000;
const HELD_OUT = 50_000;
const COLS = 30;
const EPOCHS = 10;

const SKLEARN_SCRIPT = `
import sys, time, json, numpy as np
from sklearn.ensemble import RandomForestClassifier
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler
from sklearn.impute import SimpleImputer
from sklearn.pipeline import make_pipeline
import sklearn
d, rows, held, cols, epochs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
X = np.fromfile(d + '/train_x.f64', dtype='<f8').reshape(rows, cols)
y = np.fromfile(d + '/train_y.f64', dtype='<f8')
Xt = np.fromfile(d + '/test_x.f64', dtype='<f8').reshape(held, cols)
out = {'version': sklearn.__version__}
try:
    from threadpoolctl import threadpool_info
    out['blas'] = ', '.join(f"{i.get('internal_api')} {i.get('architecture')}" for i in threadpool_info())
except Exception:
    out['blas'] = 'unknown'
t = time.perf_counter()
rf = RandomForestClassifier(n_estimators=100, max_depth=10, min_samples_leaf=20, max_features='sqrt', n_jobs=1, random_state=1)
rf.fit(np.nan_to_num(X), y)
out['rf_seconds'] = time.perf_counter() - t
out['rf_p'] = rf.predict_proba(np.nan_to_num(Xt))[:, 1].tolist()
t = time.perf_counter()
mlp = make_pipeline(SimpleImputer(), StandardScaler(), MLPClassifier(hidden_layer_sizes=(32, 16), solver='adam',
    learning_rate_init=0.001, batch_size=200, alpha=1e-4, max_iter=epochs, tol=0, n_iter_no_change=epochs + 1,
    early_stopping=False, random_state=1))
import warnings
with warnings.catch_warnings():
    warnings.simplefilter('ignore')
    mlp.fit(X, y)
out['mlp_seconds'] = time.perf_counter() - t
out['mlp_p'] = mlp.predict_proba(Xt)[:, 1].tolist()
print(json.dumps(out))
`;

interface Sklearn {
  version: string;
  blas: string;
  rf_seconds: number;
  rf_p: number[];
  mlp_seconds: number;
  mlp_p: number[];
}

function runSklearn(dir: string): Sklearn | { skipped: string } {
  const env = { ...process.env };
  delete env['OPENBLAS_CORETYPE'];
  delete env['OPENBLAS_L2_SIZE'];
  const failures: string[] = [];
  for (const python of ['/usr/bin/python3', 'python3']) {
    try {
      execFileSync(python, ['-c', 'import sklearn'], { stdio: 'pipe' });
    } catch (err) {
      failures.push(`${python}: ${errorMessage(err).split('\n')[0]}`);
      continue;
    }
    const args = ['-c', SKLEARN_SCRIPT, dir, String(ROWS), String(HELD_OUT), String(COLS), String(EPOCHS)];
    return JSON.parse(execFileSync(python, args, { env, maxBuffer: 64 << 20, encoding: 'utf8' })) as Sklearn;
  }
  return { skipped: `scikit-learn baseline skipped (${failures.join('; ')}); apt-get install python3-sklearn` };
}

function timed<T>(fn: () => T): { value: T; seconds: number } {
  const start = performance.now();
  const value = fn();
  return { value, seconds: (performance.now() - start) / 1000 };
}

export function benchZoo(): BenchResult[] {
  const train = makeData(ROWS, 1);
  const test = makeData(HELD_OUT, 2);
  const set = { X: train.X, y: train.y, rows: ROWS, cols: COLS };
  const rf = timed(() => trainRf(set, { trees: 100, maxDepth: 10, minLeaf: 20, seed: 1 }));
  const rfAuc = auc(predictRf(rf.value, test.X, HELD_OUT, COLS), test.y);
  const mlp = timed(() =>
    trainMlp(set, { hidden: [32, 16], maxEpochs: EPOCHS, patience: EPOCHS + 1, batchSize: 200, seed: 1 }),
  );
  const mlpAuc = auc(predictMlp(mlp.value, test.X, HELD_OUT, COLS), test.y);
  const dir = mkdtempSync(join(tmpdir(), 'ats-zoo-bench-'));
  try {
    const bytes = (a: Float64Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    writeFileSync(join(dir, 'train_x.f64'), bytes(train.X));
    writeFileSync(join(dir, 'train_y.f64'), bytes(train.y));
    writeFileSync(join(dir, 'test_x.f64'), bytes(test.X));
    const sk = runSklearn(dir);
    const rfName = 'rf train 100k x 30, 100 trees';
    const mlpName = `mlp train 100k x 30, (32,16), ${EPOCHS} epochs`;
    if ('skipped' in sk) {
      return [
        { name: rfName, value: rf.seconds, unit: 's', note: sk.skipped },
        { name: 'rf held-out AUC', value: rfAuc, unit: 'auc' },
        { name: mlpName, value: mlp.seconds, unit: 's', note: sk.skipped },
        { name: 'mlp held-out AUC', value: mlpAuc, unit: 'auc' },
      ];
    }
    const skRfAuc = auc(sk.rf_p, test.y);
    const skMlpAuc = auc(sk.mlp_p, test.y);
    const note = `scikit-learn ${sk.version}, n_jobs=1`;
    return [
      { name: rfName, value: rf.seconds, unit: 's', baseline: sk.rf_seconds, ratio: rf.seconds / sk.rf_seconds, note },
      { name: 'rf held-out AUC', value: rfAuc, unit: 'auc', baseline: skRfAuc, ratio: rfAuc / skRfAuc },
      {
        name: mlpName,
        value: mlp.seconds,
        unit: 's',
        baseline: sk.mlp_seconds,
        ratio: mlp.seconds / sk.mlp_seconds,
        note: `${note}; BLAS ${sk.blas}`,
      },
      { name: 'mlp held-out AUC', value: mlpAuc, unit: 'auc', baseline: skMlpAuc, ratio: mlpAuc / skMlpAuc },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
