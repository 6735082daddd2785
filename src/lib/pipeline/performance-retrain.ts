import { resolveTargetSpec, type TargetSpec } from '../features/targets.js';
import { checkLiveRecord, liveRecord, scorePicks, type RetrainCheck } from '../model/live-record.js';
import { trainMetricsOf } from '../model/train-metrics.js';
import { loadSeries } from '../store/bars.js';
import type { ModelRecord } from '../store/models.js';
import { playbookHistory } from '../store/playbook.js';
import type { DailyContext } from './steps.js';

/**
 * Performance-based retraining: the active model's stored playbook picks, scored against the bars up to the as-of
 * session, over the last retrainPicks scored picks, against its out-of-sample (cross-validated) precision and
 * Brier score. Null for a model without out-of-sample figures (imported) or without a stored pick.
 */
export function checkPerformance(
  ctx: Pick<DailyContext, 'store' | 'asOf' | 'cfg'>,
  model: ModelRecord,
): RetrainCheck | null {
  const cv = trainMetricsOf(model)?.cv;
  if (!cv || !Number.isFinite(cv.precision) || !Number.isFinite(cv.brier)) return null;
  const picks = playbookHistory(ctx.store, model.id, ctx.asOf);
  if (picks.length === 0) return null;
  let target: Required<TargetSpec>;
  try {
    target = resolveTargetSpec(model.target as Partial<TargetSpec>);
  } catch {
    return null;
  }
  const series = new Map([...new Set(picks.map((p) => p.symbol))].map((s) => [s, loadSeries(ctx.store, s)]));
  const scored = scorePicks(picks, series, target, ctx.asOf);
  return checkLiveRecord(
    liveRecord(scored, ctx.cfg.retrainPicks),
    { precision: cv.precision, brier: cv.brier },
    { picks: ctx.cfg.retrainPicks, hitRateDrop: ctx.cfg.retrainHitRateDrop, brierRise: ctx.cfg.retrainBrierRise },
  );
}
