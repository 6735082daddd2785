/**
 * Migration 10: champion and challenger. A model is the champion while active, retired once a challenger
 * replaced it (retired_at), otherwise a challenger; file_removed_at marks a model whose file the
 * clean-up removed (its row stays, as history). Every promotion contest leaves one model_decisions row.
 * Never edit once shipped: add a new migration.
 */
export default `
  ALTER TABLE models ADD COLUMN retired_at INTEGER;
  ALTER TABLE models ADD COLUMN file_removed_at INTEGER;

  CREATE TABLE model_decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at INTEGER NOT NULL,
    metric TEXT NOT NULL,
    champion_before TEXT,
    challenger TEXT,
    champion_after TEXT,
    promoted INTEGER NOT NULL,
    reasons TEXT NOT NULL,
    candidates TEXT NOT NULL
  );
`;
