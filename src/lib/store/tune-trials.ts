/** Hyperparameter search studies and their finished trials (tables tune_studies and tune_trials, migration 018). */
import type { Store } from './open.js';

export interface TuneTrialRow {
  study: string;
  /** The configuration's number within the study (0-based). */
  trial: number;
  /** The successive-halving rung (0 = the first, cheapest). */
  rung: number;
  /** Walk-forward folds the configuration was scored on at this rung. */
  folds: number;
  params: Record<string, unknown>;
  auc: number;
  aucStd: number;
  logLoss: number;
  brier: number;
  seconds: number;
  finishedAt: number;
}

interface Row {
  study: string;
  trial: number;
  rung: number;
  folds: number;
  params: string;
  auc: number | null;
  auc_std: number | null;
  log_loss: number | null;
  brier: number | null;
  seconds: number;
  finished_at: number;
}

const num = (v: number | null): number => v ?? NaN;
const orNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** Registers the study once; a re-run with the same key keeps the first row. */
export function ensureStudy(store: Store, study: string, kind: string, spec: unknown, now: number): void {
  store.db
    .prepare('INSERT OR IGNORE INTO tune_studies (study, kind, spec, created_at) VALUES (?, ?, ?, ?)')
    .run(study, kind, JSON.stringify(spec), now);
}

/** Records one finished evaluation; a second record of the same (study, trial, rung) is an error, never an overwrite. */
export function recordTrial(store: Store, t: TuneTrialRow): void {
  store.db
    .prepare(
      `INSERT INTO tune_trials (study, trial, rung, folds, params, auc, auc_std, log_loss, brier, seconds, finished_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      t.study,
      t.trial,
      t.rung,
      t.folds,
      JSON.stringify(t.params),
      orNull(t.auc),
      orNull(t.aucStd),
      orNull(t.logLoss),
      orNull(t.brier),
      t.seconds,
      t.finishedAt,
    );
}

/** The study's finished trials, by rung then trial. */
export function listTrials(store: Store, study: string): TuneTrialRow[] {
  return store.db
    .prepare<[string], Row>('SELECT * FROM tune_trials WHERE study = ? ORDER BY rung, trial')
    .all(study)
    .map((r) => ({
      study: r.study,
      trial: r.trial,
      rung: r.rung,
      folds: r.folds,
      params: JSON.parse(r.params) as Record<string, unknown>,
      auc: num(r.auc),
      aucStd: num(r.auc_std),
      logLoss: num(r.log_loss),
      brier: num(r.brier),
      seconds: r.seconds,
      finishedAt: r.finished_at,
    }));
}

/** Every study's key, model type and finished evaluations, oldest first. */
export function listStudies(store: Store): Array<{ study: string; kind: string; trials: number }> {
  return store.db
    .prepare<[], { study: string; kind: string; trials: number }>(
      `SELECT s.study, s.kind, (SELECT COUNT(*) FROM tune_trials t WHERE t.study = s.study) AS trials
       FROM tune_studies s ORDER BY s.created_at, s.study`,
    )
    .all();
}
