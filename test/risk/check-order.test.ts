import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkOrder } from '../../src/lib/risk/index.js';
import type { AccountSnapshot, OrderToCheck, RiskCheck } from '../../src/lib/risk/index.js';
import { UsageError } from '../../src/lib/errors.js';

// Hand-computed cases. Equity $100,000 (tier "large": 8 positions): AAPL $3,000 + MSFT $4,000 (Technology),
// XOM $3,000 (Energy), all stock. Limits by default: symbol 5% = $5,000, sector 25% = $25,000,
// asset class 60% = $60,000, daily loss 5% = $5,000.
const account = (over: Partial<AccountSnapshot> = {}): AccountSnapshot => ({
  equity: 100_000,
  startOfDayEquity: 100_000,
  buyingPower: 50_000,
  positions: [
    { symbol: 'AAPL', qty: 20, marketValue: 3_000, sector: 'Technology', assetClass: 'stock' },
    { symbol: 'MSFT', qty: 10, marketValue: 4_000, sector: 'Technology', assetClass: 'stock' },
    { symbol: 'XOM', qty: 30, marketValue: 3_000, sector: 'Energy', assetClass: 'stock' },
  ],
  ...over,
});

const buy = (symbol: string, qty: number, price: number, over: Partial<OrderToCheck> = {}): OrderToCheck => ({
  symbol,
  side: 'buy',
  qty,
  price,
  assetClass: 'stock',
  sector: 'Technology',
  intent: 'entry',
  ...over,
});

function refused(r: RiskCheck, rule: string, message: string): void {
  assert.deepEqual(r, { ok: false, rule, message });
}

test('symbol limit: $3,000 of AAPL + 43 × $100 = $7,300 = 7.3% > 5%', () => {
  refused(
    checkOrder(buy('AAPL', 43, 100), account()),
    'symbol',
    'symbol limit: AAPL would be 7.3% of equity ($7,300 of $100,000), limit 5%',
  );
});

test('symbol limit both ways: 19 → $4,900 and 20 → $5,000 pass, 21 → $5,100 refused', () => {
  assert.deepEqual(checkOrder(buy('AAPL', 19, 100), account()), { ok: true });
  assert.deepEqual(checkOrder(buy('AAPL', 20, 100), account()), { ok: true });
  refused(
    checkOrder(buy('AAPL', 21, 100), account()),
    'symbol',
    'symbol limit: AAPL would be 5.1% of equity ($5,100 of $100,000), limit 5%',
  );
});

test('symbol limit counts a short gross: TSLA −$2,000 + short 16 × $200 = −$5,200 → 5.2%', () => {
  const acct = account({
    positions: [{ symbol: 'TSLA', qty: -10, marketValue: -2_000, sector: null, assetClass: 'stock' }],
  });
  const sell = (qty: number) => buy('TSLA', qty, 200, { side: 'sell', sector: null });
  assert.deepEqual(checkOrder(sell(15), acct), { ok: true }); // −5,000 → 5%
  refused(
    checkOrder(sell(16), acct),
    'symbol',
    'symbol limit: TSLA would be 5.2% of equity ($5,200 of $100,000), limit 5%',
  );
});

test('a percentage that rounds to the limit still shows the breach: $5,000.40 → 5.0004%', () => {
  refused(
    checkOrder(buy('NEW', 1, 5_000.4, { sector: null }), account()),
    'symbol',
    'symbol limit: NEW would be 5.0004% of equity ($5,000.4 of $100,000), limit 5%',
  );
});

test('sector limit: Technology $7,000 + NVDA 180 × $100 = $25,000 passes, 181 → $25,100 refused', () => {
  const limits = { maxSymbolPct: 100 };
  assert.deepEqual(checkOrder(buy('NVDA', 179, 100), account(), limits), { ok: true });
  assert.deepEqual(checkOrder(buy('NVDA', 180, 100), account(), limits), { ok: true });
  refused(
    checkOrder(buy('NVDA', 181, 100), account(), limits),
    'sector',
    'sector limit: Technology would be 25.1% of equity ($25,100 of $100,000), limit 25%',
  );
  // Energy holds only $3,000: the same order in another sector passes.
  assert.deepEqual(checkOrder(buy('NVDA', 181, 100, { sector: 'Energy' }), account(), limits), { ok: true });
  // Unknown sector: outside every sector limit.
  assert.deepEqual(checkOrder(buy('NVDA', 300, 100, { sector: null }), account(), limits), { ok: true });
});

