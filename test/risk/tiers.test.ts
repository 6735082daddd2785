import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accountTier } from '../../src/lib/risk/index.js';
import { UsageError } from '../../src/lib/errors.js';

// Reference: the tier table of issue 5 ("Execution"): micro < $1k, small < $10k, medium < $50k, large < $250k,
// institutional >= $250k; max open positions 2/3/5/8/12; risk per trade 2/2.5/3/3.5/4 %.
// A boundary value belongs to the higher tier.
const cases: Array<[number, string, number, number]> = [
  [0, 'micro', 2, 0.02],
  [999.99, 'micro', 2, 0.02],
  [1_000, 'small', 3, 0.025],
  [9_999.99, 'small', 3, 0.025],
  [10_000, 'medium', 5, 0.03],
  [49_999.99, 'medium', 5, 0.03],
  [50_000, 'large', 8, 0.035],
  [249_999.99, 'large', 8, 0.035],
  [250_000, 'institutional', 12, 0.04],
  [1e9, 'institutional', 12, 0.04],
];

for (const [equity, name, maxOpenPositions, riskPerTrade] of cases) {
  test(`accountTier(${equity}) is ${name}`, () => {
    assert.deepEqual(accountTier(equity), { name, maxOpenPositions, riskPerTrade });
  });
}

test('accountTier refuses NaN, Infinity and negative equity', () => {
  for (const bad of [Number.NaN, Infinity, -1]) {
    assert.throws(
      () => accountTier(bad),
      (e: unknown) => e instanceof UsageError && e.message.includes(String(bad)),
    );
  }
});
