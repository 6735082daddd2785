/**
 * `ats train --models gbdt,rf,mlp,logistic`: trains every candidate on the same data and the same purged
 * walk-forward folds, scores each out of sample (CV metrics and the backtest of its out-of-fold signal),
 * runs the champion/challenger contest, records the decision, and removes old model files.
 */
import { rmSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { activeModel, listModels } from '../store/models.js';
import { markFileRemoved, recordDecision, type ModelDecision } from '../store/model-decisions.js';
import type { Store } from '../store/open.js';
import { MODEL_KINDS, type LearnerSpec, type ModelKind } from './learner.js';
import { decidePromotion, evidenceOf, type Evidence, type PromotionRules } from './promotion.js';
import { appendScoreboard } from './scoreboard.js';
import { prepareTraining, scoreboardRow, trainCandidate, type Candidate, type TrainJobOptions } from './train-job.js';

export interface ZooJobOptions extends Omit<TrainJobOptions, 'activate' | 'config'> {
  kinds: ModelKind[];
  /** Parameters shared by every candidate (each learner reads its own). */
  learner: Omit<LearnerSpec, 'kind'>;
  config: Omit<TrainJobOptions['config'], 'learner'>;
  rules: PromotionRules;
  /** Model files kept: the newest N and the champion; older files are removed, their registry rows stay. */
  keepModels: number;
}

export interface ZooResult {
  candidates: Candidate[];
  decision: ModelDecision;
  champion: string | null;
  /** Ids whose files this run removed. */
  removed: string[];
  dropped: Array<{ symbol: string; reason: string }>;
  scoreboardPath: string;
}

/** Parses "gbdt,rf" into model kinds; an unknown or repeated kind is a UsageError. */
export function parseModelKinds(list: string): ModelKind[] {
  const kinds = list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (kinds.length === 0) throw new UsageError(`--models needs at least one of ${MODEL_KINDS.join(', ')}`);
  for (const k of kinds) {
    if (!(MODEL_KINDS as readonly string[]).includes(k))
      throw new UsageError(`unknown model type "${k}": use ${MODEL_KINDS.join(', ')}`);
  }
  if (new Set(kinds).size !== kinds.length) throw new UsageError(`--models lists a model type twice: ${list}`);
  return kinds as ModelKind[];
}

/** Removes the files of all but the newest `keep` models (the champion's always stays). */
export function cleanModelFiles(store: Store, keep: number, now: number): string[] {
  const newestFirst = listModels(store).reverse();
  const removed: string[] = [];
  newestFirst.forEach((m, i) => {
    if (i < keep || m.active || m.fileRemovedAt !== null) return;
    rmSync(m.path, { force: true });
    markFileRemoved(store, m.id, now);
    removed.push(m.id);
  });
  return removed;
}

function label(c: Candidate, d: ModelDecision): string {
  if (c.id !== d.challenger) return 'challenger';
  return d.promoted ? 'promoted to champion' : 'best challenger: not promoted';
}

export async function runZooJob(store: Store, o: ZooJobOptions): Promise<ZooResult> {
  if (!Number.isInteger(o.keepModels) || o.keepModels < 1)
    throw new UsageError(`keepModels must be a positive integer, got ${o.keepModels}`);
  const jobOf = (kind: ModelKind): TrainJobOptions => ({
    ...o,
    activate: false,
    config: { ...o.config, learner: { ...o.learner, kind } },
  });
  const data = prepareTraining(store, jobOf(o.kinds[0]!));
  const candidates: Candidate[] = [];
  for (const kind of o.kinds) candidates.push(await trainCandidate(store, jobOf(kind), data));
  const champion = activeModel(store);
  const challengers: Evidence[] = candidates
    .filter((c) => c.id !== champion?.id)
    .map((c) => evidenceOf({ ...c, metrics: c.metrics as unknown as Record<string, unknown> }));
  const d = decidePromotion(champion ? evidenceOf(champion) : null, challengers, o.rules);
  const decision = recordDecision(store, {
    createdAt: o.now,
    metric: d.metric,
    championBefore: d.championBefore,
    challenger: d.challenger,
    championAfter: d.promoted ? d.challenger : d.championBefore,
    promoted: d.promoted,
    reasons: d.reasons,
    candidates: [
      ...(champion ? [{ ...evidenceOf(champion), role: 'champion' }] : []),
      ...challengers.map((e) => ({ ...e, role: 'challenger' })),
    ],
  });
  const removed = cleanModelFiles(store, o.keepModels, o.now);
  const scoreboardPath = appendScoreboard(
    o.reportsDir,
    candidates.map((c) => scoreboardRow(c, o.now, label(c, decision))),
  );
  return {
    candidates,
    decision,
    champion: decision.championAfter,
    removed,
    dropped: data.dropped,
    scoreboardPath,
  };
}
