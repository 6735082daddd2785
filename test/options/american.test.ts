/**
 * American prices against QuantLib 1.29 (test/fixtures/options/make_quantlib_fixtures.py), 40 seeded cases:
 * puts, and calls on dividend payers. QuantLib's Leisen-Reimer BinomialVanillaEngine at 4001 steps is the
 * reference (its LR tree drifts above ~5000 steps, and shows isolated glitches at some step counts, e.g.
 * 401 and 801, so "many steps" is 4001); its finite-difference engine on a 4000 × 4000 grid is a second check.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AMERICAN_STEPS, americanGreeks, americanPrice, optionGreeks } from '../../src/lib/options/american.js';
import { europeanGreeks } from '../../src/lib/options/bsm.js';
import { quantlib } from './quantlib-fixtures.js';

const input = (c: (typeof quantlib.american)[number]) => ({ ...c, years: c.days / 365 });

test('the tree is QuantLib’s LR tree: identical prices at 2001 and 4001 steps (1e-9 relative)', () => {
  for (const c of quantlib.american)
    for (const n of [2001, 4001]) {
      const p = americanPrice(input(c), n);
      assert.ok(Math.abs(p - c.lr[String(n)]!) <= 1e-9 * c.lr[String(n)]!, `${n}: ${p} vs ${c.lr[String(n)]}`);
    }
});

test(`American prices at the default ${AMERICAN_STEPS} steps: within 1e-4 of QuantLib’s binomial engine at 4001 steps`, () => {
  assert.equal(quantlib.american.length, 40);
  for (const c of quantlib.american) {
    const p = americanPrice(input(c));
    assert.ok(Math.abs(p - c.lr['4001']!) < 1e-4, `${p} vs ${c.lr['4001']} in ${JSON.stringify(c)}`);
    // Independent of trees: QuantLib's finite differences agree to 3e-4 (long-dated, high-volatility cases
    // converge slowest on any binomial tree).
    assert.ok(Math.abs(p - c.fd) < 3e-4, `${p} vs FD ${c.fd}`);
    assert.ok(p >= europeanGreeks(input(c)).price - 1e-4, 'an American option is worth at least the European');
  }
});

test('Hull 9th ed. §21.1: American put S=50, K=50, r=10%, σ=40%, 5 months ≈ 4.28 (Hull: 4.283 at 500 CRR steps)', () => {
  const p = americanPrice({ type: 'put', spot: 50, strike: 50, rate: 0.1, dividendYield: 0, vol: 0.4, years: 5 / 12 });
  assert.equal(p.toFixed(2), '4.28');
});

test('greeks from the tree match the closed form where early exercise cannot pay (a call, no dividend)', () => {
  const o = { type: 'call' as const, spot: 100, strike: 105, rate: 0.03, dividendYield: 0, vol: 0.25, years: 0.5 };
  const tree = americanGreeks(o, 1001);
  const closed = europeanGreeks(o);
  for (const k of ['price', 'delta', 'gamma', 'theta', 'vega', 'rho'] as const)
    assert.ok(
      Math.abs(tree[k] - closed[k]) < 2e-3 * Math.max(Math.abs(closed[k]), 1),
      `${k}: ${tree[k]} vs ${closed[k]}`,
    );
  // optionGreeks takes the closed form there, and the tree for a put.
  assert.deepEqual(optionGreeks(o, true), closed);
  const put = { ...o, type: 'put' as const };
  assert.ok(optionGreeks(put, true).price > europeanGreeks(put).price);
});
