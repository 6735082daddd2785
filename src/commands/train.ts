import type { Command } from 'commander';
import { UsageError } from '../lib/errors.js';
import { renderTable } from '../lib/report/table.js';
import { decimal, fraction, positiveInt, wholeNumber } from './options.js';
import { runCommand } from './run.js';
import type { CommandContext } from './context.js';
import type { TrainJobResult } from '../lib/model/train-job.js';
import { describeTarget, trainInputs, type TrainOptions } from './train-inputs.js';

export type { TrainOptions };
import { registerTrainModels } from './train-models.js';

export function registerTrain(program: Command): void {
  const train = program
    .command('train')
    .description(
      'train a model on stored bars: purged walk-forward CV, <id>.onnx in the models folder, registry, scoreboard and dashboard',
    )
    .option('--symbols <list>', 'symbols from the store to train on, e.g. AAPL,MSFT')
    .option('--from <date>', 'first session of training rows (YYYY-MM-DD); features warm up on earlier bars')
    .option('--to <date>', 'last session read (YYYY-MM-DD); nothing later is used, not even by the target')
    .option('--model <kind>', 'one model, activated unless --no-activate: gbdt | rf | mlp | logistic', 'gbdt')
    .option(
      '--models <list>',
      'champion/challenger contest of these model types, e.g. gbdt,rf,mlp,logistic: ' +
        'the best replaces the champion only if it beats it out of sample',
    )
    .option(
      '--target <kind>',
      'direction (close up) | cross-sectional (beats the median of the symbols) (default direction)',
    )
    .option(
      '--cost-bps <n>',
      'commission per side in the out-of-sample evidence backtest, basis points of the value traded (default 20)',
      decimal('--cost-bps', { min: 0 }),
    )
    .option('--trees <n>', 'GBDT: boosting rounds (default 200)', positiveInt('--trees'))
    .option('--depth <n>', 'GBDT: tree depth 1..10 (default 6)', positiveInt('--depth'))
    .option(
      '--learning-rate <x>',
      'GBDT: shrinkage in (0, 1] (default 0.1)',
      decimal('--learning-rate', { min: 0, minExclusive: true, max: 1 }),
    )
    .option('--min-leaf <n>', 'GBDT: minimum rows in a leaf (default 1)', positiveInt('--min-leaf'))
    .option(
      '--l2 <x>',
      'L2 penalty on leaf values (GBDT) or weights (logistic) (default 1)',
      decimal('--l2', { min: 0 }),
    )
    .option(
      '--subsample <x>',
      'GBDT: row fraction per tree in (0, 1] (default 1)',
      decimal('--subsample', { min: 0, minExclusive: true, max: 1 }),
    )
    .option(
      '--colsample <x>',
      'GBDT: feature fraction per tree in (0, 1] (default 1)',
      decimal('--colsample', { min: 0, minExclusive: true, max: 1 }),
    )
    .option('--seed <n>', 'GBDT: random seed (default 1)', wholeNumber('--seed', 0))
    .option(
      '--early-stopping <n>',
      'GBDT: stop after n trees without validation improvement, 0 = off (default 20)',
      wholeNumber('--early-stopping', 0),
    )
    .option('--horizon <n>', 'target: sessions ahead (default 1, setting trainHorizon)', wholeNumber('--horizon', 1))
    .option(
      '--threshold <x>',
      'target: forward return above this is a positive, e.g. 0.5% or 0.005 (default 0)',
      fraction('--threshold', { min: -1, minExclusive: true }),
    )
    .option('--folds <n>', 'walk-forward folds, at least 2 (default 5)', wholeNumber('--folds', 2))
    .option('--top-k <n>', 'picks per session for the top-k hit rate (default 3)', positiveInt('--top-k'))
    .option('--no-activate', 'register the model without making it the active one')
    .action(async (_opts, cmd: Command) => {
      await runCommand(cmd, async (ctx, opts): Promise<{ result: object; text: string }> => {
        const o = opts as unknown as TrainOptions;
        if (o.models !== undefined) {
          const { zooCommand, renderZoo } = await import('./train-zoo.js');
          const zoo = await zooCommand(ctx, o);
          return { result: zoo, text: renderZoo(zoo) };
        }
        const result = await trainCommand(ctx, o);
        return { result, text: renderTrain(result) };
      });
    });
  registerTrainModels(train);
}

export type TrainCommandResult = TrainJobResult & { dashboardPath: string };

