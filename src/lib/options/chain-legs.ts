/**
 * Strategy legs priced from a stored chain: each option leg at its contract's mid (else the last trade, else the
 * day's close, as collected), with that contract's implied volatility; the probability of profit then uses the
 * option legs' average IV as the lognormal model's volatility.
 */
import { DataError, UsageError } from '../errors.js';
import type { OptionChainRow } from '../store/option-chain.js';
import type { LegQuote } from './strategy.js';
import type { LegSpec } from './strategy-legs.js';

export function chainSource(chain: readonly OptionChainRow[]): string {
  const session = chain[0]?.session ?? '?';
  return `market chain (snapshot of ${session}; legs at mid, bid/ask shown)`;
}

const mid = (r: OptionChainRow): number | null =>
  r.bid !== null && r.ask !== null && r.bid > 0 && r.ask >= r.bid ? (r.bid + r.ask) / 2 : null;

/** One quote per leg (undefined for stock); a strike the chain does not list is refused (exit 2). */
export function quotesFromChain(
  legs: readonly LegSpec[],
  chain: readonly OptionChainRow[],
): Array<LegQuote | undefined> {
  return legs.map((leg) => {
    if (leg.kind === 'stock') return undefined;
    const row = chain.find((r) => r.type === leg.kind && Math.abs(r.strike - leg.strike!) < 1e-9);
    const first = chain[0];
    if (!row) {
      const strikes = [...new Set(chain.filter((r) => r.type === leg.kind).map((r) => r.strike))];
      throw new UsageError(
        `strike ${leg.strike} ${leg.kind} is not in the stored ${first?.underlying ?? ''} chain for ${first?.expiry ?? ''}` +
          ` (strikes ${strikes[0]}–${strikes[strikes.length - 1]}: ${strikes.join(', ')})`,
      );
    }
    const price =
      mid(row) ?? (row.priceSource === 'last' ? row.last : row.priceSource === 'close' ? row.dayClose : null);
    if (price === null || price <= 0 || row.iv === null)
      throw new DataError(`${row.ticker} has no usable price or implied volatility in the snapshot of ${row.session}`);
    return { price, iv: row.iv, bid: row.bid, ask: row.ask };
  });
}
