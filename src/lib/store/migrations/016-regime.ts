/**
 * Migration 16: the market regime of the traded universe per session (features/regime.ts), written by the
 * playbook for every session up to the one it scores. Never edit once shipped: add a new migration.
 */
export default `
  CREATE TABLE regime (
    session TEXT PRIMARY KEY,
    index_level REAL NOT NULL,
    sma_200 REAL,
    trend TEXT,
    vol_20 REAL,
    vol_pct REAL,
    symbols INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  );
`;
