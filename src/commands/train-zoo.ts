/** `ats train --models gbdt,rf,mlp,logistic`: the champion/challenger contest and its report. */
import { renderTable } from '../lib/report/table.js';
import type { CommandContext } from './context.js';
import type { ZooResult } from '../lib/model/zoo-job.js';
import { describeTarget, trainInputs, type TrainOptions } from './train-inputs.js';

export type ZooCommandResult = ZooResult & { dashboardPath: string };

export async function zooCommand(ctx: CommandContext, o: TrainOptions): Promise<ZooCommandResult> {
  const { parseModelKinds, runZooJob } = await import('../lib/model/zoo-job.js');
  const kinds = parseModelKinds(o.models ?? '');
  const inputs = await trainInputs(ctx, o);
  const store = await ctx.openStore();
  ctx.log.info(`training ${kinds.join(', ')} on ${inputs.symbols.join(', ')}`);
  const result = await runZooJob(store, {
    ...inputs,
    kinds,
    rules: {
      metric: ctx.cfg.promotionMetric,
      minSharpeGain: ctx.cfg.promotionMinSharpeGain,
      maxAucDrop: ctx.cfg.promotionMaxAucDrop,
    },
    keepModels: ctx.cfg.keepModels,
  });
  for (const d of result.dropped) ctx.log.warn(`${d.symbol} dropped from training: ${d.reason}`);
  const { writeModelDashboard } = await import('../lib/report/model-dashboard.js');
  const focus = result.decision.championAfter ?? result.candidates[0]!.id;
  const dashboardPath = writeModelDashboard(store, ctx.cfg.reportsDir, focus, ctx.now());
  return { ...result, dashboardPath };
}

const f3 = (v: number | undefined): string => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(3) : '-');
const pct = (v: number | undefined): string =>
  typeof v === 'number' && Number.isFinite(v) ? `${(v * 100).toFixed(1)} %` : '-';

export function renderZoo(r: ZooCommandResult): string {
  const first = r.candidates[0]!;
  const bh = first.metrics.signal?.buyHold;
  const table = renderTable(
    ['model', 'kind', 'AUC', 'log loss', 'Brier', 'ECE', 'return', 'Sharpe', 'max DD', 'turnover'],
    r.candidates.map((c) => {
      const { cv, signal } = c.metrics;
      return [
        c.id,
        c.kind,
        f3(cv.aucMean),
        f3(cv.logLoss),
        f3(cv.brier),
        f3(cv.ece),
        pct(signal?.totalReturn),
        f3(signal?.sharpe),
        pct(signal?.maxDrawdown),
        f3(signal?.turnover),
      ];
    }),
  );
  const signal = first.metrics.signal;
  return [
    `${r.candidates.length} candidate(s) on ${first.symbols.join(', ')}, ${first.dataFrom} to ${first.dataTo}`,
    `target: ${describeTarget(first.target)}; ${first.metrics.cv.folds.length} purged walk-forward folds`,
    ...r.dropped.map((d) => `dropped ${d.symbol}: ${d.reason}`),
    '',
    table,
    '',
    `out of sample: CV metrics and the signal backtest use out-of-fold predictions only (each by a fold model that`,
    `did not train on it): long the symbols with probability >= 0.5, equal weight, next-session returns, ` +
      `${((signal?.costRate ?? 0) * 10_000).toFixed(1)} bps per side, ${signal?.sessions ?? 0} sessions`,
    `buy-and-hold (equal weight) over the same sessions: return ${pct(bh?.totalReturn)}, ` +
      `Sharpe ${f3(bh?.sharpe)}, max DD ${pct(bh?.maxDrawdown)}`,
    '',
    `promotion (${r.decision.metric}):`,
    ...r.decision.reasons.map((x) => `  ${x}`),
    r.decision.championAfter ? `champion: ${r.decision.championAfter}` : 'no champion',
    ...(r.removed.length ? [`removed ${r.removed.length} old model file(s): ${r.removed.join(', ')}`] : []),
    `scoreboard: ${r.scoreboardPath}`,
    `dashboard: ${r.dashboardPath}`,
  ].join('\n');
}
