/** Migration 3: model registry and daily playbooks. Never edit once shipped: add a new migration. */
export default `
  CREATE TABLE models (
    id TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL,
    kind TEXT NOT NULL,
    path TEXT NOT NULL,
    features TEXT NOT NULL,
    target TEXT NOT NULL,
    params TEXT NOT NULL,
    metrics TEXT NOT NULL,
    symbols TEXT NOT NULL,
    data_from TEXT,
    data_to TEXT,
    active INTEGER NOT NULL DEFAULT 0
  );
  CREATE UNIQUE INDEX models_one_active ON models (active) WHERE active = 1;

  CREATE TABLE playbook (
    session TEXT NOT NULL,
    model_id TEXT NOT NULL,
    symbol TEXT NOT NULL,
    rank INTEGER NOT NULL,
    probability REAL NOT NULL,
    momentum REAL,
    rsi REAL,
    atr_pct REAL,
    close REAL,
    side TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (session, model_id, symbol)
  );
`;
