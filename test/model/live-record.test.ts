import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkLiveRecord, liveRecord, scorePicks } from '../../src/lib/model/live-record.js';
import { nyMidnight } from '../../src/lib/time.js';

const DAYS = ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08'];
const ts = Float64Array.from(DAYS, (d) => nyMidnight(d));
// AAA: +10 %, −10 %, +5 %, 0 %; BBB: −5 %, +20 %, −10 %, +10 %.
const series = (bbbLast = 99) =>
  new Map([
    ['AAA', { ts, close: Float64Array.from([100, 110, 99, 103.95, 103.95]) }],
    ['BBB', { ts, close: Float64Array.from([100, 95, 114, 102.6, bbbLast]) }],
  ]);
const picks = [
  { session: '2024-01-02', symbol: 'AAA', probability: 0.7 },
  { session: '2024-01-02', symbol: 'BBB', probability: 0.6 },
  { session: '2024-01-03', symbol: 'AAA', probability: 0.4 },
  { session: '2024-01-03', symbol: 'BBB', probability: 0.8 },
  { session: '2024-01-05', symbol: 'BBB', probability: 0.9 },
];
const direction = { kind: 'direction' as const, horizon: 1, threshold: 0 };

test('live record: picks scored over the horizon, point-in-time, hand-computed hit rate and Brier', () => {
  const scored = scorePicks(picks, series(), direction, '2024-01-05');
  // The 2024-01-05 pick needs the 2024-01-08 close, unknown on 2024-01-05: not scored.
  assert.deepEqual(
    scored.map((p) => `${p.session} ${p.symbol} ${p.outcome}`),
    ['2024-01-02 AAA 1', '2024-01-02 BBB 0', '2024-01-03 AAA 0', '2024-01-03 BBB 1'],
  );
  // The bars after the as-of session do not change what is scored up to it.
  assert.deepEqual(scorePicks(picks, series(1), direction, '2024-01-05'), scored);
  const r = liveRecord(scored, 10);
  // Calls (p ≥ 0.5): AAA 0.7 hit, BBB 0.6 miss, BBB 0.8 hit → 2/3.
  assert.equal(r.calls, 3);
  assert.ok(Math.abs(r.hitRate - 2 / 3) < 1e-12);
  // Brier: (0.3² + 0.6² + 0.4² + 0.2²) / 4 = (0.09 + 0.36 + 0.16 + 0.04) / 4 = 0.1625.
  assert.ok(Math.abs(r.brier - 0.1625) < 1e-12);
  // The window keeps the last N by session.
  assert.equal(liveRecord(scored, 2).calls, 1);
  // Horizon 2: 2024-01-02 → 2024-01-04 (AAA −1 %, BBB +2.6 %); 2024-01-03 → 2024-01-05 (AAA −5.5 %, BBB +8 %).
  const two = scorePicks(picks, series(), { ...direction, horizon: 2 }, '2024-01-05');
  assert.deepEqual(
    two.map((p) => p.outcome),
    [0, 1, 0, 1],
  );
  // Cross-sectional: beats the median of the session's scored picks (2024-01-02: +10 % vs −5 % → AAA wins).
  const cross = scorePicks(picks, series(), { ...direction, kind: 'cross-sectional' }, '2024-01-05');
  assert.deepEqual(
    cross.map((p) => p.outcome),
    [1, 0, 0, 1],
  );
});

test('live record against the out-of-sample figures: retrain only past the margins and with enough picks', () => {
  const s = { picks: 4, hitRateDrop: 0.05, brierRise: 0.02 };
  const r = { scored: 4, calls: 3, hitRate: 0.5, brier: 0.24 };
  assert.equal(checkLiveRecord(r, { precision: 0.54, brier: 0.25 }, s).retrain, false);
  const hit = checkLiveRecord(r, { precision: 0.56, brier: 0.25 }, s);
  assert.equal(hit.retrain, true);
  assert.match(hit.summary, /hit rate 0\.500 < out-of-sample 0\.560 − 0\.05/);
  const brier = checkLiveRecord(r, { precision: 0.5, brier: 0.21 }, s);
  assert.equal(brier.retrain, true);
  assert.match(brier.summary, /Brier 0\.240 > out-of-sample 0\.210 \+ 0\.02/);
  const few = checkLiveRecord({ ...r, scored: 3 }, { precision: 0.9, brier: 0.01 }, s);
  assert.equal(few.retrain, false);
  assert.match(few.summary, /3 of 4 scored picks, too few/);
});
