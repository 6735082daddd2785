import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildFeatureMatrix } from '../../src/lib/features/matrix.js';
import { indexSessions, walkForwardSplits } from '../../src/lib/model/walk-forward.js';
import type { BarSeries } from '../../src/lib/types.js';
import { plantedBars } from '../train/planted.js';

const SYMBOLS = ['AAA', 'BBB', 'CCC'];

function seriesOf(perturbFrom = Infinity): BarSeries[] {
  const bars = plantedBars(SYMBOLS, 400, 0, 5);
  return SYMBOLS.map((symbol, j) => {
    const own = bars.filter((b) => b.symbol === symbol);
    // From bar `perturbFrom` on, prices double or halve, differently per symbol: the future is rewritten.
    const f = (i: number) => (i >= perturbFrom ? ((i + j) % 2 ? 2 : 0.5) : 1);
    const col = (k: 'open' | 'high' | 'low' | 'close') => Float64Array.from(own, (b, i) => b[k] * f(i));
    return {
      symbol,
      ts: Float64Array.from(own, (b) => b.ts),
      open: col('open'),
      high: col('high'),
      low: col('low'),
      close: col('close'),
      volume: Float64Array.from(own, (b) => b.volume),
    };
  });
}

for (const kind of ['direction', 'cross-sectional'] as const) {
  test(`${kind} target: perturbing bars from session k changes no label of a session before k - horizon`, () => {
    const horizon = 3;
    const k = 330;
    const before = buildFeatureMatrix(seriesOf(), { kind, horizon });
    const after = buildFeatureMatrix(seriesOf(k), { kind, horizon });
    const kTs = before.ts[0]! + (k - 251) * 86_400_000; // rows start at bar 251 (the feature warm-up)
    let compared = 0;
    let changedLate = 0;
    for (let r = 0; r < before.rows; r++) {
      const sessionsToK = Math.round((kTs - before.ts[r]!) / 86_400_000);
      if (sessionsToK > horizon) {
        assert.equal(after.y[r], before.y[r], `row ${r}, ${sessionsToK} sessions before the perturbation`);
        compared++;
      } else if (sessionsToK > 0 && after.y[r] !== before.y[r]) changedLate++;
    }
    assert.ok(compared > 100);
    assert.ok(changedLate > 0, 'the perturbation does reach the labels of the last `horizon` sessions before it');
  });
}

test('the purge gap covers the horizon: every training label is known before the first test session', () => {
  const horizon = 5;
  const m = buildFeatureMatrix(seriesOf(), { kind: 'cross-sectional', horizon });
  const index = indexSessions(m.ts);
  for (const split of walkForwardSplits(index, 4, horizon)) {
    const lastTrain = Math.max(...Array.from(split.train, (r) => index.ofRow[r]!));
    // the label of session s uses closes up to s + horizon
    assert.ok(lastTrain + horizon < split.testSessions[0], `${lastTrain} + ${horizon} >= ${split.testSessions[0]}`);
  }
});
