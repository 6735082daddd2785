import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sizeByRisk } from '../../src/lib/risk/index.js';
import { UsageError } from '../../src/lib/errors.js';

// Hand-computed fixed-fractional sizing: shares = floor(equity × risk / |entry − stop|), capped by floor(bp / entry).

test('long: 25,000 × 3% = 750 / (50 − 47.5) = 300 shares; buying power allows 2,000', () => {
  const s = sizeByRisk({
    equity: 25_000,
    entry: 50,
    stop: 47.5,
    riskPerTrade: 0.03,
    buyingPower: 100_000,
    side: 'buy',
  });
  assert.equal(s.shares, 300);
  assert.equal(s.riskBudget, 750);
  assert.equal(s.stopDistance, 2.5);
  assert.equal(s.riskDollars, 750); // 300 × 2.5
  assert.equal(s.sharesByBuyingPower, 2_000); // 100,000 / 50
  assert.equal(s.limitedBy, 'risk');
});

test('capped by buying power: same trade with 10,000 buying power → floor(10,000 / 50) = 200 shares', () => {
  const s = sizeByRisk({ equity: 25_000, entry: 50, stop: 47.5, riskPerTrade: 0.03, buyingPower: 10_000, side: 'buy' });
  assert.equal(s.shares, 200);
  assert.equal(s.sharesByRisk, 300);
  assert.equal(s.riskDollars, 500); // 200 × 2.5
  assert.equal(s.limitedBy, 'buyingPower');
});

test('buying power one share short of the risk size: 14,950 / 50 = 299 shares', () => {
  const s = sizeByRisk({ equity: 25_000, entry: 50, stop: 47.5, riskPerTrade: 0.03, buyingPower: 14_950, side: 'buy' });
  assert.equal(s.shares, 299);
  assert.equal(s.limitedBy, 'buyingPower');
});

test('short: sell at 50 with stop 52: 25,000 × 3% = 750 / 2 = 375 shares', () => {
  const s = sizeByRisk({ equity: 25_000, entry: 50, stop: 52, riskPerTrade: 0.03, buyingPower: 100_000, side: 'sell' });
  assert.equal(s.shares, 375);
});

test('rounds down: 10,000 × 2.5% = 250 / (20 − 18.3 = 1.7) = 147.06 → 147 shares', () => {
  const s = sizeByRisk({
    equity: 10_000,
    entry: 20,
    stop: 18.3,
    riskPerTrade: 0.025,
    buyingPower: 10_000,
    side: 'buy',
  });
  assert.equal(s.shares, 147);
});

test('binary fractions do not lose a share: 1,000 × 3% = 30 / (1.10 − 1.00) = 300, not 299', () => {
  // In doubles 1.1 − 1.0 = 0.10000000000000009 and 30 / that = 299.9999999999997.
  assert.equal(Math.floor(30 / (1.1 - 1.0)), 299);
  const s = sizeByRisk({ equity: 1_000, entry: 1.1, stop: 1.0, riskPerTrade: 0.03, buyingPower: 1_000, side: 'buy' });
  assert.equal(s.shares, 300);
});

test('no buying power → 0 shares', () => {
  const s = sizeByRisk({ equity: 25_000, entry: 50, stop: 47.5, riskPerTrade: 0.03, buyingPower: -5, side: 'buy' });
  assert.equal(s.shares, 0);
});

test('invalid stops are UsageErrors naming the numbers', () => {
  const base = { equity: 25_000, entry: 50, riskPerTrade: 0.03, buyingPower: 100_000 } as const;
  const bad: Array<[number, 'buy' | 'sell', RegExp]> = [
    [51, 'buy', /buy's stop must be below its entry \(entry 50, stop 51\)/],
    [50, 'buy', /entry 50, stop 50/],
    [50, 'sell', /sell's stop must be above its entry \(entry 50, stop 50\)/],
    [49, 'sell', /entry 50, stop 49/],
    [Number.NaN, 'buy', /stop must be a price >= 0 \(entry 50, stop NaN\)/],
  ];
  for (const [stop, side, re] of bad) {
    assert.throws(
      () => sizeByRisk({ ...base, stop, side }),
      (e: unknown) => e instanceof UsageError && re.test(e.message),
    );
  }
  assert.throws(() => sizeByRisk({ ...base, entry: 0, stop: 0, side: 'sell' }), UsageError);
  assert.throws(
    () => sizeByRisk({ ...base, stop: 45, side: 'buy', riskPerTrade: 3 }),
    /riskPerTrade must be a fraction/,
  );
});
