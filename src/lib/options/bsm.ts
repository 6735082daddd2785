/**
 * European Black-Scholes-Merton with a continuous dividend yield (Hull, Options, Futures and Other
 * Derivatives, 9th ed., §17.4 and ch. 19). Conventions (README, "Options"): time in years = calendar days / 365;
 * theta per calendar day (the per-year theta / 365); vega and rho per 1 point (0.01) of volatility and rate.
 */
import { UsageError } from '../errors.js';
import { normCdf, normPdf } from './normal.js';

export type OptionType = 'call' | 'put';

export interface OptionInput {
  type: OptionType;
  spot: number;
  strike: number;
  /** Years to expiry: calendar days / 365. */
  years: number;
  /** Continuously compounded risk-free rate, e.g. 0.04. */
  rate: number;
  /** Continuous dividend yield, e.g. 0.015. */
  dividendYield: number;
  vol: number;
}

export interface Greeks {
  price: number;
  delta: number;
  gamma: number;
  /** Per calendar day. */
  theta: number;
  /** Per 1 point (0.01) of volatility. */
  vega: number;
  /** Per 1 point (0.01) of the rate. */
  rho: number;
}

export const DAYS_PER_YEAR = 365;

/** Refuse inputs for which the model has no meaning: ≤ 0 spot, strike, time or volatility, non-finite numbers. */
export function checkOptionInput(o: Omit<OptionInput, 'vol'> & { vol?: number }): void {
  const positive: Array<[string, number | undefined]> = [
    ['spot', o.spot],
    ['strike', o.strike],
    ['time to expiry', o.years],
  ];
  if (o.vol !== undefined) positive.push(['volatility', o.vol]);
  for (const [name, v] of positive)
    if (v === undefined || !Number.isFinite(v) || v <= 0) throw new UsageError(`${name} must be above 0, got ${v}`);
  for (const [name, v] of [
    ['rate', o.rate],
    ['dividend yield', o.dividendYield],
  ] as const)
    if (!Number.isFinite(v)) throw new UsageError(`${name} must be a number, got ${v}`);
}

interface Terms {
  d1: number;
  d2: number;
  /** e^(−qT), e^(−rT). */
  dq: number;
  dr: number;
  sqrtT: number;
}

function terms(o: OptionInput): Terms {
  const sqrtT = Math.sqrt(o.years);
  const sd = o.vol * sqrtT;
  const d1 = (Math.log(o.spot / o.strike) + (o.rate - o.dividendYield + 0.5 * o.vol * o.vol) * o.years) / sd;
  return {
    d1,
    d2: d1 - sd,
    dq: Math.exp(-o.dividendYield * o.years),
    dr: Math.exp(-o.rate * o.years),
    sqrtT,
  };
}

/** The European price alone (the implied-volatility solver's inner loop). */
export function europeanPrice(o: OptionInput): number {
  const { d1, d2, dq, dr } = terms(o);
  return o.type === 'call'
    ? o.spot * dq * normCdf(d1) - o.strike * dr * normCdf(d2)
    : o.strike * dr * normCdf(-d2) - o.spot * dq * normCdf(-d1);
}

/** Vega per 1.0 of volatility (the solver's derivative). */
export function europeanVegaPerUnit(o: OptionInput): number {
  const { d1, dq, sqrtT } = terms(o);
  return o.spot * dq * normPdf(d1) * sqrtT;
}

/** Price and greeks of a European option, in the conventions above. */
export function europeanGreeks(o: OptionInput): Greeks {
  const { d1, d2, dq, dr, sqrtT } = terms(o);
  const { spot: s, strike: k, rate: r, dividendYield: q, years: t } = o;
  const pdf = normPdf(d1);
  const decay = (-s * dq * pdf * o.vol) / (2 * sqrtT);
  const gamma = (dq * pdf) / (s * o.vol * sqrtT);
  const vega = (s * dq * pdf * sqrtT) / 100;
  if (o.type === 'call') {
    const nd1 = normCdf(d1);
    const nd2 = normCdf(d2);
    return {
      price: s * dq * nd1 - k * dr * nd2,
      delta: dq * nd1,
      gamma,
      theta: (decay - r * k * dr * nd2 + q * s * dq * nd1) / DAYS_PER_YEAR,
      vega,
      rho: (k * t * dr * nd2) / 100,
    };
  }
  const nmd1 = normCdf(-d1);
  const nmd2 = normCdf(-d2);
  return {
    price: k * dr * nmd2 - s * dq * nmd1,
    delta: -dq * nmd1,
    gamma,
    theta: (decay + r * k * dr * nmd2 - q * s * dq * nmd1) / DAYS_PER_YEAR,
    vega,
    rho: (-k * t * dr * nmd2) / 100,
  };
}
