import { DEFAULT_TARGET } from '../../features/targets.js';
import { runTrainJob, TRAIN_DEFAULTS } from '../../model/train-job.js';
import { writeModelDashboard } from '../../report/model-dashboard.js';
import { activeModel } from '../../store/models.js';
import type { DailyStep } from '../steps.js';

const DAY_MS = 86_400_000;

/** Train only when there is no active model, it is older than --retrain-days, or --retrain. */
export const trainStep: DailyStep = {
  name: 'train',
  run: async (ctx) => {
    const active = activeModel(ctx.store);
    const ageDays = active ? (ctx.now() - active.createdAt) / DAY_MS : Infinity;
    if (active && !ctx.options.retrain && ageDays <= ctx.options.retrainDays) {
      return `active model ${active.id} is ${ageDays.toFixed(1)} day(s) old (retrain after ${ctx.options.retrainDays}); kept`;
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
    });
    writeModelDashboard(ctx.store, ctx.cfg.reportsDir, r.id, ctx.now());
    ctx.results.train = r;
    const why = active
      ? ctx.options.retrain
        ? '--retrain'
        : `the active model was ${ageDays.toFixed(1)} day(s) old`
      : 'no active model';
    const cv = r.metrics.cv.aucMean;
    const reused = r.reused ? ' (identical to a registered model, reused)' : '';
    return `trained ${r.id} (${why}): CV AUC ${Number.isFinite(cv) ? cv.toFixed(3) : '-'} on ${r.metrics.rows} rows${reused}`;
  },
};