export async function trainCommand(ctx: CommandContext, o: TrainOptions): Promise<TrainCommandResult> {
  if (!['gbdt', 'rf', 'mlp', 'logistic'].includes(o.model))
    throw new UsageError(`--model must be gbdt, rf, mlp or logistic, got "${o.model}"`);
  const { learner, ...inputs } = await trainInputs(ctx, o);
  const { runTrainJob } = await import('../lib/model/train-job.js');
  const store = await ctx.openStore();
  const { outOfSampleEvidence } = await import('../lib/backtest/oos-evidence.js');
  ctx.log.info(`training ${o.model} on ${inputs.symbols.join(', ')}`);
  const result = await runTrainJob(store, {
    ...inputs,
    config: { ...inputs.config, learner: { ...learner, kind: o.model as 'gbdt' } },
    activate: o.activate !== false,
    evidence: outOfSampleEvidence,
  });
  for (const d of result.dropped) ctx.log.warn(`${d.symbol} dropped from training: ${d.reason}`);
  const { writeModelDashboard } = await import('../lib/report/model-dashboard.js');
  const dashboardPath = writeModelDashboard(store, ctx.cfg.reportsDir, result.id, ctx.now());
  ctx.log.info(`dashboard: ${dashboardPath}`);
  return { ...result, dashboardPath };
}

const f3 = (v: number | null): string => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(3) : '-');

function evidenceLine(e: NonNullable<TrainCommandResult['metrics']['oos']>): string {
  const pct = (v: number) => `${v.toFixed(1)} %`;
  return (
    `out of sample ${e.from}..${e.to} (${e.windows} walk-forward folds, p ≥ ${e.threshold}, on close, commission ` +
    `${e.commission * 100} %): return ${pct(e.returnPct)}, Sharpe ${f3(e.sharpe)}; ` +
    `buy-and-hold ${pct(e.buyHoldReturnPct)}, Sharpe ${f3(e.buyHoldSharpe)}`
  );
}

export function renderTrain(r: TrainCommandResult): string {
  const { cv, holdout, importance, topK, trees, rows } = r.metrics;
  const folds = renderTable(
    ['fold', 'train', 'test', 'rows', 'AUC', 'log loss', 'accuracy', `top-${topK} hit`, 'trees'],
    cv.folds.map((f) => [
      f.fold,
      `${f.trainFrom}..${f.trainTo}`,
      `${f.testFrom}..${f.testTo}`,
      f.rows,
      f3(f.auc),
      f3(f.logLoss),
      f3(f.accuracy),
      f3(f.topKHitRate),
      f.trees,
    ]),
  );
  return [
    `model ${r.id} (${r.kind}${r.kind === 'gbdt' ? `, ${trees} trees` : ''}) on ${r.symbols.join(', ')}, ` +
      `${r.dataFrom} to ${r.dataTo}, ${rows} training rows`,
    ...r.dropped.map((d) => `dropped ${d.symbol}: ${d.reason}`),
    `target: ${describeTarget(r.target)}`,
    '',
    `walk-forward CV (${cv.folds.length} folds, purge gap ${r.target.horizon} session(s)):`,
    `  AUC ${f3(cv.aucMean)} ± ${f3(cv.aucStd)}   log loss ${f3(cv.logLoss)}   accuracy ${f3(cv.accuracy)}   ` +
      `precision ${f3(cv.precision)}   recall ${f3(cv.recall)}`,
    `  top-${topK} daily picks hit rate ${f3(cv.topKHitRate)} (base rate ${f3(cv.baseRate)})`,
    folds.replace(/^/gm, '  '),
    '',
    `holdout ${holdout.from}..${holdout.to}: AUC ${f3(holdout.auc)}   log loss ${f3(holdout.logLoss)}   accuracy ${f3(holdout.accuracy)}`,
    ...(r.metrics.oos ? [evidenceLine(r.metrics.oos)] : []),
    `importance (${r.kind === 'gbdt' ? 'gain' : '|weight|'}): ${importance
      .slice(0, 8)
      .map((d) => `${d.feature} ${f3(d.gain)}`)
      .join(', ')}`,
    '',
    r.reused
      ? `identical to the registered model ${r.id} (same data, parameters and clock time): reused ${r.path}`
      : `saved ${r.path}`,
    r.activated
      ? `model ${r.id} is now the active model`
      : `model ${r.id} registered, not activated (ats train activate ${r.id})`,
    `scoreboard: ${r.scoreboardPath}`,
    `dashboard: ${r.dashboardPath}`,
  ].join('\n');
}
