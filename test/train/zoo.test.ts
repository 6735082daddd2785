import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../src/lib/store/open.js';
import { getModel, listModels, modelRole } from '../../src/lib/store/models.js';
import { listDecisions } from '../../src/lib/store/model-decisions.js';
import { runZooJob, type ZooJobOptions } from '../../src/lib/model/zoo-job.js';
import { outOfSampleEvidence } from '../../src/lib/backtest/oos-evidence.js';
import { evidenceOf as promotionEvidence } from '../../src/lib/model/promotion.js';
import { DEFAULT_GATE, evidenceOf as gateEvidence, modelGate } from '../../src/lib/model/model-gate.js';
import { writeModelDashboard } from '../../src/lib/report/model-dashboard.js';
import { nyDate } from '../../src/lib/time.js';
import { tempDir } from '../helpers/tmp.js';
import { DAY, START, storePlanted } from './planted.js';

const SYMBOLS = ['AAA', 'BBB', 'CCC', 'DDD'];
const NOISE = 560;

function options(dir: string, over: Partial<ZooJobOptions>): ZooJobOptions {
  return {
    symbols: SYMBOLS,
    target: { horizon: 1, threshold: 0 },
    kinds: ['logistic'],
    learner: { gbdt: {}, l2: 1, rf: { trees: 30, maxDepth: 6 }, mlp: { hidden: [8], maxEpochs: 30 } },
    config: { folds: 3, topK: 1, validFraction: 0.2 },
    modelsDir: join(dir, 'models'),
    reportsDir: join(dir, 'reports'),
    now: Date.UTC(2024, 0, 2),
    evidence: outOfSampleEvidence,
    rules: { metric: 'sharpe', minSharpeGain: 0, maxAucDrop: 0.005 },
    keepModels: 10,
    ...over,
  };
}

test('champion and challenger on a planted pattern: a better challenger replaces the champion, a worse one does not', async (t) => {
  const dir = tempDir(t);
  const store = openStore(join(dir, 'ats.db'));
  t.after(() => store.close());
  storePlanted(store, SYMBOLS, 1000, NOISE);
  const noiseEnd = nyDate(START + (NOISE - 1) * DAY);

  // 1. Trained on the noise only: no champion yet, so it becomes the champion, whatever its figures.
  const first = await runZooJob(store, options(dir, { to: noiseEnd }));
  assert.equal(first.decision.promoted, true);
  const a = first.candidates[0]!;
  assert.equal(first.champion, a.id);
  assert.ok(Math.abs(a.metrics.cv.aucMean - 0.5) < 0.05, `noise AUC ${a.metrics.cv.aucMean}`);

  // 2. With the pattern: the better challenger beats it out of sample and replaces it.
  const second = await runZooJob(store, options(dir, { kinds: ['logistic', 'rf'], now: Date.UTC(2024, 0, 3) }));
  const best = second.candidates.find((c) => c.id === second.decision.challenger)!;
  assert.ok(best.metrics.cv.aucMean > 0.6, `planted-pattern AUC ${best.metrics.cv.aucMean}`);
  const oosA = a.metrics.oos!;
  const oosBest = best.metrics.oos!;
  const beforeSharpe = Number.isFinite(oosA.sharpe) ? oosA.sharpe : 0; // NaN: no trade, flat equity
  assert.ok(
    oosBest.sharpe > beforeSharpe + 1,
    `a clearly better out-of-sample Sharpe: ${oosBest.sharpe} vs ${oosA.sharpe}`,
  );
  assert.ok(oosBest.sharpe > oosBest.buyHoldSharpe);
  // One evidence: the contest and the model gate judge the very same figures.
  const judged = promotionEvidence(getModel(store, best.id));
  assert.equal(judged.sharpe, gateEvidence(getModel(store, best.id))!.sharpe);
  assert.equal(judged.auc, gateEvidence(getModel(store, best.id))!.cvAuc);
  assert.equal(modelGate(getModel(store, best.id), DEFAULT_GATE, false).open, true);
  for (const c of second.candidates) {
    assert.ok(c.metrics.cv.brier > 0 && c.metrics.cv.brier < 0.25, `Brier ${c.metrics.cv.brier}`);
    assert.ok(c.metrics.cv.ece >= 0 && c.metrics.cv.ece < 0.2, `ECE ${c.metrics.cv.ece}`);
  }
  assert.equal(second.decision.promoted, true, second.decision.reasons.join('; '));
  assert.equal(second.decision.championBefore, a.id);
  assert.equal(second.champion, best.id);
  assert.equal(modelRole(getModel(store, a.id)), 'retired');

  // 3. A worse challenger (trained on the noise again, as an MLP) does not replace it.
  const third = await runZooJob(
    store,
    options(dir, { kinds: ['mlp'], to: noiseEnd, now: Date.UTC(2024, 0, 4), keepModels: 2 }),
  );
  assert.equal(third.decision.promoted, false);
  assert.equal(third.champion, best.id);
  assert.match(third.decision.reasons.join('\n'), /kept: .* stays the champion/);
  assert.equal(modelRole(getModel(store, third.candidates[0]!.id)), 'challenger');
  assert.equal(modelRole(getModel(store, best.id)), 'champion');

  // Decisions are in the registry, newest first; old files are gone (not the champion's), their rows stay.
  const decisions = listDecisions(store);
  assert.deepEqual(
    decisions.map((d) => d.promoted),
    [false, true, true],
  );
  assert.equal(listModels(store).length, 4);
  // keepModels 2: the two newest files stay, and the champion's, wherever it is
  const expected = listModels(store)
    .reverse()
    .slice(2)
    .filter((m) => m.id !== best.id)
    .map((m) => m.id);
  assert.deepEqual(third.removed, expected);
  assert.ok(expected.includes(a.id));
  assert.ok(existsSync(getModel(store, best.id).path));
  assert.ok(!existsSync(getModel(store, a.id).path));

  const scoreboard = readFileSync(third.scoreboardPath, 'utf8').trim().split('\n');
  assert.equal(scoreboard.length, 1 + 4);
  assert.match(scoreboard[0]!, /,brier,ece,wf_return,wf_sharpe,wf_max_drawdown,wf_turnover,bh_sharpe,decision$/);
  assert.match(scoreboard.join('\n'), /promoted to champion/);
  assert.match(scoreboard[4]!, /best challenger: not promoted$/);
  const html = readFileSync(writeModelDashboard(store, join(dir, 'reports'), best.id, Date.UTC(2024, 0, 4)), 'utf8');
  assert.match(html, /Champion and challenger/);
  assert.match(html, /stays the champion/);
});
