/**
 * Grouping option legs into strategies, and the evaluator's option rules, on hand-made legs. Expected numbers are
 * worked out in the comments (payoff at expiry: Hull, Options, Futures and Other Derivatives, ch. 12).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupOptionPositions, strategyName } from '../../src/lib/portfolio/option-groups.js';
import type { OptionLegPosition } from '../../src/lib/portfolio/option-groups.js';
import { closingOrder, evaluateOptionGroup } from '../../src/lib/evaluator/option-rules.js';

const leg = (symbol: string, qty: number, avgCost: number, mark: number): OptionLegPosition => ({
  symbol,
  qty,
  avgCost,
  mark,
  iv: 0.25,
  spot: 100,
});

test('legs of one underlying and expiry are one position, named by their shape; other expiries stay apart', () => {
  const groups = groupOptionPositions(
    [
      // 2 × bull put spread 95/100: short 2 of the 100 put @ 2.10, long 2 of the 95 put @ 0.60 → credit 1.50.
      leg('AAPL250620P00100000', -2, 2.1, 1.2),
      leg('O:AAPL250620P00095000', 2, 0.6, 0.3),
      // A lone long call in another expiry.
      leg('AAPL250718C00110000', 1, 1.0, 1.4),
      // Unequal quantities: a 1×2 call ratio spread is custom.
      leg('MSFT250620C00400000', 1, 5, 5),
      leg('MSFT250620C00410000', -2, 2, 2),
    ],
    '2025-06-02',
    0.04,
  );
  assert.deepEqual(
    groups.map((g) => [g.key, g.strategy, g.units, g.daysToExpiry]),
    [
      ['AAPL 2025-06-20', 'bull_put_spread', 2, 18],
      ['AAPL 2025-07-18', 'long_call', 1, 46],
      ['MSFT 2025-06-20', 'custom', 1, 18],
    ],
  );
  const spread = groups[0]!;
  // Premium: −(−2 × 2.10 + 2 × 0.60) × 100 = 300 credit; max profit 300; max loss (5 − 1.50) × 2 × 100 = 700.
  // Value at the marks: (−2 × 1.20 + 2 × 0.30) × 100 = −180; net PnL −180 + 300 = 120.
  assert.deepEqual(
    [spread.premium, spread.maxProfit, spread.maxLoss, spread.marketValue, spread.netPnl].map(
      (x) => Math.round(x! * 1e6) / 1e6,
    ),
    [300, 300, 700, -180, 120],
  );
  assert.equal(
    strategyName([
      { kind: 'call', qty: 1, strike: 100 },
      { kind: 'put', qty: 1, strike: 100 },
    ]),
    'long_straddle',
  );
});

test('option rules: stop at 2 × the credit, take profit at half the max profit, close at 7 days to expiry', () => {
  const spread = (mark100: number, mark95: number, asOf = '2025-06-02') =>
    groupOptionPositions(
      [leg('AAPL250620P00100000', -2, 2.1, mark100), leg('AAPL250620P00095000', 2, 0.6, mark95)],
      asOf,
      0.04,
    )[0]!;
  const rules = { takeProfit: 0.5, stopMultiple: 2, closeDte: 7 };
  // PnL 120 < 150 = half of 300: hold.
  assert.equal(evaluateOptionGroup(spread(1.2, 0.3), rules).action, 'hold');
  // Marks 0.90 / 0.15: value −150, PnL 150 = half the max profit: take-profit.
  assert.equal(evaluateOptionGroup(spread(0.9, 0.15), rules).rule, 'take-profit');
  // Marks 4.40 / 0.90: value −700, loss 400 < 600 = 2 × the credit 300: hold.
  assert.equal(evaluateOptionGroup(spread(4.4, 0.9), rules).action, 'hold');
  // Marks 4.60 / 0.10: value −900, loss 600 = 2 × the credit: stop-loss.
  assert.equal(evaluateOptionGroup(spread(4.6, 0.1), rules).rule, 'stop-loss');
  // 13 June: 7 days to expiry: closed whatever the PnL.
  assert.equal(evaluateOptionGroup(spread(1.2, 0.3, '2025-06-13'), rules).rule, 'days-to-expiry');
  assert.equal(evaluateOptionGroup(spread(1.2, 0.3, '2025-06-13'), { ...rules, closeDte: null }).action, 'hold');

  // The close: one mleg limit order of 2 units reversing each leg; net (+1.20 − 0.30) = 0.90 debit per unit.
  const order = closingOrder(spread(1.2, 0.3), 'close-1');
  assert.deepEqual(
    [order.orderClass, order.symbol, order.side, order.qty, order.type, order.limitPrice],
    ['mleg', 'AAPL', 'buy', 2, 'limit', 0.9],
  );
  assert.deepEqual(order.optionLegs, [
    { symbol: 'AAPL250620P00095000', side: 'sell', ratioQty: 1, positionIntent: 'sell_to_close' },
    { symbol: 'AAPL250620P00100000', side: 'buy', ratioQty: 1, positionIntent: 'buy_to_close' },
  ]);
});
