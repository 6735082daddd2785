/**
 * Sectors for the portfolio limits: a symbol's SIC code (from the source's ticker details: Polygon's
 * /v3/reference/tickers/{ticker} `sic_code`, or the sample's sectors.json) mapped to a sector, collected once and
 * stored. A symbol the source knows no sector for is stored too (sector null), so it is not asked again.
 */
import { sectorOfSic } from '../market/sic-sectors.js';
import type { MarketSource } from '../market/source.js';
import type { Store } from '../store/open.js';
import { loadTickerDetails, upsertTickerDetails } from '../store/reference.js';
import { loadSector, upsertSector, type SymbolSector } from '../store/sectors.js';
import type { TickerDetails } from '../types.js';

export function sectorRow(symbol: string, d: TickerDetails | null, source: string): SymbolSector {
  return { symbol, sector: sectorOfSic(d?.sicCode), sicCode: d?.sicCode ?? null, source };
}

/** The stored sector of a symbol; for details collected before sectors were, their SIC code mapped. null = unknown. */
export function storedSector(store: Store, symbol: string): string | null {
  const row = loadSector(store, symbol);
  if (row !== null) return row.sector;
  return sectorOfSic(loadTickerDetails(store, symbol)?.sicCode);
}

/**
 * Asks the source for the ticker details of each symbol whose sector was never collected (one request each
 * through the source's retry and rate-limit policy) and stores them with the sector. Returns the symbols asked.
 */
export async function collectMissingSectors(
  store: Store,
  source: MarketSource,
  symbols: readonly string[],
  now: () => number,
): Promise<string[]> {
  const asked: string[] = [];
  if (!source.tickerDetails) return asked;
  for (const symbol of symbols) {
    if (loadSector(store, symbol) !== null) continue;
    const d = await source.tickerDetails(symbol);
    asked.push(symbol);
    if (d) upsertTickerDetails(store, d, now());
    upsertSector(store, sectorRow(symbol, d, source.name), now());
  }
  return asked;
}
