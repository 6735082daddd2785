/**
 * Migration 17: option chain snapshots (Polygon /v3/snapshot/options/{underlying}), one row per contract per
 * session collected. iv/greeks come from Polygon where the plan has them (greeks_source 'polygon'), else from our
 * pricer on the price in price_source ('model'). Never edit once shipped: add a new migration.
 */
export default `
  CREATE TABLE option_chain_quotes (
    ticker TEXT NOT NULL,
    session TEXT NOT NULL,
    underlying TEXT NOT NULL,
    expiration_date TEXT NOT NULL,
    contract_type TEXT NOT NULL CHECK (contract_type IN ('call', 'put')),
    strike REAL NOT NULL,
    bid REAL,
    ask REAL,
    last REAL,
    day_close REAL,
    volume REAL,
    open_interest REAL,
    iv REAL,
    delta REAL,
    gamma REAL,
    theta REAL,
    vega REAL,
    greeks_source TEXT,
    price_source TEXT,
    underlying_price REAL,
    quote_ts INTEGER,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (ticker, session)
  );
  CREATE INDEX option_chain_by_expiry ON option_chain_quotes (underlying, expiration_date, session);
`;
