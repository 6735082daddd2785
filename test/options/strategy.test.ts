/**
 * Strategies: payoff facts that follow from the legs (Hull ch. 12), probability of profit in closed form
 * against Hull's N(d2) (§15.8: the risk-neutral probability that S_T exceeds a level) and against a seeded
 * Monte Carlo within three standard errors, for every named strategy.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normCdf } from '../../src/lib/options/normal.js';
import { summarizePayoff, type PricedLeg } from '../../src/lib/options/payoff.js';
import { expectedProfitClosedForm, popClosedForm, popMonteCarlo } from '../../src/lib/options/pop.js';
import { parseCustomLegs, STRATEGIES, strategyLegs } from '../../src/lib/options/strategy-legs.js';
import { analyzeStrategy, type StrategyResult } from '../../src/lib/options/strategy.js';
import { modelUnderlying, realisedVol } from '../../src/lib/options/model-chain.js';

const market = { spot: 104, years: 21 / 365, vol: 0.3, rate: 0.04, dividendYield: 0 };
const STRIKES: Record<number, number[]> = { 1: [100], 2: [95, 100], 4: [90, 95, 110, 115] };

function analyze(name: string, strikes: number[], positions = 1): StrategyResult {
  return analyzeStrategy({
    name,
    legs: strategyLegs(name, strikes),
    market,
    positions,
    american: true,
    paths: 100_000,
    seed: 7,
  });
}

const priced = (r: StrategyResult): PricedLeg[] =>
  r.legs.map((l) => ({ kind: l.kind, qty: l.qty, strike: l.strike ?? undefined, price: l.price }));

test('bull put spread 95/100 (the issue’s example): credit, max profit, max loss, breakeven, POP', () => {
  const r = analyze('bull_put_spread', [95, 100]);
  const credit = (r.legs[1]!.price - r.legs[0]!.price) * 100;
  assert.ok(credit > 0);
  assert.ok(Math.abs(r.netPremium - credit) < 1e-9);
  assert.ok(Math.abs(r.maxProfit! - credit) < 1e-9);
  assert.ok(Math.abs(r.maxLoss! - (500 - credit)) < 1e-9);
  assert.equal(r.capital, r.maxLoss); // Reg-T for a defined-risk spread: width × 100 − credit
  assert.equal(r.breakevens.length, 1);
  assert.ok(Math.abs(r.breakevens[0]! - (100 - credit / 100)) < 1e-9);
  // Profit when S_T > breakeven: N(d2) at that level (Hull §15.8).
  const be = r.breakevens[0]!;
  const d2 = (Math.log(104 / be) + (0.04 - 0.045) * market.years) / (0.3 * Math.sqrt(market.years));
  assert.equal(r.popMethod, 'closed-form');
  assert.ok(Math.abs(r.pop - normCdf(d2)) < 1e-12);
});

test('single legs and straddles: textbook payoff shapes', () => {
  const call = analyze('long_call', [100]);
  assert.equal(call.maxProfit, null);
  assert.ok(Math.abs(call.maxLoss! + call.netPremium) < 1e-9);
  assert.ok(Math.abs(call.breakevens[0]! - (100 + call.legs[0]!.price)) < 1e-9);
  const straddle = analyze('long_straddle', [100]);
  const debit = -straddle.netPremium / 100;
  assert.deepEqual(
    straddle.breakevens.map((b) => b.toFixed(9)),
    [100 - debit, 100 + debit].map((b) => b.toFixed(9)),
  );
  assert.equal(straddle.maxProfit, null);
  const covered = analyze('covered_call', [110]);
  const premium = covered.legs[1]!.price;
  assert.ok(Math.abs(covered.maxProfit! - (110 - 104 + premium) * 100) < 1e-9);
  assert.ok(Math.abs(covered.maxLoss! - (104 - premium) * 100) < 1e-9);
  const csp = analyze('cash_secured_put', [100]);
  assert.ok(Math.abs(csp.capital! - (100 - csp.legs[0]!.price) * 100) < 1e-9);
  const condor = analyze('iron_condor', [90, 95, 110, 115], 3);
  assert.ok(Math.abs(condor.maxLoss! - (1500 - condor.netPremium)) < 1e-9);
  assert.equal(condor.legs[0]!.qty, 3);
  assert.equal(condor.breakevens.length, 2);
});

for (const name of Object.keys(STRATEGIES))
  test(`${name}: closed-form POP and expected value agree with Monte Carlo within 3 standard errors`, () => {
    const r = analyze(name, STRIKES[STRATEGIES[name]![0]]!);
    const legs = priced(r);
    const closed = popClosedForm(summarizePayoff(legs).profitRanges, market);
    const mc = popMonteCarlo(legs, market, 100_000, 11);
    assert.ok(mc.popStdErr > 0 && mc.paths === 100_000);
    assert.ok(Math.abs(closed - mc.pop) < 3 * mc.popStdErr, `${closed} vs ${mc.pop} ± ${mc.popStdErr}`);
    const ev = expectedProfitClosedForm(legs, market);
    assert.ok(Math.abs(ev - mc.expectedValue) < 3 * mc.expectedValueStdErr, `${ev} vs ${mc.expectedValue}`);
    // What the strategy reports: the closed form itself, or its own Monte Carlo run (seed 7) within 3 of its SEs.
    if (r.popMethod === 'closed-form') assert.equal(r.pop, closed);
    else assert.ok(Math.abs(r.pop - closed) < 3 * r.popStdErr!);
  });

test('Monte Carlo is seeded: the same seed gives the same answer', () => {
  const legs = priced(analyze('iron_condor', [90, 95, 110, 115]));
  assert.deepEqual(popMonteCarlo(legs, market, 100_000, 5), popMonteCarlo(legs, market, 100_000, 5));
});

test('custom legs: a naked short call has unbounded loss and no defined capital', () => {
  const r = analyzeStrategy({
    name: 'custom',
    legs: parseCustomLegs('sell:call:105:2,buy:call:110'),
    market,
    positions: 1,
    american: false,
    paths: 100_000,
    seed: 1,
  });
  assert.equal(r.maxLoss, null);
  assert.equal(r.capital, null);
  assert.equal(r.popMethod, 'monte-carlo');
  assert.throws(() => parseCustomLegs('hold:call:100'), /side must be buy or sell/);
});

test('strikes: wrong count or not ascending → usage error', () => {
  assert.throws(() => strategyLegs('iron_condor', [90, 95, 110]), /iron_condor takes 4 strikes/);
  assert.throws(() => strategyLegs('bull_put_spread', [100, 95]), /strictly ascending/);
  assert.throws(() => strategyLegs('butterfly', [1]), /unknown strategy "butterfly"/);
});

test('model chain: realised volatility of known returns, days to expiry, an expiry in the past refused', () => {
  // Log returns alternating +1 % / −1 %: mean 0, sample variance 60/59 × 0.0001, annualised × 252.
  const closes = [100];
  for (let i = 0; i < 60; i++) closes.push(closes[i]! * Math.exp(i % 2 ? -0.01 : 0.01));
  assert.ok(Math.abs(realisedVol(closes) - Math.sqrt((0.0001 * 60 * 252) / 59)) < 1e-12);
  const u = modelUnderlying('AAPL', closes, '2023-12-29', '2024-01-19');
  assert.equal(u.days, 21);
  assert.equal(u.spot, closes[60]);
  assert.equal(modelUnderlying('AAPL', closes, '2023-12-29', '2024-01-19', 0.5).vol, 0.5);
  assert.throws(() => modelUnderlying('AAPL', closes, '2023-12-29', '2023-12-29'), /--expiry 2023-12-29 is not after/);
  assert.throws(() => realisedVol(closes.slice(0, 30)), /needs 61 closes/);
});
