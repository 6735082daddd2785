import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../src/lib/store/open.js';
import { runTuneJob, type TuneJobOptions } from '../../src/lib/model/tune-job.js';
import { rankTrials, rungFolds, rungSizes, survivors } from '../../src/lib/model/tune-halving.js';
import { tempDir } from '../helpers/tmp.js';
import { storePlanted } from '../train/planted.js';

const SYMBOLS = ['AAA', 'BBB', 'CCC'];

function options(dir: string, over: Partial<TuneJobOptions> = {}): TuneJobOptions {
  return {
    symbols: SYMBOLS,
    target: { horizon: 1, threshold: 0 },
    kind: 'logistic',
    trials: 9,
    eta: 3,
    seed: 7,
    earlyStoppingRounds: 10,
    config: { folds: 6, topK: 1, validFraction: 0.2 },
    modelsDir: join(dir, 'models'),
    reportsDir: join(dir, 'reports'),
    now: Date.UTC(2024, 0, 2),
    ...over,
  };
}

async function tuneIn(t: { after: (fn: () => void) => void }, over: Partial<TuneJobOptions> = {}) {
  const dir = tempDir(t);
  const store = openStore(join(dir, 'ats.db'));
  t.after(() => store.close());
  // Noise for the first 300 sessions, then a planted mean reversion (test/train/planted.ts).
  storePlanted(store, SYMBOLS, 700, 300);
  return runTuneJob(store, options(dir, over));
}

test('the halving schedule: folds per rung and configurations per rung', () => {
  assert.deepEqual(rungFolds(5, 3), [2, 5]);
  assert.deepEqual(rungFolds(6, 3), [2, 6]);
  assert.deepEqual(rungFolds(9, 3), [2, 3, 9]);
  assert.deepEqual(rungFolds(18, 3), [2, 6, 18]);
  assert.deepEqual(rungFolds(2, 3), [2]);
  assert.deepEqual(rungSizes(20, 3, 3), [20, 7, 3]);
  assert.deepEqual(rungSizes(9, 2, 3), [9, 3]);
});

test('survivors are the best by AUC, ties broken by log loss then trial; a NaN score ranks last', () => {
  const scored = [
    { trial: 0, auc: 0.51, logLoss: 0.69 },
    { trial: 1, auc: Number.NaN, logLoss: 0.6 },
    { trial: 2, auc: 0.55, logLoss: 0.69 },
    { trial: 3, auc: 0.53, logLoss: 0.68 },
    { trial: 4, auc: 0.53, logLoss: 0.67 },
  ];
  assert.deepEqual(
    rankTrials(scored).map((s) => s.trial),
    [2, 4, 3, 0, 1],
  );
  assert.deepEqual(survivors(scored, 2), [2, 4]);
});

test('halving keeps the best: each rung scores exactly the best 1/eta of the previous one', async (t) => {
  const r = await tuneIn(t, { kind: 'logistic', trials: 9, config: { folds: 6, topK: 1, validFraction: 0.2 } });
  assert.ok(r.complete);
  assert.deepEqual(r.rungs, [
    { folds: 2, size: 9 },
    { folds: 6, size: 3 },
  ]);
  for (let rung = 1; rung < r.rungs.length; rung++) {
    const previous = r.trials.filter((x) => x.rung === rung - 1);
    const here = r.trials.filter((x) => x.rung === rung).map((x) => x.trial);
    const ranked = rankTrials(previous).map((x) => x.trial);
    assert.deepEqual(
      [...here].sort((a, b) => a - b),
      ranked.slice(0, r.rungs[rung]!.size).sort((a, b) => a - b),
    );
    // and every configuration left behind scored below every one that went on
    const worstKept = Math.min(...previous.filter((x) => here.includes(x.trial)).map((x) => x.auc));
    for (const x of previous) if (!here.includes(x.trial)) assert.ok(x.auc <= worstKept, `trial ${x.trial}`);
  }
  assert.equal(r.trials.length, 12);
  const last = r.trials.filter((x) => x.rung === 1);
  assert.equal(r.best?.trial, rankTrials(last)[0]!.trial);
  assert.equal(r.best?.folds, 6);
  // On the planted mean reversion, a linear model on ret_1 finds the edge out of sample.
  assert.ok(r.best.auc > 0.55, `best AUC ${r.best.auc}`);
  const csv = readFileSync(r.csvPath, 'utf8').trim().split('\n');
  assert.equal(csv[0], 'study,trial,rung,folds,auc,auc_std,log_loss,brier,seconds,params');
  assert.equal(csv.length, 13);
});

test('determinism: the same seed gives the same configurations and scores, with 1 or 2 workers', async (t) => {
  const gbdt = { kind: 'gbdt' as const, trials: 4, config: { folds: 6, topK: 1, validFraction: 0.2 } };
  const a = await tuneIn(t, { ...gbdt, workers: 1 });
  const b = await tuneIn(t, { ...gbdt, workers: 2 });
  const c = await tuneIn(t, { ...gbdt, workers: 2, seed: 8 });
  const key = (r: typeof a) =>
    r.trials.map(({ trial, rung, folds, params, auc, logLoss }) => ({ trial, rung, folds, params, auc, logLoss }));
  assert.equal(a.study, b.study);
  assert.deepEqual(key(a), key(b));
  assert.deepEqual(a.best?.params, b.best?.params);
  assert.notEqual(c.study, a.study);
  assert.notDeepEqual(
    c.trials.map((x) => x.params),
    a.trials.map((x) => x.params),
  );
  assert.ok(existsSync(a.csvPath));
});

test('an MLP is tuned on the input it trains on: the feature vector and its lags (setting mlpLags)', async (t) => {
  const over = { kind: 'mlp' as const, trials: 2, eta: 2, config: { folds: 2, topK: 1, validFraction: 0.2 } };
  const plain = await tuneIn(t, { ...over, mlpLags: 0 });
  const lagged = await tuneIn(t, { ...over, mlpLags: 2 });
  assert.notEqual(lagged.study, plain.study, 'a lagged study is its own study');
  const scores = (r: typeof plain) => r.trials.map((x) => x.auc).join(',');
  assert.notEqual(scores(lagged), scores(plain), 'the lags reach the learner');
  // Other kinds ignore the setting: their study and scores are the same with or without it.
  const logistic = { kind: 'logistic' as const, trials: 2, eta: 2, config: over.config };
  const a = await tuneIn(t, { ...logistic, mlpLags: 0 });
  const b = await tuneIn(t, { ...logistic, mlpLags: 2 });
  assert.equal(a.study, b.study);
  assert.equal(scores(a), scores(b));
});
