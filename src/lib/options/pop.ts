/**
 * Probability of profit and expected profit at expiry under the lognormal risk-neutral model:
 * S_T = S·exp((r − q − σ²/2)T + σ√T·Z), Z standard normal (Hull §15.1). Closed form from the profit ranges,
 * or Monte Carlo with a seeded generator and its standard error.
 */
import { mulberry32 } from '../model/rng.js';
import { normCdf } from './normal.js';
import { profitAt, unitsOf, type PayoffSummary, type PricedLeg } from './payoff.js';

export interface Lognormal {
  spot: number;
  years: number;
  rate: number;
  dividendYield: number;
  vol: number;
}

/** P(S_T ≤ x). */
function cdfAt(m: Lognormal, x: number): number {
  if (x <= 0) return 0;
  const sd = m.vol * Math.sqrt(m.years);
  return normCdf((Math.log(x / m.spot) - (m.rate - m.dividendYield - 0.5 * m.vol * m.vol) * m.years) / sd);
}

/** P(profit > 0 at expiry), summing the probability of each profit range. */
export function popClosedForm(ranges: PayoffSummary['profitRanges'], m: Lognormal): number {
  return ranges.reduce((p, r) => p + (r.to === null ? 1 : cdfAt(m, r.to)) - cdfAt(m, r.from), 0);
}

/** E[profit at expiry] in closed form: E[(S_T−K)+] = F·N(d1) − K·N(d2), E[(K−S_T)+] = K·N(−d2) − F·N(−d1). */
export function expectedProfitClosedForm(legs: PricedLeg[], m: Lognormal): number {
  const forward = m.spot * Math.exp((m.rate - m.dividendYield) * m.years);
  const sd = m.vol * Math.sqrt(m.years);
  let total = 0;
  for (const l of legs) {
    let value = forward;
    if (l.kind !== 'stock') {
      const k = l.strike!;
      const d1 = (Math.log(forward / k) + 0.5 * sd * sd) / sd;
      const d2 = d1 - sd;
      value = l.kind === 'call' ? forward * normCdf(d1) - k * normCdf(d2) : k * normCdf(-d2) - forward * normCdf(-d1);
    }
    total += unitsOf(l) * (value - l.price);
  }
  return total;
}

export interface MonteCarloResult {
  pop: number;
  popStdErr: number;
  expectedValue: number;
  expectedValueStdErr: number;
  paths: number;
}

/** Probability of profit and expected profit by simulating `paths` prices at expiry (Box-Muller normals). */
export function popMonteCarlo(legs: PricedLeg[], m: Lognormal, paths = 100_000, seed = 1): MonteCarloResult {
  const uniform = mulberry32(seed); // the same seed gives the same paths on every machine
  const drift = (m.rate - m.dividendYield - 0.5 * m.vol * m.vol) * m.years;
  const sd = m.vol * Math.sqrt(m.years);
  let wins = 0;
  let sum = 0;
  let sumSq = 0;
  let spare = NaN;
  for (let i = 0; i < paths; i++) {
    let z = spare;
    if (Number.isNaN(z)) {
      const u = 1 - uniform();
      const angle = 2 * Math.PI * uniform();
      const radius = Math.sqrt(-2 * Math.log(u));
      z = radius * Math.cos(angle);
      spare = radius * Math.sin(angle);
    } else spare = NaN;
    const profit = profitAt(legs, m.spot * Math.exp(drift + sd * z));
    if (profit > 0) wins++;
    sum += profit;
    sumSq += profit * profit;
  }
  const pop = wins / paths;
  const mean = sum / paths;
  const variance = Math.max(sumSq / paths - mean * mean, 0);
  return {
    pop,
    popStdErr: Math.sqrt((pop * (1 - pop)) / paths),
    expectedValue: mean,
    expectedValueStdErr: Math.sqrt(variance / paths),
    paths,
  };
}
