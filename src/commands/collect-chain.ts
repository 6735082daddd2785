import type { MarketSource } from '../lib/market/source.js';
import type { Logger } from '../lib/log.js';
import { chainQuery, completeChain, type ChainSummary, type ChainWindow } from '../lib/options/chain-collect.js';
import type { Store } from '../lib/store/open.js';
import { replaceChainSnapshot, type ChainQuote } from '../lib/store/option-chain.js';
import { latestPrice } from '../lib/store/latest-price.js';
import { nyMidnight } from '../lib/time.js';
import type { SessionDate } from '../lib/types.js';

/**
 * `collect --options`: every symbol's chain is fetched (all pages) before anything is written, so a plan-limited
 * 403 or a failed page leaves the store as it was; each underlying's snapshot is then one transaction.
 */
export async function fetchChains(
  source: MarketSource,
  symbols: readonly string[],
  session: SessionDate,
  window: ChainWindow,
): Promise<Map<string, ChainQuote[]>> {
  const out = new Map<string, ChainQuote[]>();
  const query = chainQuery(session, window);
  for (const s of symbols) out.set(s, await source.optionChain!(s, query));
  return out;
}

export function storeChains(
  store: Store,
  chains: Map<string, ChainQuote[]>,
  session: SessionDate,
  rate: number,
  nowMs: number,
  log: Logger,
): ChainSummary[] {
  const summaries: ChainSummary[] = [];
  for (const [symbol, quotes] of chains) {
    const spot = latestPrice(store, symbol, nyMidnight(session) + 86_400_000)?.price ?? null;
    const { rows, summary } = completeChain(symbol, quotes, session, spot, rate);
    replaceChainSnapshot(store, symbol, session, rows, nowMs);
    summaries.push(summary);
  }
  const total = (k: keyof ChainSummary): number => summaries.reduce((n, s) => n + (s[k] as number), 0);
  const contracts = total('contracts');
  const noQuotes = total('withoutQuotes');
  const noGreeks = total('withoutGreeks');
  if (noQuotes > 0 || noGreeks > 0)
    log.warn(
      `option chains: no bid/ask for ${noQuotes} and no IV/greeks for ${noGreeks} of ${contracts} contracts ` +
        `(the Polygon plan leaves them out): IV and greeks computed for ${total('modelGreeks')} from mid, else last ` +
        `trade, else the day's close (Black-Scholes-Merton, rate ${(rate * 100).toFixed(2)}%, ATS_OPTIONS_RATE)`,
    );
  return summaries;
}