test('asset class limit: stock $10,000 + SPY 100 × $500 = $60,000 passes, 101 → $60,500 refused', () => {
  const limits = { maxSymbolPct: 100 };
  const acct = account({ buyingPower: 200_000 });
  const spy = (qty: number) => buy('SPY', qty, 500, { sector: null });
  assert.deepEqual(checkOrder(spy(99), acct, limits), { ok: true });
  assert.deepEqual(checkOrder(spy(100), acct, limits), { ok: true });
  refused(
    checkOrder(spy(101), acct, limits),
    'assetClass',
    'asset class limit: stock would be 60.5% of equity ($60,500 of $100,000), limit 60%',
  );
  // Options are another class: 2 contracts × $1.50 × 100 = $300 of options only.
  assert.deepEqual(
    checkOrder(buy('AAPL240119C00150000', 2, 1.5, { assetClass: 'option', sector: null }), acct, limits),
    { ok: true },
  );
});

test('buying power: 500 × $100 = $50,000 passes, 501 → $50,100 refused; short entries are not checked', () => {
  const limits = { maxSymbolPct: 100, maxAssetClassPct: 100 };
  const xyz = (qty: number, side: 'buy' | 'sell' = 'buy') => buy('XYZ', qty, 100, { sector: null, side });
  assert.deepEqual(checkOrder(xyz(500), account(), limits), { ok: true });
  refused(
    checkOrder(xyz(501), account(), limits),
    'buyingPower',
    'buying power: buy 501 XYZ costs $50,100, buying power is $50,000',
  );
  assert.deepEqual(checkOrder(xyz(600, 'sell'), account(), limits), { ok: true });
});

test('open positions: a $5,000 account is tier "small" (3 positions)', () => {
  const loose = { maxSymbolPct: 100, maxSectorPct: 100, maxAssetClassPct: 100 };
  const pos = (symbol: string, qty = 1) => ({
    symbol,
    qty,
    marketValue: qty * 10,
    sector: null,
    assetClass: 'stock' as const,
  });
  const two = account({ equity: 5_000, startOfDayEquity: 5_000, positions: [pos('A'), pos('B'), pos('C', 0)] });
  const three = account({ equity: 5_000, startOfDayEquity: 5_000, positions: [pos('A'), pos('B'), pos('C')] });
  const order = buy('D', 1, 10, { sector: null });
  // Two open (C has qty 0): D makes 3 = the limit.
  assert.deepEqual(checkOrder(order, two, loose), { ok: true });
  refused(
    checkOrder(order, three, loose),
    'openPositions',
    'open positions limit: opening D would make 4 open positions, limit 3 (small tier)',
  );
  // Adding to a symbol already held opens nothing.
  assert.deepEqual(checkOrder(buy('A', 1, 10, { sector: null }), three, loose), { ok: true });
  // An explicit limit replaces the tier's.
  assert.deepEqual(checkOrder(order, three, { ...loose, maxOpenPositions: 4 }), { ok: true });
  refused(
    checkOrder(order, three, { ...loose, maxOpenPositions: 3 }),
    'openPositions',
    'open positions limit: opening D would make 4 open positions, limit 3 (configured)',
  );
});

test('strategy risk: MAX_RISK call=300 → 2 calls × $1.50 × 100 = $300 pass, 3 → $450 refused', () => {
  const limits = { maxRiskByStrategy: { call: 300, condor: 50 } };
  const call = (qty: number, strategy?: string) =>
    buy('AAPL240119C00150000', qty, 1.5, { assetClass: 'option', sector: null, strategy });
  assert.deepEqual(checkOrder(call(2, 'call'), account(), limits), { ok: true });
  refused(
    checkOrder(call(3, 'call'), account(), limits),
    'strategyRisk',
    'strategy risk limit: call order AAPL240119C00150000 costs $450 (3 × $1.5 × 100), limit $300 for call',
  );
  // No strategy, or a strategy without a limit: no strategy check.
  assert.deepEqual(checkOrder(call(3), account(), limits), { ok: true });
  assert.deepEqual(checkOrder(call(3, 'toString'), account(), limits), { ok: true });
});

