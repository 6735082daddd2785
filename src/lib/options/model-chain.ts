/**
 * The model chain: without market quotes, an underlying's options are priced by the model from its own
 * daily closes: spot = the last close on or before the session being processed, volatility = the annualised
 * realised volatility of its last 60 daily log returns (sample standard deviation × √252), no smile.
 */
import { UsageError } from '../errors.js';
import { parseDate, utcMidnight } from '../time.js';
import type { SessionDate } from '../types.js';

export const REALISED_VOL_WINDOW = 60;
const SESSIONS_PER_YEAR = 252;

export interface ModelUnderlying {
  symbol: string;
  asOf: SessionDate;
  expiry: SessionDate;
  days: number;
  spot: number;
  /** Annualised realised volatility (or the volatility given). */
  vol: number;
  volSource: string;
}

/** Annualised realised volatility of the last `window` log returns of `closes` (oldest first). */
export function realisedVol(closes: number[], window = REALISED_VOL_WINDOW): number {
  if (closes.length < window + 1)
    throw new UsageError(`realised volatility needs ${window + 1} closes, have ${closes.length}`);
  const tail = closes.slice(-(window + 1));
  const r = tail.slice(1).map((c, i) => Math.log(c / tail[i]!));
  const mean = r.reduce((a, b) => a + b, 0) / r.length;
  const variance = r.reduce((a, b) => a + (b - mean) ** 2, 0) / (r.length - 1);
  return Math.sqrt(variance * SESSIONS_PER_YEAR);
}

/** Spot, volatility and calendar days to `expiry` from closes up to `asOf`; an expiry not after `asOf` is refused. */
export function modelUnderlying(
  symbol: string,
  closes: number[],
  asOf: SessionDate,
  expiryRaw: string,
  vol?: number,
): ModelUnderlying {
  const expiry = parseDate(expiryRaw, '--expiry');
  const days = (utcMidnight(expiry) - utcMidnight(asOf)) / 86_400_000;
  if (days <= 0) throw new UsageError(`--expiry ${expiry} is not after ${asOf}, the session being processed`);
  const spot = closes[closes.length - 1];
  if (spot === undefined) throw new UsageError(`no closes for ${symbol} on or before ${asOf}`);
  return {
    symbol,
    asOf,
    expiry,
    days,
    spot,
    vol: vol ?? realisedVol(closes),
    volSource: vol === undefined ? `realised, last ${REALISED_VOL_WINDOW} sessions` : '--vol',
  };
}
