/** Average-cost positions and PnL, every expected number computed by hand in the comments. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFill, buildPositions, flatPosition, totalRealized } from '../../src/lib/positions.js';
import type { Fill } from '../../src/lib/positions.js';
import { valuePositions } from '../../src/lib/portfolio/valuation.js';

const f = (symbol: string, side: 'buy' | 'sell', qty: number, price: number, commission = 0): Fill => ({
  symbol,
  side,
  qty,
  price,
  commission,
});
const cents = (n: number): number => Math.round(n * 100) / 100;

test('long: buys average, partial sells realize against the average, the close realizes the rest', () => {
  let p = flatPosition('AAPL');
  p = applyFill(p, f('AAPL', 'buy', 10, 100)).after; // 10 @ 100
  p = applyFill(p, f('AAPL', 'buy', 10, 110)).after; // (1000 + 1100) / 20 = 105
  assert.deepEqual([p.qty, p.avgCost], [20, 105]);
  const s1 = applyFill(p, f('AAPL', 'sell', 5, 120)); // (120 − 105) × 5 = 75
  assert.deepEqual([s1.after.qty, s1.after.avgCost, s1.effect.realized, s1.effect.closedSide], [15, 105, 75, 'long']);
  const s2 = applyFill(s1.after, f('AAPL', 'sell', 15, 100)); // (100 − 105) × 15 = −75
  assert.equal(s2.effect.realized, -75);
  assert.deepEqual([s2.after.qty, s2.after.avgCost, s2.after.realizedPnl], [0, 0, 0]); // 75 − 75
});

test('short: covers realize (average − price); a fill past flat opens the other side at its price', () => {
  const m = buildPositions([
    f('X', 'sell', 10, 50), // short 10 @ 50
    f('X', 'buy', 4, 45), // (50 − 45) × 4 = 20
    f('X', 'buy', 10, 40), // closes 6: (50 − 40) × 6 = 60; opens long 4 @ 40
  ]);
  const x = m.get('X')!;
  assert.deepEqual([x.qty, x.avgCost, x.realizedPnl], [4, 40, 80]);
});

test('commissions: entry commission in the cost, exit commission off the realized PnL', () => {
  // buy 10 @ 100 + $1 → cost 1001, avg 100.1; sell 10 @ 110 − $1 → 1100 − 1001 − 1 = 98
  const p = buildPositions([f('A', 'buy', 10, 100, 1), f('A', 'sell', 10, 110, 1)]).get('A')!;
  assert.equal(cents(p.realizedPnl), 98);
  // short 10 @ 50 − $2 → proceeds 498, avg 49.8; cover 10 @ 45 + $2 → (49.8 − 45) × 10 − 2 = 46
  const s = buildPositions([f('B', 'sell', 10, 50, 2), f('B', 'buy', 10, 45, 2)]).get('B')!;
  assert.equal(cents(s.realizedPnl), 46);
});

test('a longer sequence reconciles to the cent (several symbols)', () => {
  const fills = [
    f('AAPL', 'buy', 10, 100),
    f('AAPL', 'buy', 10, 110), // 20 @ 105
    f('MSFT', 'buy', 3, 400.5), // 3 @ 400.50
    f('AAPL', 'sell', 5, 120), // +75
    f('MSFT', 'sell', 1, 390.25), // (390.25 − 400.5) × 1 = −10.25
    f('AAPL', 'buy', 5, 99), // (15 × 105 + 5 × 99) / 20 = (1575 + 495) / 20 = 103.5
    f('AAPL', 'sell', 20, 101.1), // (101.1 − 103.5) × 20 = −48
  ];
  const m = buildPositions(fills);
  assert.deepEqual([m.get('AAPL')!.qty, cents(m.get('AAPL')!.realizedPnl)], [0, 27]); // 75 − 48
  assert.deepEqual([m.get('MSFT')!.qty, m.get('MSFT')!.avgCost, m.get('MSFT')!.realizedPnl], [2, 400.5, -10.25]);
  assert.equal(cents(totalRealized(m.values())), 16.75); // 27 − 10.25
});

test('valuation: market value, unrealized PnL and %, weight of equity, gross exposure by group', () => {
  const positions = buildPositions([
    f('AAPL', 'buy', 15, 105),
    f('XOM', 'sell', 10, 50),
    f('MSFT', 'buy', 1, 400),
    f('MSFT', 'sell', 1, 410),
  ]);
  const prices = new Map([
    ['AAPL', 100],
    ['XOM', 55],
  ]);
  const meta = (s: string) => ({ sector: s === 'XOM' ? 'Oil' : 'Tech', assetClass: 'stock' });
  const v = valuePositions(positions.values(), prices, meta, 10_000);
  assert.deepEqual(
    v.rows.map((r) => r.symbol),
    ['AAPL', 'XOM'],
  ); // MSFT is flat: realized only
  const [aapl, xom] = v.rows as [(typeof v.rows)[0], (typeof v.rows)[0]];
  // AAPL: 15 × 100 = 1500; (100 − 105) × 15 = −75; −75 / 1575 = −0.047619…; 1500 / 10 000 = 0.15
  assert.deepEqual([aapl.marketValue, aapl.unrealizedPnl, aapl.weight], [1500, -75, 0.15]);
  assert.equal(aapl.unrealizedPct.toFixed(6), '-0.047619');
  // XOM short 10: −10 × 55 = −550; (55 − 50) × −10 = −50; −50 / 500 = −0.1; −550 / 10 000 = −0.055
  assert.deepEqual([xom.marketValue, xom.unrealizedPnl, xom.unrealizedPct, xom.weight], [-550, -50, -0.1, -0.055]);
  assert.deepEqual(v.exposure.bySector, { Tech: 1500, Oil: 550 });
  assert.deepEqual(v.exposure.byAssetClass, { stock: 2050 });
  assert.equal(v.totals.realizedPnl, 10); // MSFT (410 − 400) × 1
  assert.equal(v.totals.unrealizedPnl, -125);
});

test('options: contracts and per-share prices; realized PnL and market value × 100 (the contract multiplier)', () => {
  const occ = 'AAPL240119C00190000';
  // buy 2 @ 3.00, sell 1 @ 4.50 → (4.50 − 3.00) × 1 × 100 = 150 realized; 1 left @ 3.00 per share.
  const p = buildPositions([f(occ, 'buy', 2, 3), f(occ, 'sell', 1, 4.5, 0.65)]).get(occ)!;
  assert.deepEqual([p.qty, p.avgCost, cents(p.realizedPnl)], [1, 3, cents(150 - 0.65)]);
  // Valued at 5.00: 1 × 5 × 100 = 500, unrealized (5 − 3) × 1 × 100 = 200, against a cost of 300.
  const v = valuePositions([p], new Map([[occ, 5]]), () => ({ sector: null, assetClass: 'option' }));
  assert.deepEqual(
    [v.rows[0]!.marketValue, v.rows[0]!.unrealizedPnl, cents(v.rows[0]!.unrealizedPct)],
    [500, 200, cents(200 / 300)],
  );
});
