/** Migration 5: daily run log and the run lock. Never edit once shipped: add a new migration. */
export default `
  CREATE TABLE daily_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session TEXT NOT NULL,
    config_hash TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    finished_at INTEGER,
    status TEXT NOT NULL CHECK (status IN ('running', 'ok', 'failed', 'stopped', 'closed')),
    pid INTEGER NOT NULL,
    symbols TEXT NOT NULL,
    data_from TEXT,
    data_to TEXT,
    steps TEXT NOT NULL DEFAULT '[]',
    orders TEXT NOT NULL DEFAULT '[]',
    error TEXT
  );
  CREATE INDEX daily_runs_session ON daily_runs (session, config_hash);

  CREATE TABLE locks (
    name TEXT PRIMARY KEY,
    pid INTEGER NOT NULL,
    host TEXT NOT NULL,
    acquired_at INTEGER NOT NULL
  );
`;
