import { test } from 'node:test';
import assert from 'node:assert/strict';
import { portfolioHeat, positionHeat } from '../../src/lib/risk/heat.js';

test('a long covered by a broker stop: qty × (price − stop)', () => {
  // 100 × (50 − 45) = 500
  assert.equal(
    positionHeat({ symbol: 'X', qty: 100, price: 50, stops: [{ qty: 100, stopPrice: 45 }], sizingStop: 40 }),
    500,
  );
});

test('shares no broker stop covers count at the sizing stop, or at their whole value without one', () => {
  // 60 × (50 − 45) + 40 × (50 − 40) = 300 + 400 = 700
  const partly = { symbol: 'X', qty: 100, price: 50, stops: [{ qty: 60, stopPrice: 45 }], sizingStop: 40 };
  assert.equal(positionHeat(partly), 700);
  // no stop known at all: 100 × 50 = 5 000 (the whole position can be lost)
  assert.equal(positionHeat({ ...partly, stops: [], sizingStop: null }), 5000);
});

test('a stop past the price (a locked-in gain) risks nothing; a short risks stop − price', () => {
  assert.equal(
    positionHeat({ symbol: 'X', qty: 10, price: 50, stops: [{ qty: 10, stopPrice: 55 }], sizingStop: null }),
    0,
  );
  // short 20 at 30 with a buy stop at 33: 20 × 3 = 60
  assert.equal(
    positionHeat({ symbol: 'Y', qty: -20, price: 30, stops: [{ qty: 20, stopPrice: 33 }], sizingStop: null }),
    60,
  );
  assert.equal(
    portfolioHeat([
      { symbol: 'X', qty: 100, price: 50, stops: [{ qty: 100, stopPrice: 45 }], sizingStop: null },
      { symbol: 'Y', qty: -20, price: 30, stops: [], sizingStop: 33 },
    ]),
    560,
  );
});
