/**
 * Account tiers by equity. A small account cannot spread risk over many names, so it holds fewer
 * positions and risks a smaller fraction of equity per trade; both grow with the account.
 *
 * Boundaries: a boundary value belongs to the HIGHER tier (equity 1,000 is "small", 999.99 is "micro").
 */
import { UsageError } from '../errors.js';

export type TierName = 'micro' | 'small' | 'medium' | 'large' | 'institutional';

export interface AccountTier {
  name: TierName;
  maxOpenPositions: number;
  /** Fraction of equity put at risk on one trade (0.03 = 3%): the loss if the stop is hit. */
  riskPerTrade: number;
}

/** Ordered by `below` (exclusive upper bound of equity in dollars). */
export const ACCOUNT_TIERS = [
  { below: 1_000, name: 'micro', maxOpenPositions: 2, riskPerTrade: 0.02 },
  { below: 10_000, name: 'small', maxOpenPositions: 3, riskPerTrade: 0.025 },
  { below: 50_000, name: 'medium', maxOpenPositions: 5, riskPerTrade: 0.03 },
  { below: 250_000, name: 'large', maxOpenPositions: 8, riskPerTrade: 0.035 },
  { below: Infinity, name: 'institutional', maxOpenPositions: 12, riskPerTrade: 0.04 },
] as const satisfies ReadonlyArray<AccountTier & { below: number }>;

export function accountTier(equity: number): AccountTier {
  if (!Number.isFinite(equity) || equity < 0) {
    throw new UsageError(`account tier: equity must be a finite number >= 0, got ${equity}`);
  }
  // The last tier's bound is Infinity, so a finite equity always finds one.
  const tier = ACCOUNT_TIERS.find((t) => equity < t.below) as (typeof ACCOUNT_TIERS)[number];
  return { name: tier.name, maxOpenPositions: tier.maxOpenPositions, riskPerTrade: tier.riskPerTrade };
}

/**
 * The options scan's underlyings by tier (the original design): micro SPY, QQQ, IWM; small adds AAPL, MSFT, TSLA;
 * medium adds NVDA, AMZN, GOOGL, META; large adds DIA, XLF, AMD, NFLX; institutional adds XLE, JPM, BA, DIS.
 */
const MICRO_OPTION_SYMBOLS = ['SPY', 'QQQ', 'IWM'];
const SMALL_OPTION_SYMBOLS = [...MICRO_OPTION_SYMBOLS, 'AAPL', 'MSFT', 'TSLA'];
const MEDIUM_OPTION_SYMBOLS = [...SMALL_OPTION_SYMBOLS, 'NVDA', 'AMZN', 'GOOGL', 'META'];
const LARGE_OPTION_SYMBOLS = [...MEDIUM_OPTION_SYMBOLS, 'DIA', 'XLF', 'AMD', 'NFLX'];
export const TIER_OPTION_SYMBOLS: Readonly<Record<TierName, readonly string[]>> = {
  micro: MICRO_OPTION_SYMBOLS,
  small: SMALL_OPTION_SYMBOLS,
  medium: MEDIUM_OPTION_SYMBOLS,
  large: LARGE_OPTION_SYMBOLS,
  institutional: [...LARGE_OPTION_SYMBOLS, 'XLE', 'JPM', 'BA', 'DIS'],
};
