/** Implied volatility: QuantLib's prices back to their volatility (1e-6), Hull's example, refusals outside the band. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { impliedVol } from '../../src/lib/options/implied-vol.js';
import { americanPrice } from '../../src/lib/options/american.js';
import { quantlib } from './quantlib-fixtures.js';

test('implied volatility from QuantLib prices recovers the volatility to 1e-6 (and matches QuantLib’s own solver)', () => {
  const cases = quantlib.european.filter((c) => c.iv !== undefined);
  assert.ok(cases.length > 150, `${cases.length} cases`);
  for (const c of cases) {
    const iv = impliedVol({ ...c, years: c.days / 365 });
    assert.ok(Math.abs(iv - c.vol) < 1e-6, `${iv} vs ${c.vol} in ${JSON.stringify(c)}`);
    assert.ok(Math.abs(iv - c.iv!) < 1e-6);
  }
});

test('Hull 9th ed. §15.11: a call at 1.875 with S=21, K=20, r=10%, T=0.25 implies σ ≈ 23.5%', () => {
  const iv = impliedVol({ type: 'call', spot: 21, strike: 20, rate: 0.1, dividendYield: 0, years: 0.25, price: 1.875 });
  assert.equal((iv * 100).toFixed(1), '23.5');
});

test('American implied volatility inverts the tree', () => {
  const o = { type: 'put' as const, spot: 95, strike: 100, rate: 0.05, dividendYield: 0.01, years: 0.5 };
  const price = americanPrice({ ...o, vol: 0.37 });
  assert.ok(Math.abs(impliedVol({ ...o, price }, true) - 0.37) < 1e-6);
});

test('no solution below discounted intrinsic value or above the no-arbitrage bound: a clear refusal, exit 2', () => {
  const o = { type: 'call' as const, spot: 110, strike: 100, rate: 0.05, dividendYield: 0, years: 1 };
  // Lower bound S − K·e^(−rT) = 110 − 95.12 = 14.88.
  assert.throws(
    () => impliedVol({ ...o, price: 14 }),
    (e: Error & { exitCode?: number }) =>
      /no implied volatility: price 14 is at or below the discounted intrinsic value 14\.877/.test(e.message) &&
      e.exitCode === 2,
  );
  assert.throws(() => impliedVol({ ...o, price: 111 }), /at or above the no-arbitrage bound 110/);
  // American: intrinsic 10 for a put struck 10 above spot, even where the European bound is lower.
  assert.throws(
    () => impliedVol({ ...o, type: 'put', spot: 90, price: 9.9 }, true),
    /at or below the intrinsic value 10/,
  );
});
