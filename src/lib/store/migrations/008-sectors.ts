/**
 * Migration 8: each symbol's sector for the portfolio limits, from its SIC code (Polygon ticker details, or the
 * sample's sectors.json). A row is written once collected, also when the source knows no sector (sector NULL), so a
 * symbol is asked for once. Never edit once shipped: add a new migration.
 */
export default `
  CREATE TABLE symbol_sectors (
    symbol TEXT PRIMARY KEY,
    sector TEXT,
    sic_code TEXT,
    source TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  );
`;
