/**
 * Migration 7: resting orders and brackets in the paper simulator, and exit legs in the ledger.
 * Never edit once shipped: add a new migration.
 *
 * paper_orders: order_class and parent_id (a leg points at its entry), trail_percent and hwm (a trailing stop's
 * high-water mark, or low-water mark for a buy), triggered (a stop-limit whose stop was reached and now rests as a
 * limit), worked_ts (the last daily bar it was worked through: a bar is worked once), filled_session (the NY session
 * whose bar or quote filled it).
 * orders: parent_id (the entry's client order id on an exit leg) and trail_percent.
 */
export default `
  ALTER TABLE paper_orders ADD COLUMN order_class TEXT NOT NULL DEFAULT 'simple';
  ALTER TABLE paper_orders ADD COLUMN parent_id TEXT;
  ALTER TABLE paper_orders ADD COLUMN trail_percent REAL;
  ALTER TABLE paper_orders ADD COLUMN hwm REAL;
  ALTER TABLE paper_orders ADD COLUMN triggered INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE paper_orders ADD COLUMN worked_ts INTEGER;
  ALTER TABLE paper_orders ADD COLUMN filled_session TEXT;
  CREATE INDEX paper_orders_status ON paper_orders (status, seq);
  CREATE INDEX paper_orders_parent ON paper_orders (parent_id);

  ALTER TABLE orders ADD COLUMN parent_id TEXT;
  ALTER TABLE orders ADD COLUMN trail_percent REAL;
`;
