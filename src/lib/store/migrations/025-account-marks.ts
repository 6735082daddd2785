/**
 * Migration 25: the broker account's equity and cash as last seen (by the daily snapshot), one row per broker, so
 * a metrics scrape reads them from the store instead of calling the broker. Never edit once shipped.
 */
export default `
  CREATE TABLE account_marks (
    broker TEXT PRIMARY KEY,
    equity REAL NOT NULL,
    cash REAL NOT NULL,
    recorded_at INTEGER NOT NULL
  );
`;
