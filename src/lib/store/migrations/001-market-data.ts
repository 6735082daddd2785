/** Migration 1: market data. Never edit once shipped: add a new migration. */
export default `
  CREATE TABLE bars (
    symbol TEXT NOT NULL,
    timeframe TEXT NOT NULL,
    ts INTEGER NOT NULL,
    open REAL, high REAL, low REAL, close REAL,
    volume REAL,
    vwap REAL,
    trades INTEGER,
    source TEXT NOT NULL,
    PRIMARY KEY (symbol, timeframe, ts)
  ) WITHOUT ROWID;

  CREATE TABLE splits (
    symbol TEXT NOT NULL,
    execution_date TEXT NOT NULL,
    split_from REAL NOT NULL,
    split_to REAL NOT NULL,
    PRIMARY KEY (symbol, execution_date)
  );

  CREATE TABLE dividends (
    symbol TEXT NOT NULL,
    ex_dividend_date TEXT NOT NULL,
    pay_date TEXT,
    cash_amount REAL NOT NULL,
    frequency INTEGER,
    PRIMARY KEY (symbol, ex_dividend_date)
  );

  CREATE TABLE ticker_details (
    symbol TEXT PRIMARY KEY,
    name TEXT,
    market_cap REAL,
    shares_outstanding REAL,
    sic_code TEXT,
    sic_description TEXT,
    updated_at INTEGER NOT NULL
  );

  CREATE TABLE quote_snapshots (
    symbol TEXT PRIMARY KEY,
    ts INTEGER NOT NULL,
    bid REAL, bid_size REAL, ask REAL, ask_size REAL,
    last REAL, last_size REAL,
    day_close REAL, prev_close REAL,
    updated_at INTEGER NOT NULL
  );

  CREATE TABLE ticks (
    symbol TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('trade', 'quote')),
    ts_ns TEXT NOT NULL,
    seq TEXT NOT NULL,
    ts INTEGER NOT NULL,
    price REAL, size REAL,
    bid REAL, bid_size REAL, ask REAL, ask_size REAL,
    exchange INTEGER,
    conditions TEXT,
    PRIMARY KEY (symbol, kind, ts_ns, seq)
  ) WITHOUT ROWID;

  CREATE TABLE option_contracts (
    ticker TEXT PRIMARY KEY,
    underlying TEXT NOT NULL,
    contract_type TEXT NOT NULL,
    expiration_date TEXT NOT NULL,
    strike REAL NOT NULL,
    shares_per_contract REAL NOT NULL,
    exercise_style TEXT,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX option_contracts_underlying ON option_contracts (underlying, expiration_date);

  CREATE TABLE collection_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at INTEGER NOT NULL,
    finished_at INTEGER,
    command TEXT NOT NULL,
    symbol TEXT,
    source TEXT NOT NULL,
    status TEXT NOT NULL,
    new_bars INTEGER NOT NULL DEFAULT 0,
    gaps_filled INTEGER NOT NULL DEFAULT 0,
    requests INTEGER NOT NULL DEFAULT 0,
    message TEXT
  );
  `;