test('strategy risk on stock: momentum=1000 → 10 × $100 passes, 11 → $1,100 refused', () => {
  const limits = { maxRiskByStrategy: { momentum: 1_000 } };
  assert.deepEqual(checkOrder(buy('AAPL', 10, 100, { strategy: 'momentum' }), account(), limits), { ok: true });
  refused(
    checkOrder(buy('AAPL', 11, 100, { strategy: 'momentum' }), account(), limits),
    'strategyRisk',
    'strategy risk limit: momentum order AAPL costs $1,100 (11 × $100), limit $1,000 for momentum',
  );
});

test('daily loss stop: at exactly 5% down entries pass; $1 more and they are refused; exits still pass', () => {
  const at = account({ equity: 95_000 });
  const over = account({ equity: 94_999 });
  assert.deepEqual(checkOrder(buy('AAPL', 1, 100), at), { ok: true });
  refused(
    checkOrder(buy('AAPL', 1, 100), over),
    'dailyLoss',
    'daily loss limit: equity $94,999 is 5.001% below the start of day ($100,000), limit 5%; new entries are refused for the day',
  );
  assert.deepEqual(checkOrder(buy('AAPL', 10, 100, { side: 'sell', intent: 'exit' }), over), { ok: true });
  // A configured 10% stop lets the same entry through.
  assert.deepEqual(checkOrder(buy('AAPL', 1, 100), over, { maxDailyLossPct: 10 }), { ok: true });
});

test('exits pass every exposure limit but must reduce a held position', () => {
  // AAPL is 30% of equity and buying power is 0: selling some is still allowed, and so is covering a short.
  const acct = account({
    buyingPower: 0,
    positions: [
      { symbol: 'AAPL', qty: 200, marketValue: 30_000, sector: 'Technology', assetClass: 'stock' },
      { symbol: 'TSLA', qty: -10, marketValue: -2_000, sector: null, assetClass: 'stock' },
    ],
  });
  const exit = (symbol: string, side: 'buy' | 'sell', qty: number) => buy(symbol, qty, 150, { side, intent: 'exit' });
  assert.deepEqual(checkOrder(exit('AAPL', 'sell', 200), acct), { ok: true });
  assert.deepEqual(checkOrder(exit('TSLA', 'buy', 10), acct), { ok: true });
  refused(
    checkOrder(exit('AAPL', 'sell', 201), acct),
    'exitIntent',
    'exit: sell 201 AAPL exceeds the 200 held; send it as an entry',
  );
  refused(
    checkOrder(exit('AAPL', 'buy', 1), acct),
    'exitIntent',
    'exit: buy 1 AAPL does not reduce a position (holding 200); send it as an entry',
  );
  refused(
    checkOrder(exit('NVDA', 'sell', 1), acct),
    'exitIntent',
    'exit: sell 1 NVDA does not reduce a position (holding 0); send it as an entry',
  );
});

test('entries need positive equity; bad numbers are UsageErrors', () => {
  refused(
    checkOrder(buy('AAPL', 1, 100), account({ equity: 0 })),
    'equity',
    'equity: account equity is $0; entries need equity > 0',
  );
  assert.throws(
    () => checkOrder(buy('AAPL', 0, 100), account()),
    (e: unknown) => e instanceof UsageError && /qty must be > 0, got 0/.test(e.message),
  );
  assert.throws(() => checkOrder(buy('AAPL', 1, Number.NaN), account()), /price must be > 0, got NaN/);
  assert.throws(
    () => checkOrder(buy('AAPL', 1, 100), account({ buyingPower: Number.NaN })),
    /buyingPower must be a number/,
  );
});
