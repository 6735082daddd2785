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

test('a champion judged on other symbols is not compared: the contest’s best challenger replaces it, saying why', () => {
  const rules = { metric: 'sharpe' as const, minSharpeGain: 0, maxAucDrop: 0.005 };
  const strong = { cvAuc: 0.6, sharpe: 2, buyHoldSharpe: 1 };
  const weak = { cvAuc: 0.52, sharpe: 0.2, buyHoldSharpe: 1 };
  const champion = evidenceOf({ ...model('m-champ', { cv, oos: strong }), symbols: ['MSFT', 'AAPL'] });
  const sameSymbols = evidenceOf({ ...model('m-a', { cv, oos: weak }), symbols: ['AAPL', 'MSFT'] });
  const otherSymbols = evidenceOf({ ...model('m-b', { cv, oos: weak }), symbols: ['AAPL', 'MSFT', 'NVDA'] });
  // The same universe in another order compares: the weaker challenger is kept out.
  assert.equal(decidePromotion(champion, [sameSymbols], rules).promoted, false);
  const d = decidePromotion(champion, [otherSymbols], rules);
  assert.equal(d.promoted, true);
  assert.match(d.reasons.join('\n'), /judged on AAPL,MSFT, not comparable with this contest's AAPL,MSFT,NVDA/);
});
