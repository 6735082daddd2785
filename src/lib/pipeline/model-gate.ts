import { modelGate, type GateDecision } from '../model/model-gate.js';
import { writeModelDashboard } from '../report/model-dashboard.js';
import { activeModel } from '../store/models.js';
import type { DailyContext } from './steps.js';

/**
 * The model gate's decision for this run (the active model's out-of-sample evidence against gateMinAuc and
 * gateMinSharpeEdge, or --force-model), kept in the run's results for the summary, --json and Slack, and shown on
 * the model dashboard.
 */
export function decideModelGate(ctx: DailyContext): GateDecision {
  const model = activeModel(ctx.store);
  const gate = modelGate(
    model,
    { minAuc: ctx.cfg.gateMinAuc, minSharpeEdge: ctx.cfg.gateMinSharpeEdge },
    ctx.options.forceModel,
  );
  ctx.results.gate = gate;
  if (gate.forced) ctx.log.warn(gate.summary);
  if (model?.metrics['cv']) {
    try {
      writeModelDashboard(ctx.store, ctx.cfg.reportsDir, model.id, ctx.now(), gate);
    } catch (err) {
      ctx.log.warn(`model dashboard not updated: ${(err as Error).message}`);
    }
  }
  return gate;
}
