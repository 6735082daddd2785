import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextSortKey, sortRows, SORT_KEYS } from '../../src/tui/sort.js';
import { positionRows } from './fixtures/positions.js';

// Four positions whose orders differ per key (hand-computed):
//   value:  B 3000 > D 2400 > A 1000 > C 500
//   PnL:    C +250 > A +200 > B -300 > D -600
//   weight follows value; symbol A < B < C < D.
const rows = positionRows([
  { symbol: 'D', qty: 8, avgCost: 375, last: 300, sector: null }, // 2400, -600
  { symbol: 'A', qty: 10, avgCost: 80, last: 100, sector: null }, // 1000, +200
  { symbol: 'C', qty: 5, avgCost: 50, last: 100, sector: null }, // 500, +250
  { symbol: 'B', qty: 10, avgCost: 330, last: 300, sector: null }, // 3000, -300
]);
const symbols = (key: (typeof SORT_KEYS)[number], dir: 'asc' | 'desc') =>
  sortRows(rows, key, dir)
    .map((r) => r.symbol)
    .join('');

test('sortRows orders by each key in both directions', () => {
  assert.equal(symbols('symbol', 'asc'), 'ABCD');
  assert.equal(symbols('symbol', 'desc'), 'DCBA');
  assert.equal(symbols('value', 'desc'), 'BDAC');
  assert.equal(symbols('value', 'asc'), 'CADB');
  assert.equal(symbols('pnl', 'desc'), 'CABD');
  assert.equal(symbols('pnl', 'asc'), 'DBAC');
  assert.equal(symbols('weight', 'desc'), 'BDAC');
});

test('sortRows does not touch its input, breaks ties by symbol and sinks missing numbers', () => {
  const before = rows.map((r) => r.symbol).join('');
  sortRows(rows, 'value', 'desc');
  assert.equal(rows.map((r) => r.symbol).join(''), before);
  const tied = positionRows([
    { symbol: 'Z', qty: 1, avgCost: 1, last: 10, sector: null },
    { symbol: 'Y', qty: 1, avgCost: 1, last: 10, sector: null },
    { symbol: 'X', qty: 1, avgCost: 1, last: Number.NaN, sector: null },
    { symbol: 'W', qty: 1, avgCost: 1, last: 20, sector: null },
  ]);
  assert.deepEqual(
    sortRows(tied, 'value', 'desc').map((r) => r.symbol),
    ['W', 'Y', 'Z', 'X'],
  );
  assert.deepEqual(
    sortRows(tied, 'value', 'asc').map((r) => r.symbol),
    ['Y', 'Z', 'W', 'X'],
  );
});

test('nextSortKey cycles symbol → value → PnL → weight → symbol', () => {
  assert.deepEqual(SORT_KEYS.map(nextSortKey), ['value', 'pnl', 'weight', 'symbol']);
});
