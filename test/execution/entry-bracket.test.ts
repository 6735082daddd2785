/**
 * The bracket daily --trade sends. Reference numbers are worked by hand from the definitions (stop = entry − 2 ATR,
 * shares = floor(equity × risk / (entry − stop)), take-profit = entry + rewardRisk × (entry − stop)).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entryBracket } from '../../src/lib/execution/entry-bracket.js';

const account = { equity: 100_000, buyingPower: 100_000, riskPerTrade: 0.035, maxSymbolPct: 100, rewardRisk: 2 };

test('the adaptive stop: wider in the volatile name, the size smaller, the dollar risk the same', () => {
  // calm: ATR 2 % of 100 → stop 96, budget 3 500 / 4 = 875 shares; take-profit 100 + 2 × 4 = 108
  const calm = entryBracket({ ...account, entry: 100, atrPct: 0.02 });
  assert.deepEqual(calm, { shares: 875, stop: 96, takeProfit: 108, risk: 3500 });
  // volatile: ATR 5 % of 50 → stop 45, 3 500 / 5 = 700 shares; take-profit 50 + 2 × 5 = 60
  const wild = entryBracket({ ...account, entry: 50, atrPct: 0.05 });
  assert.deepEqual(wild, { shares: 700, stop: 45, takeProfit: 60, risk: 3500 });
  assert.ok(1 - wild.stop / 50 > 1 - calm.stop / 100, 'the volatile stop is wider in percent');
});

test('prices go to the tick; the size uses the rounded stop; rewardRisk sets the take-profit', () => {
  // 187.43 × (1 − 2 × 0.0173) = 180.944978 → 180.94; distance 6.49; 187.43 + 3 × 6.49 = 206.90
  const b = entryBracket({ ...account, riskPerTrade: 0.02, entry: 187.43, atrPct: 0.0173, rewardRisk: 3 });
  assert.equal(b.stop, 180.94);
  assert.equal(b.takeProfit, 206.9);
  assert.equal(b.shares, 308); // floor(2 000 / 6.49) = floor(308.17)
  assert.ok(Math.abs(b.risk - 308 * 6.49) < 1e-9);
});

test('the per-symbol exposure cap only lowers the size and its risk', () => {
  // 5 % of 100 000 = 5 000 dollars → 50 shares of 100, risking 50 × 4 = 200 (< the 3 500 budget)
  const b = entryBracket({ ...account, maxSymbolPct: 5, entry: 100, atrPct: 0.02 });
  assert.deepEqual(b, { shares: 50, stop: 96, takeProfit: 108, risk: 200 });
});
