import { DEFAULT_TARGET } from '../../features/targets.js';
import { TRAIN_DEFAULTS } from '../../model/train-job.js';
import { runZooJob, type ZooResult } from '../../model/zoo-job.js';
import { outOfSampleEvidence } from '../../backtest/oos-evidence.js';
import { sessionsBetween } from '../../market/calendar.js';
import { writeModelDashboard } from '../../report/model-dashboard.js';
import { activeModel, type ModelRecord } from '../../store/models.js';
import { nyDate } from '../../time.js';
import type { SessionDate } from '../../types.js';
import type { DailyStep } from '../steps.js';
import { checkPerformance } from '../performance-retrain.js';

/**
 * A model's age for retraining: the sessions from the end of its training data to the session being processed
 * (neither clock time: a model trained today on data through June is half a year old for a December session).
 * An imported model without a training range counts from the day it was registered.
 */
function modelAgeSessions(model: Pick<ModelRecord, 'dataTo' | 'createdAt'>, asOf: SessionDate): number {
  const end = model.dataTo ?? nyDate(model.createdAt);
  return end >= asOf ? 0 : sessionsBetween(end, asOf).filter((d) => d > end).length;
}

const f = (v: number | undefined, d = 3): string => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(d) : '-');

/** What the contest decided for the retrained model, and why, in one clause of the step line. */
function contestVerdict(r: Pick<ZooResult, 'decision' | 'candidates'>): string {
  const d = r.decision;
  const id = r.candidates[0]!.id;
  if (id === d.championBefore) return `identical to the champion ${id}: kept`;
  if (!d.promoted) {
    const why = d.reasons.slice(2, -1).join('; ');
    return `challenger not promoted, ${d.championBefore} stays the champion (${why})`;
  }
  if (!d.championBefore) return `no champion yet: ${id} becomes the champion (the model gate still guards orders)`;
  return `promoted: ${id} replaces ${d.championBefore} (${d.reasons.slice(2, -1).join('; ')})`;
}

/**
 * Train only when there is no active model, its data is more than --retrain-days sessions old, or --retrain. The
 * retrained model enters the champion/challenger contest (promotion rules) against the active champion and becomes
 * active only when promoted; the first model ever becomes the champion.
 */
export const trainStep: DailyStep = {
  name: 'train',
  run: async (ctx) => {
    const active = activeModel(ctx.store);
    const age = active ? modelAgeSessions(active, ctx.asOf) : Infinity;
    const live = active ? checkPerformance(ctx, active) : null;
    if (active && !ctx.options.retrain && age <= ctx.options.retrainDays && !live?.retrain) {
      const record = live ? `; ${live.summary}` : '';
      return `active model ${active.id} is ${age} session(s) old (retrain after ${ctx.options.retrainDays}); kept${record}`;
    }
    const r = await runZooJob(ctx.store, {
      symbols: ctx.symbols,
      target: DEFAULT_TARGET,
      kinds: ['gbdt'],
      learner: { gbdt: { earlyStoppingRounds: TRAIN_DEFAULTS.earlyStoppingRounds }, l2: 1 },
      config: { folds: TRAIN_DEFAULTS.folds, topK: TRAIN_DEFAULTS.topK, validFraction: TRAIN_DEFAULTS.validFraction },
      rules: {
        metric: ctx.cfg.promotionMetric,
        minSharpeGain: ctx.cfg.promotionMinSharpeGain,
        maxAucDrop: ctx.cfg.promotionMaxAucDrop,
      },
      keepModels: ctx.cfg.keepModels,
      modelsDir: ctx.cfg.modelsDir,
      reportsDir: ctx.cfg.reportsDir,
      now: ctx.now(),
      evidence: outOfSampleEvidence,
    });
    const c = r.candidates[0]!;
    writeModelDashboard(ctx.store, ctx.cfg.reportsDir, r.champion ?? c.id, ctx.now());
    ctx.results.train = { ...c, decision: r.decision, champion: r.champion };
    const why = active
      ? ctx.options.retrain
        ? '--retrain'
        : live?.retrain
          ? live.summary
          : `the active model's data ended ${age} sessions before ${ctx.asOf}`
      : 'no active model';
    for (const d of r.dropped) ctx.log.warn(`${d.symbol} dropped from training: ${d.reason}`);
    const { cv, oos, rows } = c.metrics;
    const dropped = r.dropped.length ? `; dropped ${r.dropped.map((d) => d.symbol).join(', ')} (no training row)` : '';
    const reused = c.reused ? ' (identical to a registered model, reused)' : '';
    const evidence = `walk-forward Sharpe after costs ${f(oos?.sharpe, 2)} vs buy-and-hold ${f(oos?.buyHoldSharpe, 2)}`;
    return (
      `trained ${c.id} (${why}): CV AUC ${f(cv.aucMean)}, ${evidence} on ${rows} rows${reused}; ` +
      `${contestVerdict(r)}${dropped}`
    );
  },
};
