import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeSize, fitCell, formatMoney, formatPct, formatPrice, formatQty } from '../../src/tui/format.js';

// Expected strings written by hand (US number formatting: comma thousands, cents).

test('formatMoney: cents, thousands separators, sign only when it survives rounding', () => {
  assert.equal(formatMoney(1234.5), '$1,234.50');
  assert.equal(formatMoney(1234567.891), '$1,234,567.89');
  assert.equal(formatMoney(-400), '-$400.00');
  assert.equal(formatMoney(0), '$0.00');
  assert.equal(formatMoney(-0.001), '$0.00');
  assert.equal(formatMoney(550, { signed: true }), '+$550.00');
  assert.equal(formatMoney(-0.004, { signed: true }), '$0.00');
  assert.equal(formatMoney(Number.NaN), '—');
});

test('formatPrice: four decimals under a dollar, cents above', () => {
  assert.equal(formatPrice(190), '$190.00');
  assert.equal(formatPrice(0.1234), '$0.1234');
  assert.equal(formatPrice(1520.257), '$1,520.26');
});

test('formatPct: fractions as percentages with two decimals', () => {
  assert.equal(formatPct(0.1234), '12.34%');
  assert.equal(formatPct(1), '100.00%');
  assert.equal(formatPct(-0.2, { signed: true }), '-20.00%');
  assert.equal(formatPct(400 / 1500, { signed: true }), '+26.67%');
  assert.equal(formatPct(0.00001, { signed: true }), '0.00%');
});

test('formatQty and describeSize: whole and fractional shares, shorts', () => {
  assert.equal(formatQty(10), '10');
  assert.equal(formatQty(12000), '12,000');
  assert.equal(formatQty(0.5), '0.5');
  assert.equal(formatQty(1.23456), '1.2346');
  assert.equal(formatQty(-5), '-5');
  assert.equal(describeSize(10), '10 shares');
  assert.equal(describeSize(1), '1 share');
  assert.equal(describeSize(-5), '5 shares short');
  assert.equal(describeSize(0.25), '0.25 shares');
});

test('fitCell pads to the width on the aligned side and cuts long text with an ellipsis', () => {
  assert.equal(fitCell('AAPL', 6, 'left'), 'AAPL  ');
  assert.equal(fitCell('$1.00', 7, 'right'), '  $1.00');
  assert.equal(fitCell('BRK.B.LONG', 6, 'left'), 'BRK.B…');
  assert.equal(fitCell('abc', 1, 'left'), '…');
  assert.equal(fitCell('abc', 0, 'left'), '');
});

test('pnlColor: a gain green, a loss red, and what prints as zero neutral (not red)', async () => {
  const { pnlColor } = await import('../../src/tui/format.js');
  assert.equal(pnlColor(12.5), 'green');
  assert.equal(pnlColor(-0.01), 'red');
  assert.equal(pnlColor(0), undefined);
  assert.equal(pnlColor(-0.001), undefined, 'prints as $0.00');
  assert.equal(pnlColor(-1e-12), undefined);
  assert.equal(pnlColor(Number.NaN), undefined);
});
