import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evidenceOf as gateEvidence, modelGate, DEFAULT_GATE } from '../../src/lib/model/model-gate.js';
import { decidePromotion, evidenceOf } from '../../src/lib/model/promotion.js';
import type { ModelRecord } from '../../src/lib/store/models.js';

const model = (id: string, metrics: Record<string, unknown>): ModelRecord => ({
  id,
  createdAt: 0,
  kind: 'gbdt',
  path: `${id}.onnx`,
  features: [],
  retiredAt: null,
  fileRemovedAt: null,
  target: null,
  params: {},
  metrics,
  symbols: [],
  dataFrom: null,
  dataTo: null,
  active: true,
});

const cv = { aucMean: 0.6, brier: 0.24, folds: [] };

test('a model stored with only the old signal backtest has no evidence: gate closed, any challenger with evidence wins', () => {
  const old = model('m-old', { cv, signal: { sharpe: 3, buyHold: { sharpe: 0.5 } } });
  const e = evidenceOf(old);
  assert.ok(Number.isNaN(e.sharpe) && Number.isNaN(e.auc), JSON.stringify(e));
  assert.equal(gateEvidence(old), null);
  assert.match(modelGate(old, DEFAULT_GATE, false).reasons[0]!, /no out-of-sample evidence/);
  const oos = { cvAuc: 0.55, sharpe: 0.4, buyHoldSharpe: 0.3 };
  const challenger = evidenceOf(model('m-new', { cv, oos }));
  assert.deepEqual(
    { auc: challenger.auc, sharpe: challenger.sharpe, buyHoldSharpe: challenger.buyHoldSharpe },
    { auc: 0.55, sharpe: 0.4, buyHoldSharpe: 0.3 },
    'the gate’s figures, not recomputed',
  );
  const d = decidePromotion(e, [challenger], { metric: 'sharpe', minSharpeGain: 0, maxAucDrop: 0.005 });
  assert.equal(d.promoted, true);
  assert.ok(d.reasons.includes('the champion has no out-of-sample Sharpe on record'));
});
