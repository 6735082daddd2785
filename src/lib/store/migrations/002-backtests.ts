/** Migration 2: backtests. Never edit once shipped: add a new migration. */
export default `
  CREATE TABLE backtest_runs (
    id TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL,
    strategy TEXT NOT NULL,
    symbols TEXT NOT NULL,
    params TEXT NOT NULL,
    data_from TEXT NOT NULL,
    data_to TEXT NOT NULL,
    stats TEXT NOT NULL,
    report_path TEXT
  );

  CREATE TABLE backtest_trades (
    run_id TEXT NOT NULL REFERENCES backtest_runs (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    symbol TEXT NOT NULL,
    size REAL NOT NULL,
    entry_bar INTEGER NOT NULL,
    exit_bar INTEGER NOT NULL,
    entry_time TEXT NOT NULL,
    exit_time TEXT NOT NULL,
    entry_price REAL NOT NULL,
    exit_price REAL NOT NULL,
    pnl REAL NOT NULL,
    return_pct REAL NOT NULL,
    commission REAL NOT NULL,
    duration REAL NOT NULL,
    PRIMARY KEY (run_id, seq)
  );
  `;
