import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeRegime, describeRegime, isHighVolDowntrend, regimeAt } from '../../src/lib/features/regime.js';

const DAY = 86_400_000;
const ts = (n: number) => Float64Array.from({ length: n }, (_, i) => (i + 1) * DAY);

test('regime: a hand-computed small case (trend over 3 sessions, volatility over 2 returns)', () => {
  // A's returns are +4 %, −2 %, +6 %, −8 %, +2 %; B is flat, so the equal-weight index returns half of A's:
  // +2 %, −1 %, +3 %, −4 %, +1 % → index 1, 1.02, 1.0098, 1.040094, 0.99849024, 1.0084751424 (by hand).
  const a = [100, 104, 101.92, 108.0352, 99.392384, 101.38023168];
  const r = computeRegime(
    [
      { ts: ts(6), close: Float64Array.from(a) },
      { ts: ts(6), close: new Float64Array(6).fill(50) },
    ],
    { trendSessions: 3, volSessions: 2, volMinHistory: 2 },
  );
  const close = (x: number, y: number) => assert.ok(Math.abs(x - y) < 1e-9, `${x} vs ${y}`);
  [1, 1.02, 1.0098, 1.040094, 0.99849024, 1.0084751424].forEach((v, i) => close(r.index[i]!, v));
  assert.deepEqual(Array.from(r.symbols), [0, 2, 2, 2, 2, 2]);
  // 3-session averages: 1.0099333…, 1.023298, 1.01612808, 1.0156864608.
  assert.ok(Number.isNaN(r.sma[1]!));
  close(r.sma[2]!, 3.0298 / 3);
  close(r.sma[5]!, 3.0470593824 / 3);
  assert.deepEqual(
    [2, 3, 4, 5].map((i) => regimeAt(r, i).trend),
    ['down', 'up', 'down', 'down'],
  );
  // Sample std of two returns = |a − b| / √2; × √252 = |a − b| × √126: 0.03, 0.04, 0.07, 0.05 × √126.
  [0.03, 0.04, 0.07, 0.05].forEach((d, k) => close(r.vol[k + 2]!, d * Math.sqrt(126)));
  // Percentile of each value among the values so far (minimum history 2): n/a, 2/2, 3/3, 3/4.
  assert.equal(regimeAt(r, 2).volPct, null);
  assert.deepEqual(
    [3, 4, 5].map((i) => regimeAt(r, i).volPct),
    [1, 1, 0.75],
  );
  assert.equal(isHighVolDowntrend(regimeAt(r, 4)), true);
  assert.equal(isHighVolDowntrend(regimeAt(r, 5)), false, '75th percentile is below 0.8');
  assert.equal(isHighVolDowntrend(regimeAt(r, 3)), false, 'an uptrend');
  assert.equal(describeRegime(regimeAt(r, 5)), 'down, vol 75th pct');
});

function walk(seed: number, n: number, perturbFrom = Infinity): Float64Array {
  let s = seed;
  const out = new Float64Array(n);
  let p = 100;
  for (let i = 0; i < n; i++) {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    p *= 1 + (s / 2_147_483_648 - 0.5) * 0.04;
    out[i] = i >= perturbFrom ? p * (i % 2 ? 1.7 : 0.6) : p;
  }
  return out;
}

test('regime: changing the bars after session k leaves every regime value up to k unchanged', () => {
  const n = 320;
  const k = 260;
  const series = (from: number) => [1, 2, 3].map((seed) => ({ ts: ts(n), close: walk(seed, n, from) }));
  const before = computeRegime(series(Infinity));
  const after = computeRegime(series(k + 1));
  for (let i = 0; i <= k; i++) {
    for (const key of ['index', 'sma', 'vol', 'volPct'] as const)
      assert.ok(Object.is(before[key][i], after[key][i]), `${key} at ${i}`);
    assert.deepEqual(regimeAt(before, i), regimeAt(after, i));
  }
  assert.notEqual(before.vol[k + 2], after.vol[k + 2], 'the perturbation changes later sessions');
  assert.notEqual(regimeAt(before, k).trend, null, 'trend is defined after 200 sessions');
  assert.notEqual(regimeAt(before, k).volPct, null);
});
