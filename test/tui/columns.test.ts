import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COLUMNS, fitColumns, tableWidth, visibleWindow } from '../../src/tui/columns.js';

const ids = (width: number) => fitColumns(width).map((c) => c.id);

test('fitColumns keeps every column on a wide terminal', () => {
  assert.equal(tableWidth(COLUMNS), 137); // 2 marker + 8+10+11+11+14+13+8 + 16+16+8+10 + 10 gaps
  assert.deepEqual(ids(137), [
    'symbol',
    'qty',
    'avgCost',
    'last',
    'marketValue',
    'pnl',
    'weight',
    'stop',
    'target',
    'updated',
    'entry',
  ]);
  // the protective levels, update time and entry date come after the valuation columns
  assert.deepEqual(ids(83), ['symbol', 'qty', 'avgCost', 'last', 'marketValue', 'pnl', 'weight']);
  assert.deepEqual(ids(117), ['symbol', 'qty', 'avgCost', 'last', 'marketValue', 'pnl', 'weight', 'stop', 'target']);
});

test('fitColumns drops whole columns, least important first, and keeps display order', () => {
  // avg cost goes first; the narrow update time fills the room it left
  assert.deepEqual(ids(82), ['symbol', 'qty', 'last', 'marketValue', 'pnl', 'weight', 'updated']);
  assert.deepEqual(ids(60), ['symbol', 'qty', 'marketValue', 'pnl', 'weight']);
  assert.deepEqual(ids(50), ['symbol', 'qty', 'marketValue', 'pnl']);
  assert.deepEqual(ids(39), ['symbol', 'marketValue', 'pnl']);
  assert.deepEqual(ids(38), ['symbol', 'qty', 'pnl']); // value no longer fits; the narrower qty fills the room
  assert.deepEqual(ids(10), ['symbol']); // the symbol always stays
  for (const width of [20, 38, 50, 60, 82, 83, 117, 120, 137])
    assert.ok(tableWidth(fitColumns(width)) <= width, `fits in ${width}`);
});

test('visibleWindow keeps the selection in view', () => {
  assert.deepEqual(visibleWindow(5, 4, undefined), { start: 0, end: 5 });
  assert.deepEqual(visibleWindow(5, 4, 10), { start: 0, end: 5 });
  assert.deepEqual(visibleWindow(20, 0, 5), { start: 0, end: 5 });
  assert.deepEqual(visibleWindow(20, 10, 5), { start: 8, end: 13 });
  assert.deepEqual(visibleWindow(20, 19, 5), { start: 15, end: 20 });
});
