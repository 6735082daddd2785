import { DEFAULT_TARGET } from '../../features/targets.js';
import { runTrainJob, TRAIN_DEFAULTS } from '../../model/train-job.js';
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

/** Train only when there is no active model, its data is more than --retrain-days sessions old, or --retrain. */
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
    const r = await runTrainJob(ctx.store, {
      symbols: ctx.symbols,
      target: DEFAULT_TARGET,
      config: {
        learner: { kind: 'gbdt', gbdt: { earlyStoppingRounds: TRAIN_DEFAULTS.earlyStoppingRounds }, l2: 1 },
        folds: TRAIN_DEFAULTS.folds,
        topK: TRAIN_DEFAULTS.topK,
        validFraction: TRAIN_DEFAULTS.validFraction,
      },
      modelsDir: ctx.cfg.modelsDir,
      reportsDir: ctx.cfg.reportsDir,
      activate: true,
      now: ctx.now(),
      evidence: outOfSampleEvidence,
    });
    writeModelDashboard(ctx.store, ctx.cfg.reportsDir, r.id, ctx.now());
    ctx.results.train = r;
    const why = active
      ? ctx.options.retrain
        ? '--retrain'
        : live?.retrain
          ? live.summary
          : `the active model's data ended ${age} sessions before ${ctx.asOf}`
      : 'no active model';
    for (const d of r.dropped) ctx.log.warn(`${d.symbol} dropped from training: ${d.reason}`);
    const cv = r.metrics.cv.aucMean;
    const dropped = r.dropped.length ? `; dropped ${r.dropped.map((d) => d.symbol).join(', ')} (no training row)` : '';
    const reused = r.reused ? ' (identical to a registered model, reused)' : '';
    return `trained ${r.id} (${why}): CV AUC ${Number.isFinite(cv) ? cv.toFixed(3) : '-'} on ${r.metrics.rows} rows${reused}${dropped}`;
  },
};
