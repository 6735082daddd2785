/** The paper fill rules by hand: every expected price below is worked out in the comment beside it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trailingStopPrice, workMove } from '../../src/lib/broker/paper-fill.js';
import type { RestingOrder } from '../../src/lib/broker/paper-fill.js';

const bar = (open: number, high: number, low: number) => ({ open, high, low });
const order = (o: Partial<RestingOrder> & Pick<RestingOrder, 'side' | 'type'>): RestingOrder => ({
  limitPrice: null,
  stopPrice: null,
  ...o,
});

test('stop: at the stop when the bar trades through it, at the open when it gaps through; slippage after', () => {
  const sell = order({ side: 'sell', type: 'stop', stopPrice: 95 });
  assert.equal(workMove(sell, bar(97, 98, 95.01), 0).fill, null); // low 95.01 > 95: not reached
  assert.equal(workMove(sell, bar(97, 98, 94), 0).fill, 95); // traded through: at the stop
  assert.equal(workMove(sell, bar(93, 94, 92), 0).fill, 93); // opened below: at the open
  assert.equal(workMove(sell, bar(97, 98, 94), 20).fill, 94.81); // 95 × (1 − 0.002) = 94.81
  const buy = order({ side: 'buy', type: 'stop', stopPrice: 105 });
  assert.equal(workMove(buy, bar(104, 106, 103), 0).fill, 105);
  assert.equal(workMove(buy, bar(107, 108, 106), 0).fill, 107);
});

test('limit: at the limit or better, the open when the bar opens through it; no slippage', () => {
  const sell = order({ side: 'sell', type: 'limit', limitPrice: 110 });
  assert.equal(workMove(sell, bar(105, 109.99, 104), 50).fill, null);
  assert.equal(workMove(sell, bar(105, 111, 104), 50).fill, 110);
  assert.equal(workMove(sell, bar(112, 113, 111), 50).fill, 112); // gap up: the better open
  const buy = order({ side: 'buy', type: 'limit', limitPrice: 90 });
  assert.equal(workMove(buy, bar(88, 89, 87), 50).fill, 88);
});

test('stop-limit: the stop makes it a limit; filled at the trigger only when within the limit, else it rests', () => {
  const sell = order({ side: 'sell', type: 'stop_limit', stopPrice: 95, limitPrice: 94 });
  // traded through 95: triggered at 95 ≥ 94, filled at 95
  assert.deepEqual(workMove(sell, bar(97, 98, 93), 0), { fill: 95, hwm: null, triggered: true });
  // gapped to 93 < limit 94: triggered, not filled in this bar
  const gapped = workMove(sell, bar(93, 93.5, 92), 0);
  assert.deepEqual(gapped, { fill: null, hwm: null, triggered: true });
  // next bar: a sell limit at 94, reached by the high 94.5
  assert.equal(workMove({ ...sell, triggered: true }, bar(93, 94.5, 92.5), 0).fill, 94);
  assert.equal(workMove(sell, bar(96, 97, 95.5), 0).triggered, false);
});

test('trailing stop (sell): the stop trails the high-water mark, which rises with each bar high', () => {
  let o = order({ side: 'sell', type: 'trailing_stop', trailPercent: 5, hwm: 100 });
  assert.equal(trailingStopPrice('sell', 100, 5), 95);
  // bar 1: open 101 raises the mark to 101 → stop 95.95; low 96 holds; high 110 → mark 110
  let r = workMove(o, bar(101, 110, 96), 0);
  assert.deepEqual(r, { fill: null, hwm: 110, triggered: false });
  o = { ...o, hwm: r.hwm };
  // bar 2: stop 110 × 0.95 = 104.50; low 104 trades through → 104.50
  r = workMove(o, bar(108, 109, 104), 0);
  assert.deepEqual(r, { fill: 104.5, hwm: 110, triggered: false });
  // a gap below the stop fills at the open: 103 < 104.50
  assert.equal(workMove(o, bar(103, 105, 102), 0).fill, 103);
  // buy (cover a short): low-water mark 100; the open 99 lowers it to 99 → stop 99 × 1.05 = 103.95, and a high
  // of 104 reaches it; a high of 103 does not, and the low 90 lowers the mark to 90 (stop 94.50)
  const buy = order({ side: 'buy', type: 'trailing_stop', trailPercent: 5, hwm: 100 });
  assert.equal(workMove(buy, bar(99, 104, 90), 0).fill, 103.95);
  assert.deepEqual(workMove(buy, bar(99, 103, 90), 0), { fill: null, hwm: 90, triggered: false });
  assert.equal(workMove({ ...buy, hwm: 90 }, bar(93, 95, 92), 0).fill, 94.5);
});
