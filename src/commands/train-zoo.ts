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
  const { outOfSampleEvidence } = await import('../lib/backtest/oos-evidence.js');
  ctx.log.info(`training ${kinds.join(', ')} on ${inputs.symbols.join(', ')}`);
  const result = await runZooJob(store, {
    ...inputs,
    evidence: outOfSampleEvidence,
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
  typeof v === 'number' && Number.isFinite(v) ? `${v.toFixed(1)} %` : '-';

function decisionOf(r: ZooCommandResult, id: string): string {
  const d = r.decision;
  if (id === d.challenger) return d.promoted ? 'promoted to champion' : 'best challenger: not promoted';
  return id === d.championBefore ? 'champion (kept)' : 'challenger';
}

export function renderZoo(r: ZooCommandResult): string {
  const first = r.candidates[0]!;
  const table = renderTable(
    [
      'model',
      'kind',
      'AUC',
      'log loss',
      'Brier',
      'ECE',
      'return',
      'Sharpe',
      'B&H Sharpe',
      'max DD',
      'turnover',
      'decision',
    ],
    r.candidates.map((c) => {
      const { cv, oos } = c.metrics;
      return [
        c.id,
        c.kind,
        f3(cv.aucMean),
        f3(cv.logLoss),
        f3(cv.brier),
        f3(cv.ece),
        pct(oos?.returnPct),
        f3(oos?.sharpe),
        f3(oos?.buyHoldSharpe),
        pct(oos?.maxDrawdownPct),
        f3(oos?.turnover),
        decisionOf(r, c.id),
      ];
    }),
  );
  const e = first.metrics.oos;
  return [
    `${r.candidates.length} candidate(s) on ${first.symbols.join(', ')}, ${first.dataFrom} to ${first.dataTo}`,
    `target: ${describeTarget(first.target)}; ${first.metrics.cv.folds.length} purged walk-forward folds`,
    ...r.dropped.map((d) => `dropped ${d.symbol}: ${d.reason}`),
    '',
    table,
    '',
    `out of sample: the CV metrics and the walk-forward backtest use out-of-fold predictions only (each by a fold`,
    `model that did not train on it), the same evidence the model gate of daily --trade judges: long while`,
    `p >= ${e?.threshold ?? '-'}, traded on close, commission ${((e?.commission ?? NaN) * 100).toFixed(2)} % per side, ` +
      `${e?.from ?? '-'}..${e?.to ?? '-'} (${e?.windows ?? 0} windows)`,
    `buy-and-hold of the same symbols over the same sessions, after the same costs: return ${pct(e?.buyHoldReturnPct)}, ` +
      `Sharpe ${f3(e?.buyHoldSharpe)}`,
    '',
    `promotion (${r.decision.metric}):`,
    ...r.decision.reasons.map((x) => `  ${x}`),
    r.decision.championAfter ? `champion: ${r.decision.championAfter}` : 'no champion',
    ...(r.removed.length ? [`removed ${r.removed.length} old model file(s): ${r.removed.join(', ')}`] : []),
    `scoreboard: ${r.scoreboardPath}`,
    `dashboard: ${r.dashboardPath}`,
  ].join('\n');
}
