import type { MarketSource } from '../market/source.js';
import { upsertBars } from '../store/bars.js';
import type { Store } from '../store/open.js';
import {
  upsertDividends,
  upsertOptionContracts,
  upsertQuoteSnapshot,
  upsertSplits,
  upsertTickerDetails,
} from '../store/reference.js';
import { upsertSector } from '../store/sectors.js';
import { insertTicks } from '../store/ticks.js';
import { sectorRow } from './sectors.js';
import type { SessionDate } from '../types.js';

export interface ExtrasResult {
  minuteBars?: number;
  optionContracts?: number;
  optionExpiry?: string | null;
  splits?: number;
  dividends?: number;
  details?: boolean;
  quote?: boolean;
  trades?: number;
}

export interface ExtrasWanted {
  minute: boolean;
  options: boolean;
  fundamentals: boolean;
  quotes: boolean;
}

const EXTRA_KINDS: ReadonlyArray<[keyof ExtrasWanted, string, ReadonlyArray<keyof MarketSource>]> = [
  ['minute', 'minute bars (--minute)', ['minuteBars']],
  ['options', 'option contracts (--options)', ['optionContracts']],
  ['fundamentals', 'splits and dividends (--fundamentals)', ['splits', 'dividends']],
  ['quotes', 'quotes and trades (--quotes)', ['snapshot', 'recentTrades']],
];

/** The wanted extras this source cannot provide, described for the user (the sample has none). */
export function unavailableExtras(source: MarketSource, want: ExtrasWanted): string[] {
  return EXTRA_KINDS.filter(([flag, , methods]) => want[flag] && methods.every((m) => source[m] === undefined)).map(
    ([, what]) => what,
  );
}

/** Optional data beyond daily bars. A source that lacks a kind is skipped with a note (the sample has none). */
export async function collectExtras(
  store: Store,
  source: MarketSource,
  symbol: string,
  session: SessionDate,
  asOf: SessionDate,
  want: ExtrasWanted,
  nowMs: number,
): Promise<ExtrasResult> {
  const r: ExtrasResult = {};
  if (want.minute && source.minuteBars) {
    r.minuteBars = upsertBars(store, await source.minuteBars(symbol, session), source.name).inserted;
  }
  if (want.options && source.optionContracts) {
    const contracts = await source.optionContracts(symbol, asOf);
    upsertOptionContracts(store, contracts, nowMs);
    r.optionContracts = contracts.length;
    r.optionExpiry = contracts[0]?.expirationDate ?? null;
  }
  if (want.fundamentals) {
    if (source.splits) r.splits = upsertSplits(store, await source.splits(symbol));
    if (source.dividends) r.dividends = upsertDividends(store, await source.dividends(symbol));
    if (source.tickerDetails) {
      const d = await source.tickerDetails(symbol);
      if (d) upsertTickerDetails(store, d, nowMs);
      upsertSector(store, sectorRow(symbol, d, source.name), nowMs);
      r.details = d !== null;
    }
  }
  if (want.quotes) {
    if (source.snapshot) {
      const q = await source.snapshot(symbol);
      if (q) upsertQuoteSnapshot(store, q, nowMs);
      r.quote = q !== null;
    }
    if (source.recentTrades) r.trades = insertTicks(store, await source.recentTrades(symbol, 100));
  }
  return r;
}
