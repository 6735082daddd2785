/**
 * The risk report by hand: VaR/ES against numpy (test/fixtures/performance/reference.py: numpy.percentile with its
 * default 'linear' method, ES = mean of the losses at or above VaR), exposure against limits, the 1:1 and beta
 * stresses, and an option revalued by Black-Scholes at twice its implied vol.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { historicalVar, linearQuantile } from '../../src/lib/risk/risk-var.js';
import { riskReport, type RiskHolding } from '../../src/lib/risk/risk-report.js';
import { europeanPrice } from '../../src/lib/options/bsm.js';

const close = (a: number, b: number, rel = 1e-12): void =>
  assert.ok(Math.abs(a - b) <= rel * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

const RA = Float64Array.from([0.01, -0.02, 0.015, -0.03, 0.005, 0.02, -0.01, -0.005, 0.03, -0.04]);
const RB = Float64Array.from([0.005, -0.01, 0.02, -0.02, 0.0, 0.01, -0.015, 0.01, 0.02, -0.03]);
const LIMITS = { maxSymbolPct: 5, maxSectorPct: 25, maxAssetClassPct: 60, maxRiskByStrategy: { daily: 500 } };

const holding = (symbol: string, qty: number, price: number, sector: string, strategy = 'daily'): RiskHolding => ({
  symbol,
  qty,
  price,
  marketValue: qty * price,
  sector,
  assetClass: 'stock',
  strategy,
});

test('linear quantile = numpy.percentile default: position (n − 1)·q between order statistics', () => {
  // sorted 1..5, q 0.9: position 3.6 → 4 + 0.6 × (5 − 4) = 4.6
  close(linearQuantile([5, 1, 4, 2, 3], 0.9), 4.6);
  const v = historicalVar([-10, 5, -3, 8, -1], 0.5); // losses 10, −5, 3, −8, 1 → median 1; ES mean(10, 3, 1)
  assert.deepEqual([v.var, v.es], [1, 14 / 3]);
});

test('book of 100 A @ $50 and −20 B @ $100: VaR/ES 95/99 %, exposure vs limits, correlation, stress', () => {
  const r = riskReport({
    asOf: '2024-01-31',
    equity: 100_000,
    limits: LIMITS,
    holdings: [holding('A', 100, 50, 'Tech'), holding('B', -20, 100, 'Tech', 'cli')],
    returns: new Map([
      ['A', RA],
      ['B', RB],
    ]),
    market: { symbol: 'B', returns: RB },
  });
  // python3 test/fixtures/performance/reference.py
  assert.equal(r.sessions, 10);
  close(r.var[0]!.var, 126.49999999999997, 1e-12);
  close(r.var[0]!.es, 140, 1e-12);
  close(r.var[1]!.var, 137.3, 1e-12);
  close(r.var[1]!.es, 140, 1e-12);
  close(r.correlation.matrix[0]![1]!, 0.9241863843526977, 1e-12);
  close(r.betas['A']!, 1.2215909090909092, 1e-12);
  // Gross: A $5,000 (5 % = the limit, not over), B $2,000; Tech $7,000 = 7 % of equity.
  assert.deepEqual(
    r.exposure.bySymbol.map((e) => [e.key, e.gross, e.pctOfEquity, e.limit, e.over]),
    [
      ['A', 5000, 5, 5, false],
      ['B', 2000, 2, 5, false],
    ],
  );
  assert.deepEqual(
    r.exposure.bySector.map((e) => [e.key, e.gross]),
    [['Tech', 7000]],
  );
  assert.deepEqual(
    r.exposure.byStrategy.map((e) => [e.key, e.limit]),
    [
      ['daily', 500],
      ['cli', null],
    ],
  );
  // 1:1: 5000 × −10 % + (−2000) × −10 % = −500 + 200 = −300
  close(r.stress[0]!.pnl!, -300);
  // beta: A moves 1.2216 × −10 %, B (the market itself) β = 1 → −10 %: −500 × 1.2216 + 200
  close(r.stress[1]!.pnl!, -500 * 1.2215909090909092 + 200, 1e-12);
  assert.equal(r.stress[2]!.pnl, null); // no option: volatility doubled is n/a
});

test('over a limit is flagged; an option is revalued at 2 × implied vol; one without vol is left out', () => {
  const opt: RiskHolding = {
    symbol: 'O:A240621C00050000',
    qty: 2,
    price: 3,
    marketValue: 600,
    sector: 'Tech',
    assetClass: 'option',
    strategy: 'call',
    option: { underlying: 'A', type: 'call', strike: 50, years: 0.5, spot: 50, iv: 0.2, rate: 0.04 },
  };
  const noVol: RiskHolding = {
    ...opt,
    symbol: 'O:A240621P00050000',
    option: { ...opt.option!, type: 'put', iv: null },
  };
  const r = riskReport({
    asOf: '2024-01-31',
    equity: 10_000,
    limits: LIMITS,
    holdings: [holding('A', 100, 50, 'Tech'), opt, noVol],
    returns: new Map([['A', RA]]),
    market: null,
  });
  assert.deepEqual(r.exposure.bySymbol[0], { key: 'A', gross: 5000, pctOfEquity: 50, limit: 5, over: true });
  const p = (vol: number, spot = 50) =>
    europeanPrice({ type: 'call', spot, strike: 50, years: 0.5, rate: 0.04, dividendYield: 0, vol });
  close(r.stress.find((s) => s.scenario === 'volatility doubled')!.pnl!, (p(0.4) - p(0.2)) * 2 * 100);
  close(r.stress[0]!.pnl!, -500 + (p(0.2, 45) - p(0.2)) * 200);
  assert.ok(r.notes.some((n) => n.includes('O:A240621P00050000') && n.includes('implied vol')));
  assert.ok(r.notes.some((n) => n.includes('beta scenario is left out')));
});
