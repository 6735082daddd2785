/**
 * The asset-class limit counts options by their delta-adjusted notional: per underlying
 * |Σ delta × 100 × contracts × underlying price|, summed over underlyings; a contract without a delta by
 * |market value|. Hand-computed below (deltas are given, not computed: the rule, not the pricer, is checked).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkOrder } from '../../src/lib/risk/index.js';
import { assetClassExposure, holdingsAfter } from '../../src/lib/risk/exposure.js';
import type { AccountSnapshot, OrderToCheck } from '../../src/lib/risk/index.js';

const option = { sector: null, assetClass: 'option' } as const;
// SPY at 500: short 10 of the 480 put (delta −0.30) → −0.30 × 100 × −10 × 500 = +150 000;
//             long 10 of the 470 put (delta −0.10)  → −0.10 × 100 × 10 × 500 = −50 000; SPY net |100 000|.
// QQQ at 400: long 2 calls (delta 0.50)              → 0.50 × 100 × 2 × 400 = 40 000.
// A contract with no delta known: its |market value| 700. AAPL stock $3 000 is another class.
const account: AccountSnapshot = {
  equity: 250_000,
  startOfDayEquity: 250_000,
  buyingPower: 200_000,
  positions: [
    { symbol: 'SPY250516P00480000', qty: -10, marketValue: -3_000, ...option, delta: -0.3, underlyingPrice: 500 },
    { symbol: 'SPY250516P00470000', qty: 10, marketValue: 1_000, ...option, delta: -0.1, underlyingPrice: 500 },
    { symbol: 'O:QQQ250516C00400000', qty: 2, marketValue: 2_000, ...option, delta: 0.5, underlyingPrice: 400 },
    { symbol: 'IWM250516C00200000', qty: 1, marketValue: 700, ...option },
    { symbol: 'AAPL', qty: 20, marketValue: 3_000, sector: 'Technology', assetClass: 'stock' },
  ],
};

const buyQqqCall = (qty: number): OrderToCheck => ({
  symbol: 'O:QQQ250516C00400000',
  side: 'buy',
  qty,
  price: 10,
  ...option,
  intent: 'entry',
  delta: 0.5,
  underlyingPrice: 400,
});

test('delta-adjusted notional: SPY puts net to 100 000, QQQ 40 000 (60 000 after one more call), 700 without delta', () => {
  // Before: the order of 0 contracts leaves the book as it is.
  assert.equal(assetClassExposure(holdingsAfter(buyQqqCall(0), account), 'option'), 100_000 + 40_000 + 700);
  assert.equal(assetClassExposure(holdingsAfter(buyQqqCall(1), account), 'option'), 100_000 + 60_000 + 700);
  // Stock is unchanged: Σ |market value|.
  assert.equal(assetClassExposure(holdingsAfter(buyQqqCall(1), account), 'stock'), 3_000);
});

test('the 60 % asset-class limit refuses an option entry by its delta-adjusted notional, not its premium', () => {
  // Limit 60 % of 250 000 = 150 000. One more QQQ call: 160 700 > 150 000, although the premiums sum to 7 700.
  const check = checkOrder(buyQqqCall(1), account, { maxSymbolPct: 100 });
  assert.equal(check.ok, false);
  assert.equal(!check.ok && check.rule, 'assetClass');
  assert.match(!check.ok ? check.message : '', /\$160,700 of \$250,000/);
  // Selling the call back lowers QQQ to 1 contract: 120 700, within the limit.
  assert.deepEqual(checkOrder({ ...buyQqqCall(1), side: 'sell' }, account, { maxSymbolPct: 100 }), { ok: true });
});
