/**
 * Collecting option chains: the provider's snapshot for the expiries asked, symbols normalised to the stored OCC
 * form, and where the plan leaves out quotes or greeks (Polygon's starter plans have no quotes; deep contracts
 * come without greeks) IV and greeks computed by our pricer from whatever price exists: mid, else last trade,
 * else the day's close. Those are European Black-Scholes-Merton (Polygon's greeks are model values too), with
 * time = calendar days from the session collected to expiry / 365.
 */
import { UsageError } from '../errors.js';
import type { ChainQuery } from '../market/polygon-chain.js';
import type { ChainQuote, OptionChainRow } from '../store/option-chain.js';
import { addDays, utcMidnight } from '../time.js';
import type { SessionDate } from '../types.js';
import { DAYS_PER_YEAR, europeanGreeks } from './bsm.js';
import { impliedVol } from './implied-vol.js';
import { normalizeOcc } from './occ.js';

export interface ChainWindow {
  /** The first N expiries after the session. */
  expiries?: number;
  /** Expiries from `dte[0]` to `dte[1]` calendar days after the session. */
  dte?: [number, number];
}

export interface ChainSummary {
  symbol: string;
  contracts: number;
  expiries: string[];
  /** Contracts without a bid/ask, and without IV or greeks from the provider. */
  withoutQuotes: number;
  withoutGreeks: number;
  /** Of those, IV/greeks we computed; the rest had no usable price. */
  modelGreeks: number;
}

/** `--expiries 3` or `--dte 7-60` → the provider query. Default: the nearest 3 expiries. */
export function chainQuery(asOf: SessionDate, w: ChainWindow): ChainQuery {
  if (w.expiries !== undefined && w.dte !== undefined) throw new UsageError('give --expiries or --dte, not both');
  if (w.dte !== undefined) return { from: addDays(asOf, w.dte[0]), to: addDays(asOf, w.dte[1]) };
  return { from: addDays(asOf, 1), maxExpiries: w.expiries ?? 3 };
}

/** "7-60" → [7, 60]. */
export function parseDteRange(raw: string): [number, number] {
  const m = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(raw);
  if (!m || Number(m[1]) > Number(m[2]))
    throw new UsageError(`--dte must be a range of calendar days MIN-MAX with MIN ≤ MAX, e.g. 7-60; got "${raw}"`);
  return [Number(m[1]), Number(m[2])];
}

const mid = (q: ChainQuote): number | null =>
  q.bid !== null && q.ask !== null && q.bid > 0 && q.ask >= q.bid ? (q.bid + q.ask) / 2 : null;

/** One provider contract → the stored row, IV and greeks filled in from its price where missing. */
export function completeChainRow(
  q: ChainQuote,
  session: SessionDate,
  spotFallback: number | null,
  rate: number,
): OptionChainRow {
  const ticker = normalizeOcc(q.ticker);
  const m = mid(q);
  const [price, priceSource] =
    m !== null
      ? [m, 'mid' as const]
      : q.last !== null && q.last > 0
        ? [q.last, 'last' as const]
        : q.dayClose !== null && q.dayClose > 0
          ? [q.dayClose, 'close' as const]
          : [null, null];
  const row: OptionChainRow = { ...q, ticker, session, priceSource, greeksSource: null };
  if (q.iv !== null && q.delta !== null) return { ...row, greeksSource: 'polygon' };
  const spot = q.underlyingPrice ?? spotFallback;
  const years = (utcMidnight(q.expiry) - utcMidnight(session)) / 86_400_000 / DAYS_PER_YEAR;
  if (price === null || spot === null || !(spot > 0) || !(years > 0)) return row;
  const input = { type: q.type, spot, strike: q.strike, years, rate, dividendYield: 0 };
  let iv: number;
  try {
    iv = q.iv ?? impliedVol({ ...input, price });
  } catch {
    return row; // a price outside the no-arbitrage band has no IV: stored without
  }
  const g = europeanGreeks({ ...input, vol: iv });
  return { ...row, iv, delta: g.delta, gamma: g.gamma, theta: g.theta, vega: g.vega, greeksSource: 'model' };
}

/** One underlying's provider chain → stored rows, with what was missing counted for the one-time warning. */
export function completeChain(
  symbol: string,
  quotes: readonly ChainQuote[],
  session: SessionDate,
  spotFallback: number | null,
  rate: number,
): { rows: OptionChainRow[]; summary: ChainSummary } {
  const rows = quotes.map((q) => completeChainRow(q, session, spotFallback, rate));
  return {
    rows,
    summary: {
      symbol,
      contracts: rows.length,
      expiries: [...new Set(rows.map((r) => r.expiry))],
      withoutQuotes: quotes.filter((q) => mid(q) === null).length,
      withoutGreeks: quotes.filter((q) => q.iv === null || q.delta === null).length,
      modelGreeks: rows.filter((r) => r.greeksSource === 'model').length,
    },
  };
}
