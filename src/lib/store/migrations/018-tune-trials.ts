/**
 * Migration 18: hyperparameter search (ats tune). One tune_studies row per study (its key hashes the search:
 * model type, data, folds, trials, seed), one tune_trials row per finished evaluation of a configuration at a
 * rung of the successive halving. A row is written only when its evaluation finished, so a re-run of the same
 * study skips it. Never edit once shipped: add a new migration.
 */
export default `
  CREATE TABLE tune_studies (
    study TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    spec TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );

  CREATE TABLE tune_trials (
    study TEXT NOT NULL REFERENCES tune_studies(study),
    trial INTEGER NOT NULL,
    rung INTEGER NOT NULL,
    folds INTEGER NOT NULL,
    params TEXT NOT NULL,
    auc REAL,
    auc_std REAL,
    log_loss REAL,
    brier REAL,
    seconds REAL NOT NULL,
    finished_at INTEGER NOT NULL,
    PRIMARY KEY (study, trial, rung)
  );
`;
