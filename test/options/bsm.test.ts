/**
 * European Black-Scholes-Merton against QuantLib 1.29's AnalyticEuropeanEngine on 200 seeded random cases
 * (test/fixtures/options/make_quantlib_fixtures.py; QuantLib's per-year theta and per-1.0 vega/rho converted
 * there to per calendar day and per point) and against Hull's worked examples.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { europeanGreeks } from '../../src/lib/options/bsm.js';
import { quantlib } from './quantlib-fixtures.js';

/**
 * 1e-8 relative. Below 1e-12 × spot the reference itself is cancellation noise (QuantLib computes
 * F·N(d1) − K·N(d2) for a call too, and returns −7.7e-15 for one deep out-of-the-money put): there the
 * comparison is absolute, at that floor.
 */
function close(actual: number, expected: number, scale: number): boolean {
  return Math.abs(actual - expected) <= Math.max(1e-8 * Math.abs(expected), 1e-12 * scale);
}

test('European price and greeks agree with QuantLib to 1e-8 relative on 200 cases not tuned to', () => {
  assert.equal(quantlib.european.length, 200);
  for (const c of quantlib.european) {
    const g = europeanGreeks({ ...c, years: c.days / 365 });
    const expected = { price: c.price, delta: c.delta, gamma: c.gamma, theta: c.thetaPerDay, vega: c.vega, rho: c.rho };
    for (const [k, v] of Object.entries(expected))
      assert.ok(
        close(g[k as keyof typeof g], v, c.spot),
        `${k}: ${g[k as keyof typeof g]} vs QuantLib ${v} in ${JSON.stringify(c)}`,
      );
  }
});

test('Hull 9th ed. Example 15.6: S=42, K=40, r=10%, σ=20%, T=0.5 → call 4.76, put 0.81', () => {
  const base = { spot: 42, strike: 40, rate: 0.1, dividendYield: 0, vol: 0.2, years: 0.5 };
  assert.equal(europeanGreeks({ ...base, type: 'call' }).price.toFixed(2), '4.76');
  assert.equal(europeanGreeks({ ...base, type: 'put' }).price.toFixed(2), '0.81');
});

// Hull 9th ed. ch. 19 (Examples 19.1–19.6): S=49, K=50, r=5%, σ=20%, 20 weeks.
test('Hull ch. 19 greeks: delta 0.522, gamma 0.066, theta −4.31/yr, vega 12.1, rho 8.91', () => {
  const g = europeanGreeks({
    type: 'call',
    spot: 49,
    strike: 50,
    rate: 0.05,
    dividendYield: 0,
    vol: 0.2,
    years: 20 / 52,
  });
  assert.equal(g.price.toFixed(2), '2.40');
  assert.equal(g.delta.toFixed(3), '0.522');
  assert.equal(g.gamma.toFixed(3), '0.066');
  assert.equal((g.theta * 365).toFixed(2), '-4.31'); // Hull quotes theta per year; ours is per calendar day
  assert.equal((g.vega * 100).toFixed(1), '12.1'); // Hull: per 1.0 of volatility; ours per point
  assert.equal((g.rho * 100).toFixed(2), '8.91');
});

test('put-call parity holds with a dividend yield: c − p = S·e^(−qT) − K·e^(−rT)', () => {
  const base = { spot: 97, strike: 103, rate: 0.03, dividendYield: 0.02, vol: 0.35, years: 0.75 };
  const c = europeanGreeks({ ...base, type: 'call' }).price;
  const p = europeanGreeks({ ...base, type: 'put' }).price;
  assert.ok(Math.abs(c - p - (97 * Math.exp(-0.02 * 0.75) - 103 * Math.exp(-0.03 * 0.75))) < 1e-12);
});
