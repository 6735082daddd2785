/**
 * Migration 6: execution. Never edit once shipped: add a new migration.
 *
 * orders / fills are ats's own ledger (every order any broker was asked to place, and every fill seen);
 * paper_* are the local paper broker's book, kept apart so that the ledger treats both brokers alike.
 */
export default `
  CREATE TABLE orders (
    client_order_id TEXT PRIMARY KEY,
    broker TEXT NOT NULL,
    broker_order_id TEXT,
    run_id TEXT NOT NULL,
    session TEXT NOT NULL,
    symbol TEXT NOT NULL,
    side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
    qty REAL NOT NULL,
    type TEXT NOT NULL,
    time_in_force TEXT NOT NULL,
    limit_price REAL,
    stop_price REAL,
    intent TEXT NOT NULL CHECK (intent IN ('entry', 'exit')),
    source TEXT NOT NULL,
    status TEXT NOT NULL,
    filled_qty REAL NOT NULL DEFAULT 0,
    filled_avg_price REAL,
    reason TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX orders_broker_status ON orders (broker, status);

  CREATE TABLE fills (
    id TEXT PRIMARY KEY,
    client_order_id TEXT NOT NULL,
    broker TEXT NOT NULL,
    symbol TEXT NOT NULL,
    side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
    qty REAL NOT NULL,
    price REAL NOT NULL,
    commission REAL NOT NULL DEFAULT 0,
    realized_pnl REAL NOT NULL DEFAULT 0,
    ts INTEGER NOT NULL,
    seq INTEGER NOT NULL
  );
  CREATE INDEX fills_broker_symbol ON fills (broker, symbol, seq);

  CREATE TABLE paper_orders (
    id TEXT PRIMARY KEY,
    client_order_id TEXT NOT NULL UNIQUE,
    symbol TEXT NOT NULL,
    side TEXT NOT NULL,
    qty REAL NOT NULL,
    type TEXT NOT NULL,
    time_in_force TEXT NOT NULL,
    limit_price REAL,
    stop_price REAL,
    status TEXT NOT NULL,
    filled_qty REAL NOT NULL DEFAULT 0,
    filled_avg_price REAL,
    commission REAL NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    filled_at INTEGER,
    seq INTEGER NOT NULL
  );

  CREATE TABLE paper_account (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    starting_cash REAL NOT NULL,
    created_at INTEGER NOT NULL
  );

  CREATE TABLE equity_marks (
    broker TEXT NOT NULL,
    session TEXT NOT NULL,
    equity REAL NOT NULL,
    recorded_at INTEGER NOT NULL,
    PRIMARY KEY (broker, session)
  );

  CREATE TABLE high_water_marks (
    broker TEXT NOT NULL,
    symbol TEXT NOT NULL,
    high REAL NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (broker, symbol)
  );

  CREATE TABLE broker_positions (
    broker TEXT NOT NULL,
    symbol TEXT NOT NULL,
    qty REAL NOT NULL,
    avg_entry_price REAL NOT NULL,
    market_value REAL,
    synced_at INTEGER NOT NULL,
    PRIMARY KEY (broker, symbol)
  );

  CREATE TABLE portfolio_snapshots (
    session TEXT NOT NULL,
    broker TEXT NOT NULL,
    symbol TEXT NOT NULL,
    qty REAL NOT NULL,
    avg_cost REAL NOT NULL,
    last REAL,
    market_value REAL,
    unrealized_pnl REAL,
    realized_pnl REAL NOT NULL,
    sector TEXT,
    asset_class TEXT NOT NULL,
    taken_at INTEGER NOT NULL,
    PRIMARY KEY (session, broker, symbol)
  );
`;
