/** What counts as missing, duplicated and orphaned protection, on hand-built broker answers. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkProtection } from '../../src/lib/execution/protection.js';
import type { BrokerOrder, BrokerPosition } from '../../src/lib/broker/types.js';

let n = 0;
function o(
  symbol: string,
  side: 'buy' | 'sell',
  qty: number,
  type: BrokerOrder['type'],
  price: number | null,
  extra: Partial<BrokerOrder> = {},
): BrokerOrder {
  n++;
  return {
    id: `o${n}`,
    clientOrderId: `c${n}`,
    symbol,
    side,
    qty,
    type,
    timeInForce: 'gtc',
    limitPrice: type === 'limit' || type === 'stop_limit' ? price : null,
    stopPrice: type === 'stop' || type === 'stop_limit' ? price : null,
    status: 'new',
    filledQty: 0,
    filledAvgPrice: null,
    commission: 0,
    submittedAt: 0,
    updatedAt: 0,
    ...extra,
  };
}
const pos = (symbol: string, qty: number): BrokerPosition => ({
  symbol,
  qty,
  avgEntryPrice: 100,
  marketValue: qty * 100,
  currentPrice: 100,
});

test('a position with one full stop and a take-profit is protected; none, too few and too many are findings', () => {
  const r = checkProtection(
    [pos('AAPL', 10), pos('MSFT', 10), pos('NVDA', 10), pos('TSLA', 10)],
    [
      o('AAPL', 'sell', 10, 'stop', 95),
      o('AAPL', 'sell', 10, 'limit', 110),
      o('NVDA', 'sell', 4, 'stop', 95),
      o('TSLA', 'sell', 10, 'stop', 94),
      o('TSLA', 'sell', 10, 'trailing_stop', null, { trailPercent: 3, stopPrice: 97 }),
    ],
  );
  assert.deepEqual(
    r.findings.map((f) => [f.kind, f.symbol, f.coveredQty]),
    [
      ['missing', 'MSFT', 0],
      ['missing', 'NVDA', 4],
      ['duplicated', 'TSLA', 20],
    ],
  );
  const tsla = r.positions.find((p) => p.symbol === 'TSLA')!;
  assert.deepEqual(
    tsla.stops.map((s) => s.stopPrice),
    [97, 94],
    'best (highest) stop first for a long',
  );
  assert.match(r.findings[0]!.message, /MSFT: position of 10 has no stop at the broker/);
});

test('bracket legs count once the entry filled; legs of a waiting entry protect nothing and are no orphans', () => {
  const filled = o('AAPL', 'buy', 10, 'market', null, { status: 'filled', filledQty: 10, orderClass: 'bracket' });
  filled.legs = [
    o('AAPL', 'sell', 10, 'limit', 110, { parentId: filled.id }),
    o('AAPL', 'sell', 10, 'stop', 95, { parentId: filled.id }),
  ];
  const waiting = o('MSFT', 'buy', 5, 'market', null, { orderClass: 'bracket' });
  waiting.legs = [o('MSFT', 'sell', 5, 'limit', 220), o('MSFT', 'sell', 5, 'stop', 190)];
  const r = checkProtection([pos('AAPL', 10)], [filled, waiting]);
  assert.deepEqual(r.findings, []);
  assert.equal(r.positions[0]!.stops.length, 1);
  assert.equal(r.positions[0]!.takeProfits.length, 1);
});

test('orphans: exit legs, a sell stop, a ledger exit with no position; a buy limit (an entry) is not one', () => {
  const legs = [
    o('AAPL', 'sell', 10, 'limit', 110, { parentId: 'gone' }),
    o('AAPL', 'sell', 10, 'stop', 95, { parentId: 'gone' }),
  ];
  const stop = o('TSLA', 'sell', 3, 'stop', 150);
  const exitLimit = o('NVDA', 'sell', 3, 'limit', 150);
  const entryLimit = o('META', 'buy', 3, 'limit', 150);
  const r = checkProtection([], [...legs, stop, exitLimit, entryLimit], (id) => id === exitLimit.clientOrderId);
  assert.deepEqual(
    r.findings.map((f) => [f.kind, f.symbol, f.orders[0]!.id]),
    [
      ['orphaned', 'AAPL', legs[0]!.id],
      ['orphaned', 'AAPL', legs[1]!.id],
      ['orphaned', 'TSLA', stop.id],
      ['orphaned', 'NVDA', exitLimit.id],
    ],
  );
});

test('a short is protected by buy stops; its best stop is the lowest', () => {
  const r = checkProtection([pos('TSLA', -5)], [o('TSLA', 'buy', 5, 'stop', 110), o('TSLA', 'buy', 5, 'stop', 105)]);
  assert.deepEqual(
    r.findings.map((f) => f.kind),
    ['duplicated'],
  );
  assert.deepEqual(
    r.positions[0]!.stops.map((s) => s.stopPrice),
    [105, 110],
  );
});
