/** Protective levels from open orders (bracket legs included), entry dates, room to a level. Hand-computed. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { distanceTo, entryTimes, protectiveLevels } from '../../src/lib/portfolio/protection.js';
import type { BrokerOrder } from '../../src/lib/order-types.js';

const order = (o: Partial<BrokerOrder> & Pick<BrokerOrder, 'symbol' | 'side' | 'type'>): BrokerOrder => ({
  qty: 10,
  timeInForce: 'gtc',
  limitPrice: null,
  stopPrice: null,
  id: `id-${Math.random()}`,
  clientOrderId: 'c',
  status: 'new',
  filledQty: 0,
  filledAvgPrice: null,
  commission: 0,
  submittedAt: 0,
  updatedAt: 0,
  ...o,
});

test('a long: sell stops (stop, stop-limit, trailing) give the stop, sell limits the take-profit; the nearest counts', () => {
  const qty = new Map([
    ['AAPL', 10],
    ['TSLA', -4],
  ]);
  const levels = protectiveLevels(
    [
      order({ symbol: 'AAPL', side: 'sell', type: 'stop', stopPrice: 170 }),
      order({ symbol: 'AAPL', side: 'sell', type: 'trailing_stop', stopPrice: 176.5, trailPercent: 3 }),
      order({ symbol: 'AAPL', side: 'sell', type: 'limit', limitPrice: 220 }),
      order({ symbol: 'AAPL', side: 'sell', type: 'limit', limitPrice: 215 }),
      order({ symbol: 'AAPL', side: 'buy', type: 'limit', limitPrice: 150 }), // an entry, not protection
      order({ symbol: 'AAPL', side: 'sell', type: 'stop', stopPrice: 180, status: 'canceled' }),
      // a short: buy stop above, buy limit below
      order({ symbol: 'TSLA', side: 'buy', type: 'stop_limit', stopPrice: 260, limitPrice: 262 }),
      order({ symbol: 'TSLA', side: 'buy', type: 'limit', limitPrice: 200 }),
      order({ symbol: 'MSFT', side: 'sell', type: 'stop', stopPrice: 300 }), // not held
    ],
    (s) => qty.get(s) ?? 0,
  );
  assert.deepEqual(levels.get('AAPL'), { stop: 176.5, takeProfit: 215 });
  assert.deepEqual(levels.get('TSLA'), { stop: 260, takeProfit: 200 });
  assert.equal(levels.has('MSFT'), false);
});

test('bracket legs count: the entry filled, its take-profit and stop-loss legs rest', () => {
  const entry = order({
    symbol: 'AAPL',
    side: 'buy',
    type: 'market',
    status: 'filled',
    orderClass: 'bracket',
    legs: [
      order({ symbol: 'AAPL', side: 'sell', type: 'limit', limitPrice: 210, parentId: 'p' }),
      order({ symbol: 'AAPL', side: 'sell', type: 'stop', stopPrice: 185, parentId: 'p' }),
    ],
  });
  assert.deepEqual(protectiveLevels([entry], () => 5).get('AAPL'), { stop: 185, takeProfit: 210 });
});

test('entry time: the fill that opened the current position, after the last time it was flat or flipped', () => {
  const f = (symbol: string, side: 'buy' | 'sell', qty: number, ts: number) => ({
    symbol,
    side,
    qty,
    price: 100,
    commission: 0,
    ts,
  });
  const times = entryTimes([
    f('AAPL', 'buy', 5, 1),
    f('AAPL', 'sell', 5, 2), // flat
    f('AAPL', 'buy', 3, 3), // opened here
    f('AAPL', 'buy', 2, 4), // added to: still opened at 3
    f('MSFT', 'buy', 2, 5),
    f('MSFT', 'sell', 6, 6), // flipped short at 6
    f('TSLA', 'buy', 1, 7),
    f('TSLA', 'sell', 1, 8), // flat: no entry
  ]);
  assert.deepEqual([...times].sort(), [
    ['AAPL', 3],
    ['MSFT', 6],
  ]);
});

test('room to a level as a fraction of the price, negative once passed', () => {
  assert.equal(distanceTo(170, 200, 'stop', 10), 0.15); // (200 − 170) / 200
  assert.equal(distanceTo(215, 200, 'takeProfit', 10), 0.075); // (215 − 200) / 200
  assert.equal(distanceTo(210, 200, 'stop', -10), 0.05); // a short's stop above
  assert.equal(distanceTo(190, 200, 'takeProfit', -10), 0.05); // a short's take-profit below
  assert.equal(distanceTo(205, 200, 'stop', 10), -0.025); // a long's stop above the price: passed
  assert.equal(distanceTo(null, 200, 'stop', 10), null);
});
