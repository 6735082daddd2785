/**
 * The price of one option contract as of a moment, for the paper broker's fills and marks and the grouped
 * positions: the mid of the stored chain snapshot (the latest collected on or before the moment's session, its
 * quote taken at or before the moment), else the model chain's price (bsm.ts, European, no dividend yield): spot
 * = the underlying's latest price as of the moment, volatility = its realised volatility (model-chain.ts) from
 * daily closes up to the moment, time = calendar days from the moment's NY session to expiry / 365. On or after
 * expiry the contract is worth its intrinsic value. No look-ahead: nothing stored after the moment is read.
 */
import { loadBars } from '../store/bars.js';
import type { Store } from '../store/open.js';
import { latestPrice } from '../store/latest-price.js';
import { storedChain } from '../store/option-chain.js';
import { nyDate, utcMidnight } from '../time.js';
import { DAYS_PER_YEAR, europeanPrice } from './bsm.js';
import type { OptionType } from './bsm.js';
import { impliedVol } from './implied-vol.js';
import { REALISED_VOL_WINDOW, realisedVol } from './model-chain.js';
import { formatOcc, parseOcc } from './occ.js';

export interface ContractMark {
  /** Stored OCC form (`O:` prefix). */
  ticker: string;
  underlying: string;
  type: OptionType;
  strike: number;
  expiry: string;
  /** Per share. */
  price: number;
  source: 'chain' | 'model' | 'intrinsic';
  /** Volatility the price implies (chain) or was priced at (model); null at or past expiry. */
  iv: number | null;
  bid: number | null;
  ask: number | null;
  spot: number;
  /** Calendar days from the moment's session to expiry (≤ 0: expired). */
  days: number;
}

export const intrinsic = (type: OptionType, spot: number, strike: number): number =>
  Math.max(type === 'call' ? spot - strike : strike - spot, 0);

/** Daily closes of `symbol` whose bar starts at or before `asOfMs`, oldest first. */
export function closesUpTo(store: Store, symbol: string, asOfMs: number): number[] {
  return loadBars(store, symbol, '1d', -Infinity, asOfMs)
    .map((b) => b.close)
    .filter((c): c is number => c !== null && c > 0);
}

/** The contract's price as of `asOfMs`, or null when neither the chain nor the underlying's data can price it. */
export function contractMark(store: Store, occ: string, asOfMs: number, rate: number): ContractMark | null {
  const o = parseOcc(occ);
  const ticker = formatOcc(o);
  const session = nyDate(asOfMs);
  const days = (utcMidnight(o.expiry) - utcMidnight(session)) / 86_400_000;
  const spot = latestPrice(store, o.root, asOfMs)?.price ?? null;
  const base = { ticker, underlying: o.root, type: o.type, strike: o.strike, expiry: o.expiry, days };
  if (days <= 0) {
    if (spot === null) return null;
    return {
      ...base,
      price: intrinsic(o.type, spot, o.strike),
      source: 'intrinsic',
      iv: null,
      bid: null,
      ask: null,
      spot,
    };
  }
  const row = storedChain(store, o.root, o.expiry, session).find(
    (r) => r.ticker === ticker && (r.quoteTs === null || r.quoteTs <= asOfMs),
  );
  const years = days / DAYS_PER_YEAR;
  if (row && row.bid !== null && row.ask !== null && row.bid > 0 && row.ask >= row.bid) {
    const price = (row.bid + row.ask) / 2;
    const s = row.underlyingPrice ?? spot;
    if (s === null) return null;
    let iv = row.iv;
    try {
      iv = impliedVol({ type: o.type, spot: s, strike: o.strike, years, rate, dividendYield: 0, price });
    } catch {
      // Below intrinsic or above the bound: keep the provider's IV.
    }
    return { ...base, price, source: 'chain', iv, bid: row.bid, ask: row.ask, spot: s };
  }
  if (spot === null) return null;
  const closes = closesUpTo(store, o.root, asOfMs);
  if (closes.length < REALISED_VOL_WINDOW + 1) return null;
  const vol = realisedVol(closes);
  const price = europeanPrice({ type: o.type, spot, strike: o.strike, years, rate, dividendYield: 0, vol });
  return { ...base, price, source: 'model', iv: vol, bid: null, ask: null, spot };
}
