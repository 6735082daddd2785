/**
 * Implied volatility: the volatility at which the model price equals a given price. A safeguarded Newton
 * iteration: Newton steps from a start near the answer, bisection whenever a step leaves the bracket that
 * holds the root (the price is increasing in volatility, so the bracket always shrinks). A price outside
 * the no-arbitrage band has no solution and is refused rather than answered with nonsense.
 */
import { UsageError } from '../errors.js';
import { americanPrice } from './american.js';
import { checkOptionInput, europeanPrice, europeanVegaPerUnit, type OptionInput } from './bsm.js';

const VOL_MIN = 1e-6;
const VOL_MAX = 20;
const TOLERANCE = 1e-12;

export type PricedInput = Omit<OptionInput, 'vol'> & { price: number };

/** The band a price must lie strictly inside: [lower bound, upper bound] (Hull §11.3–11.4). */
export function priceBounds(o: Omit<OptionInput, 'vol'>, american: boolean): { lower: number; upper: number } {
  const spot = o.spot * Math.exp(-o.dividendYield * o.years);
  const strike = o.strike * Math.exp(-o.rate * o.years);
  const euroLower = Math.max(o.type === 'call' ? spot - strike : strike - spot, 0);
  if (!american) return { lower: euroLower, upper: o.type === 'call' ? spot : strike };
  const intrinsic = Math.max(o.type === 'call' ? o.spot - o.strike : o.strike - o.spot, 0);
  return { lower: Math.max(euroLower, intrinsic), upper: o.type === 'call' ? o.spot : o.strike };
}

/** The implied volatility of a European (or, with `american`, an American) option's price. */
export function impliedVol(o: PricedInput, american = false): number {
  checkOptionInput(o);
  if (!(Number.isFinite(o.price) && o.price > 0)) throw new UsageError(`price must be above 0, got ${o.price}`);
  const { lower, upper } = priceBounds(o, american);
  if (o.price <= lower)
    throw new UsageError(
      `no implied volatility: price ${o.price} is at or below the ${american ? 'intrinsic' : 'discounted intrinsic'} value ${round(lower)}`,
    );
  if (o.price >= upper)
    throw new UsageError(
      `no implied volatility: price ${o.price} is at or above the no-arbitrage bound ${round(upper)}`,
    );
  const priceAt = (vol: number): number => (american ? americanPrice({ ...o, vol }) : europeanPrice({ ...o, vol }));
  let lo = VOL_MIN;
  let hi = VOL_MAX;
  if (priceAt(hi) < o.price)
    throw new UsageError(`no implied volatility below ${VOL_MAX * 100}% gives price ${o.price}`);
  if (priceAt(lo) > o.price)
    throw new UsageError(`no implied volatility above ${VOL_MIN * 100}% gives price ${o.price}`);
  // Manaster-Koehler start: the volatility at which d1's drift term vanishes (the inflection of price in vol).
  let vol = Math.min(
    Math.max(
      Math.sqrt((2 * Math.abs(Math.log(o.spot / o.strike) + (o.rate - o.dividendYield) * o.years)) / o.years),
      0.1,
    ),
    2,
  );
  for (let i = 0; i < 200; i++) {
    const diff = priceAt(vol) - o.price;
    if (diff > 0) hi = vol;
    else lo = vol;
    // American: the European vega is close enough to steer; the bracket guarantees convergence.
    const vega = europeanVegaPerUnit({ ...o, vol });
    let next = vega > 0 ? vol - diff / vega : NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - vol) < TOLERANCE * Math.max(1, vol) || hi - lo < TOLERANCE) return next;
    vol = next;
  }
  return vol;
}

function round(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
