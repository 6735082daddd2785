/**
 * `ats tune`: a hyperparameter search for one model type. Random configurations (tune-space.ts) go through
 * successive halving (tune-halving.ts) over purged walk-forward CV, scored by worker threads (tune-pool.ts).
 * Every finished evaluation is a row in the store before the next rung is planned, so an interrupted study
 * continues where it stopped when run again with the same key, and never scores a trial twice.
 */
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { DataError, UsageError } from '../errors.js';
import { csvField } from '../files/csv.js';
import { writeFileAtomic } from '../files/atomic-write.js';
import { resolveTargetSpec } from '../features/targets.js';
import type { Store } from '../store/open.js';
import { ensureStudy, listTrials, recordTrial, type TuneTrialRow } from '../store/tune-trials.js';
import { MODEL_KINDS, type LearnerSpec, type ModelKind } from './learner.js';
import { labeledRows, MIN_SESSIONS } from './train-model.js';
import { matrixFor, prepareTraining, type TrainJobOptions } from './train-job.js';
import { firstFolds, type TuneBase, type TuneTask } from './tune-eval.js';
import { rankTrials, rungFolds, rungSizes, survivors } from './tune-halving.js';
import { startTunePool } from './tune-pool.js';
import { learnerOf, sampleConfigs, type TuneParams } from './tune-space.js';
import { walkForwardSplits } from './walk-forward.js';

export interface TuneJobOptions extends Omit<TrainJobOptions, 'config' | 'activate' | 'evidence' | 'commission'> {
  kind: ModelKind;
  trials: number;
  /** Keep the best 1/eta of each rung. */
  eta: number;
  seed: number;
  /** Worker threads (default: up to 2, one per core). */
  workers?: number;
  /** Stop starting evaluations after this many milliseconds (a re-run continues). */
  budgetMs?: number;
  earlyStoppingRounds: number;
  /** mlp: the input adds the feature values at the last mlpLags sessions, as in training (setting mlpLags). */
  mlpLags?: number;
  config: Omit<TrainJobOptions['config'], 'learner'>;
  onProgress?: (p: TuneProgress) => void;
}

export interface TuneProgress {
  rung: number;
  rungs: number;
  folds: number;
  done: number;
  total: number;
  best: TuneTrialRow | null;
  /** True once the rung is complete (every survivor scored). */
  rungDone: boolean;
}

export interface TuneResult {
  study: string;
  kind: ModelKind;
  symbols: string[];
  seed: number;
  /** Folds and configurations of each rung. */
  rungs: Array<{ folds: number; size: number }>;
  trials: TuneTrialRow[];
  /** Finished evaluations this run reused from the store instead of scoring again. */
  resumed: number;
  /** Evaluations scored by this run. */
  scored: number;
  complete: boolean;
  /** The best configuration on the last rung (all folds), once the study is complete. */
  best: TuneTrialRow | null;
  workers: number;
  csvPath: string;
}

function check(o: TuneJobOptions): void {
  if (!(MODEL_KINDS as readonly string[]).includes(o.kind))
    throw new UsageError(`unknown model type "${o.kind}": use ${MODEL_KINDS.join(', ')}`);
  if (!Number.isInteger(o.trials) || o.trials < 1)
    throw new UsageError(`--trials must be a positive integer, got ${o.trials}`);
  if (!(o.eta >= 2)) throw new UsageError(`--eta must be at least 2, got ${o.eta}`);
  if (o.budgetMs !== undefined && !(o.budgetMs > 0))
    throw new UsageError(`--budget must be a positive number of minutes, got ${o.budgetMs / 60_000}`);
  if (o.workers !== undefined && (!Number.isInteger(o.workers) || o.workers < 1))
    throw new UsageError(`--workers must be a positive integer, got ${o.workers}`);
}

/** The key of a study: everything that decides which evaluations it runs and what they score. */
function studyKey(spec: unknown): string {
  return `t-${createHash('sha256').update(JSON.stringify(spec)).digest('hex').slice(0, 12)}`;
}

const CSV_HEADER = ['study', 'trial', 'rung', 'folds', 'auc', 'auc_std', 'log_loss', 'brier', 'seconds', 'params'];

function writeCsv(path: string, rows: readonly TuneTrialRow[]): void {
  const lines = rows.map((t) =>
    [t.study, t.trial, t.rung, t.folds, t.auc, t.aucStd, t.logLoss, t.brier, t.seconds, JSON.stringify(t.params)]
      .map(csvField)
      .join(','),
  );
  writeFileAtomic(path, [CSV_HEADER.join(','), ...lines].map((l) => `${l}\n`).join(''));
}

