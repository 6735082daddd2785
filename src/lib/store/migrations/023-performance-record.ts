/**
 * Migration 23: the performance record. account_marks: the account's equity and cash at the snapshot of each
 * session (the daily `snapshot` step), the equity curve of `portfolio performance`. orders.decision_price: the
 * price the order was sized and checked at when it was decided (limit, stop, else the latest stored price), the
 * reference its fills' slippage is measured against. Never edit once shipped: add a new migration.
 */
export default `
  CREATE TABLE account_marks (
    broker TEXT NOT NULL,
    session TEXT NOT NULL,
    equity REAL NOT NULL,
    cash REAL NOT NULL,
    taken_at INTEGER NOT NULL,
    PRIMARY KEY (broker, session)
  );

  ALTER TABLE orders ADD COLUMN decision_price REAL;
`;
