import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPortfolioRisk, resolveRiskLimits } from '../../src/lib/risk/index.js';
import type { BookPosition, EntryCandidate } from '../../src/lib/risk/index.js';

// Hand-computed book. Equity $100,000. AAPL 50 × $150 = $7,500 and MSFT 25 × $400 = $10,000, both Information
// Technology ($17,500 = 17.5 %); their broker stops at $140 and $380 put 50 × 10 + 25 × 20 = $1,000 at risk.
const book = {
  equity: 100_000,
  positions: [
    {
      symbol: 'AAPL',
      qty: 50,
      price: 150,
      stops: [{ qty: 50, stopPrice: 140 }],
      sizingStop: null,
      sector: 'Information Technology',
    },
    {
      symbol: 'MSFT',
      qty: 25,
      price: 400,
      stops: [{ qty: 25, stopPrice: 380 }],
      sizingStop: null,
      sector: 'Information Technology',
    },
  ] satisfies BookPosition[],
};
const limits = resolveRiskLimits();
const correlations: Record<string, number> = { AAPL: 0.5, MSFT: 0.83 };
const corr = (held: string) => ({ value: correlations[held]!, sessions: 60 });
const nvda = (qty: number): EntryCandidate => ({
  symbol: 'NVDA',
  qty,
  entry: 500,
  stop: 480,
  sector: 'Information Technology',
});
const xom: EntryCandidate = { symbol: 'XOM', qty: 100, entry: 100, stop: 90, sector: 'Energy' };

test('defaults: sector 25 %, correlation 0.70 over 60 sessions, heat 15 %', () => {
  assert.equal(limits.maxSectorPct, 25);
  assert.equal(limits.maxCorrelation, 0.7);
  assert.equal(limits.correlationSessions, 60);
  assert.equal(limits.maxHeat, 0.15);
});

test('sector limit: $17,500 + 20 NVDA × $500 = $27,500 = 27.5 % > 25 %', () => {
  assert.deepEqual(checkPortfolioRisk(nvda(20), book, corr, limits), {
    ok: false,
    rule: 'sector',
    message:
      'sector limit: buying 20 NVDA ($10,000) would put Information Technology at 27.5% of equity ' +
      '($27,500 of $100,000), limit 25%',
  });
});

test('correlation limit: within the sector limit, NVDA moves with MSFT (0.83 > 0.70)', () => {
  // 10 × $500 = $5,000 → 22.5 %: the sector allows it
  assert.deepEqual(checkPortfolioRisk(nvda(10), book, corr, limits), {
    ok: false,
    rule: 'correlation',
    message: "correlation limit: NVDA's 60-session daily-return correlation with MSFT (open) is 0.83, limit 0.7",
  });
  // at 0.70 exactly, or without enough history (null), the limit does not refuse
  assert.deepEqual(
    checkPortfolioRisk(nvda(10), book, () => ({ value: 0.7, sessions: 60 }), limits),
    { ok: true },
  );
  assert.deepEqual(
    checkPortfolioRisk(nvda(10), book, () => null, limits),
    { ok: true },
  );
});

test('heat limit: $1,000 open + 100 XOM × ($100 − $90) = $2,000 = 2 % of equity; refused at 1.5 %, allowed at 2 %', () => {
  assert.deepEqual(
    checkPortfolioRisk(xom, book, () => null, { ...limits, maxHeat: 0.015 }),
    {
      ok: false,
      rule: 'heat',
      message:
        'heat limit: risk to stops would be $2,000 = 2% of equity $100,000 ($1,000 open + $1,000 for 100 XOM, ' +
        '$100 to the stop at $90), limit 1.5%',
    },
  );
  assert.deepEqual(
    checkPortfolioRisk(xom, book, () => null, { ...limits, maxHeat: 0.02 }),
    { ok: true },
  );
});

test('a symbol without a sector is outside the sector limit', () => {
  assert.deepEqual(
    checkPortfolioRisk({ ...nvda(20), sector: null }, book, () => null, limits),
    { ok: true },
  );
});
