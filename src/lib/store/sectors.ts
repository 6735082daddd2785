import type { Store } from './open.js';

/** A symbol's collected sector (null: the source knows none) and where it came from. */
export interface SymbolSector {
  symbol: string;
  sector: string | null;
  sicCode: string | null;
  source: string;
}

export function upsertSector(store: Store, s: SymbolSector, nowMs: number): void {
  store.db
    .prepare(
      `INSERT INTO symbol_sectors (symbol, sector, sic_code, source, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (symbol) DO UPDATE SET sector = excluded.sector, sic_code = excluded.sic_code,
         source = excluded.source, updated_at = excluded.updated_at`,
    )
    .run(s.symbol, s.sector, s.sicCode, s.source, nowMs);
}

/** The collected row, or null when the symbol's sector was never collected. */
export function loadSector(store: Store, symbol: string): SymbolSector | null {
  return (
    store.db
      .prepare<[string], SymbolSector>(
        'SELECT symbol, sector, sic_code AS sicCode, source FROM symbol_sectors WHERE symbol = ?',
      )
      .get(symbol) ?? null
  );
}