export async function runTuneJob(store: Store, o: TuneJobOptions): Promise<TuneResult> {
  check(o);
  const mlpLags = o.kind === 'mlp' ? (o.mlpLags ?? 0) : 0;
  const learner: LearnerSpec = { kind: o.kind, gbdt: {}, l2: 1, mlpLags };
  const job = { ...o, activate: false, config: { ...o.config, learner } };
  const data = prepareTraining(store, job);
  const labeled = labeledRows(matrixFor(job, data));
  const target = resolveTargetSpec(o.target);
  const folds = rungFolds(o.config.folds, o.eta);
  const sizes = rungSizes(o.trials, folds.length, o.eta);
  const sessions = labeled.index.sessions.length;
  if (sessions < MIN_SESSIONS)
    throw new DataError(`only ${sessions} sessions with features and a known target; tuning needs ${MIN_SESSIONS}`);
  // Too few sessions for the first or the last rung's split: say so before any worker starts.
  walkForwardSplits(firstFolds(labeled, o.config.folds, folds[0]!).index, folds[0]!, target.horizon);
  walkForwardSplits(labeled.index, o.config.folds, target.horizon);
  const spec = {
    kind: o.kind,
    symbols: data.symbols,
    from: o.from ?? null,
    to: o.to ?? null,
    target,
    ...o.config,
    trials: o.trials,
    eta: o.eta,
    seed: o.seed,
    earlyStoppingRounds: o.earlyStoppingRounds,
    // Only a lagged MLP's key changes: studies of the other kinds resume as before.
    ...(mlpLags > 0 ? { mlpLags } : {}),
    rows: labeled.y.length,
    firstSession: labeled.index.sessions[0],
    lastSession: labeled.index.sessions[sessions - 1],
    space: 1,
  };
  const study = studyKey(spec);
  ensureStudy(store, study, o.kind, spec, o.now);
  const configs: TuneParams[] = sampleConfigs(o.kind, o.trials, o.seed);
  const done = new Map(listTrials(store, study).map((t) => [`${t.trial}:${t.rung}`, t]));
  const resumed = done.size;
  const base: TuneBase = { ...o.config, horizon: target.horizon, maxFolds: o.config.folds };
  const workers = Math.min(o.workers ?? Math.min(2, availableParallelism()), o.trials);
  const started = performance.now();
  const stop = () => o.budgetMs !== undefined && performance.now() - started >= o.budgetMs;
  let pool: ReturnType<typeof startTunePool> | null = null;
  let scored = 0;
  let best: TuneTrialRow | null = null;
  let complete = true;
  try {
    let ids = configs.map((_, i) => i);
    for (const [rung, f] of folds.entries()) {
      const rows = () => ids.map((i) => done.get(`${i}:${rung}`)).filter((t) => t !== undefined);
      const progress = (rungDone: boolean) => {
        best = rankTrials(rows())[0] ?? best;
        o.onProgress?.({ rung, rungs: folds.length, folds: f, done: rows().length, total: ids.length, best, rungDone });
      };
      const tasks: TuneTask[] = ids
        .filter((i) => !done.has(`${i}:${rung}`))
        .map((trial) => ({
          trial,
          rung,
          folds: f,
          learner: { kind: o.kind, ...learnerOf(o.kind, configs[trial]!, o.seed, o.earlyStoppingRounds), mlpLags },
        }));
      if (tasks.length > 0 && !stop()) {
        pool ??= startTunePool(labeled, base, workers);
        await pool.run(
          tasks,
          (s) => {
            const row: TuneTrialRow = { ...s, study, params: configs[s.trial]!, finishedAt: Date.now() };
            recordTrial(store, row);
            done.set(`${s.trial}:${rung}`, row);
            scored++;
            progress(false);
          },
          stop,
        );
      }
      if (rows().length < ids.length) {
        complete = false;
        break;
      }
      progress(true);
      if (rung + 1 < folds.length) ids = survivors(rows(), sizes[rung + 1]!);
    }
  } finally {
    await pool?.close();
  }
  const trials = listTrials(store, study);
  const last = trials.filter((t) => t.rung === folds.length - 1);
  const csvPath = join(o.reportsDir, `tune-${o.kind}-${study}.csv`);
  writeCsv(csvPath, trials);
  return {
    study,
    kind: o.kind,
    symbols: data.symbols,
    seed: o.seed,
    rungs: folds.map((f, r) => ({ folds: f, size: sizes[r]! })),
    trials,
    resumed,
    scored,
    complete,
    best: complete ? (rankTrials(last)[0] ?? null) : null,
    workers,
    csvPath,
  };
}

/** The learner of a tuned configuration, for the champion/challenger contest (runZooJob). */
export function tunedLearner(
  kind: ModelKind,
  params: Record<string, unknown>,
  seed: number,
  earlyStoppingRounds: number,
  mlpLags = 0,
): Omit<LearnerSpec, 'kind'> {
  const l = learnerOf(kind, params as TuneParams, seed, earlyStoppingRounds);
  // The final model may use both cores again (the threads setting of GBDT: 0 = auto).
  return { ...l, gbdt: kind === 'gbdt' ? { ...l.gbdt, threads: 0 } : l.gbdt, mlpLags };
}
