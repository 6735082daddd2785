/** Validation of protective exits (src/lib/broker/order-input.ts), shared by the paper and Alpaca adapters. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../../src/lib/errors.js';
import { checkExitLegs, exitLegsFromPercents } from '../../src/lib/broker/order-input.js';

const usage = (re: RegExp) => (e: unknown) => e instanceof UsageError && re.test(e.message);

test('percentages of the entry estimate: both legs a bracket, one an oto, --trailing a trailing stop leg', () => {
  // 200 × 0.95 = 190; 200 × 1.1 = 220
  assert.deepEqual(exitLegsFromPercents('buy', 200, { stopLoss: '5%', takeProfit: '10%' }), {
    orderClass: 'bracket',
    takeProfit: { limitPrice: 220 },
    stopLoss: { stopPrice: 190, limitPrice: null },
  });
  // a short: the stop above (200 × 1.05 = 210), the take-profit below (200 × 0.9 = 180)
  assert.deepEqual(exitLegsFromPercents('sell', 200, { stopLoss: '0.05', takeProfit: '10%' }), {
    orderClass: 'bracket',
    takeProfit: { limitPrice: 180 },
    stopLoss: { stopPrice: 210, limitPrice: null },
  });
  assert.deepEqual(exitLegsFromPercents('buy', 200, { trailing: '3%' }), {
    orderClass: 'oto',
    takeProfit: null,
    stopLoss: { stopPrice: 194, limitPrice: null, trailPercent: 3 },
  });
  assert.equal(exitLegsFromPercents('buy', 200, {}), null);
});

test('bad legs are UsageErrors naming the problem', () => {
  assert.throws(
    () => checkExitLegs('buy', 100, 'bracket', { takeProfit: { limitPrice: 110 } }),
    usage(/a bracket order needs both a take-profit and a stop-loss leg/),
  );
  assert.throws(
    () =>
      checkExitLegs('buy', 100, 'bracket', {
        takeProfit: { limitPrice: 110 },
        stopLoss: { stopPrice: 101, limitPrice: null },
      }),
    usage(/stop-loss 101\.00 is on the wrong side of the price 100\.00: it must be below it/),
  );
  assert.throws(
    () => checkExitLegs('sell', 100, 'oto', { stopLoss: { stopPrice: 99, limitPrice: null } }),
    usage(/must be above it/),
  );
  // an oco protects a held long with sell orders: the stop below the price
  assert.throws(
    () =>
      checkExitLegs('sell', 100, 'oco', {
        takeProfit: { limitPrice: 110 },
        stopLoss: { stopPrice: 105, limitPrice: null },
      }),
    usage(/must be below it/),
  );
  assert.throws(
    () => checkExitLegs('buy', 100, 'oto', { takeProfit: { limitPrice: 100.001 } }),
    usage(/at least one tick/),
  );
  assert.doesNotThrow(() => checkExitLegs('buy', 100, 'oto', { takeProfit: { limitPrice: 100.01 } }));
  assert.throws(() => exitLegsFromPercents('buy', 100, { trailing: '100%' }), usage(/less than 100 %/));
  assert.throws(() => exitLegsFromPercents('buy', 100, { trailing: '-1%' }), usage(/more than 0 %/));
  assert.throws(
    () => checkExitLegs('buy', 100, 'simple', { stopLoss: { stopPrice: 95, limitPrice: null } }),
    usage(/simple order takes no/),
  );
});
