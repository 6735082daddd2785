import type { Command } from 'commander';
import { UsageError } from '../lib/errors.js';
import type { TargetKind } from '../lib/features/targets.js';
import { parseSymbolList } from '../lib/symbols.js';
import { parseDate } from '../lib/time.js';
import { decimal, fraction, positiveInt, positiveNumber, wholeNumber } from './options.js';
import { runCommand } from './run.js';
import type { CommandContext } from './context.js';
import type { TuneCommandResult } from './tune-render.js';

export interface TuneOptions {
  symbols?: string;
  from?: string;
  to?: string;
  model: string;
  trials: number;
  eta: number;
  budget?: number;
  seed: number;
  workers?: number;
  folds: number;
  horizon?: number;
  threshold?: number;
  target?: string;
  earlyStopping: number;
  trainBest?: boolean;
  costBps: number;
}

const KINDS = ['gbdt', 'rf', 'mlp', 'logistic'] as const;

export function registerTune(program: Command): void {
  program
    .command('tune')
    .description(
      'hyperparameter search for one model type: random configurations, successive halving over purged ' +
        'walk-forward CV on both cores, resumable (trials in the store), results table and CSV in the reports folder',
    )
    .option('--symbols <list>', 'symbols from the store to tune on, e.g. AAPL,MSFT')
    .option('--from <date>', 'first session of training rows (YYYY-MM-DD)')
    .option('--to <date>', 'last session read (YYYY-MM-DD)')
    .option('--model <kind>', 'gbdt | rf | mlp | logistic', 'gbdt')
    .option('--trials <n>', 'configurations drawn (default 20)', positiveInt('--trials'), 20)
    .option('--eta <n>', 'keep the best 1/eta of each rung (default 3)', wholeNumber('--eta', 2), 3)
    .option(
      '--budget <minutes>',
      'stop starting trials after this long; a re-run continues',
      positiveNumber('--budget'),
    )
    .option('--seed <n>', 'seed of the configurations and the learners (default 1)', wholeNumber('--seed', 0), 1)
    .option('--workers <n>', 'worker threads (default: 2, or 1 on one core)', positiveInt('--workers'))
    .option('--folds <n>', 'walk-forward folds of the last rung, at least 2 (default 5)', wholeNumber('--folds', 2), 5)
    .option('--horizon <n>', 'target: sessions ahead (default: setting trainHorizon)', wholeNumber('--horizon', 1))
    .option('--target <kind>', 'direction | cross-sectional (default: setting trainTarget)')
    .option(
      '--threshold <x>',
      'target: forward return above this is a positive, e.g. 0.5% (default 0)',
      fraction('--threshold', { min: -1, minExclusive: true }),
    )
    .option(
      '--early-stopping <n>',
      'GBDT: stop after n trees without validation improvement, 0 = off (default 20)',
      wholeNumber('--early-stopping', 0),
      20,
    )
    .option('--train-best', 'train the best configuration and enter it into the champion/challenger contest')
    .option(
      '--cost-bps <n>',
      'with --train-best: commission per side in the out-of-sample evidence backtest, basis points (default 20)',
      decimal('--cost-bps', { min: 0 }),
      20,
    )
    .action(async (_opts, cmd: Command) => {
      await runCommand(cmd, async (ctx, opts) => {
        const result = await tuneCommand(ctx, opts as unknown as TuneOptions);
        const { renderTune } = await import('./tune-render.js');
        return { result, text: renderTune(result) };
      });
    });
}

export async function tuneCommand(ctx: CommandContext, o: TuneOptions): Promise<TuneCommandResult> {
  if (!(KINDS as readonly string[]).includes(o.model))
    throw new UsageError(`unknown model type "${o.model}": use ${KINDS.join(', ')}`);
  const kind = o.model as (typeof KINDS)[number];
  const symbols = parseSymbolList(o.symbols);
  const from = o.from === undefined ? undefined : parseDate(o.from, '--from date');
  const to = o.to === undefined ? undefined : parseDate(o.to, '--to date');
  if (from && to && from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  const targetKind = o.target ?? ctx.cfg.trainTarget;
  if (targetKind !== 'direction' && targetKind !== 'cross-sectional')
    throw new UsageError(`--target must be direction or cross-sectional, got "${targetKind}"`);
  const target: { kind: TargetKind; horizon: number; threshold: number } = {
    kind: targetKind,
    horizon: o.horizon ?? ctx.cfg.trainHorizon,
    threshold: o.threshold ?? 0,
  };
  const { runTuneJob, tunedLearner } = await import('../lib/model/tune-job.js');
  const { progressPrinter } = await import('./tune-render.js');
  const store = await ctx.openStore();
  const common = {
    symbols,
    from,
    to,
    target,
    config: { folds: o.folds, topK: 3, validFraction: 0.2 },
    modelsDir: ctx.cfg.modelsDir,
    reportsDir: ctx.cfg.reportsDir,
    now: ctx.now(),
  };
  const printer = progressPrinter(ctx, process.stderr.isTTY === true);
  const tune = await runTuneJob(store, {
    ...common,
    kind,
    trials: o.trials,
    eta: o.eta,
    seed: o.seed,
    workers: o.workers,
    budgetMs: o.budget === undefined ? undefined : o.budget * 60_000,
    earlyStoppingRounds: o.earlyStopping,
    mlpLags: ctx.cfg.mlpLags,
    onProgress: printer.update,
  });
  printer.end();
  if (!o.trainBest || !tune.best) return { ...tune, contest: null };
  const { runZooJob } = await import('../lib/model/zoo-job.js');
  const { outOfSampleEvidence } = await import('../lib/backtest/oos-evidence.js');
  ctx.log.info(`training the best configuration (trial ${tune.best.trial}) and entering it into the contest`);
  const contest = await runZooJob(store, {
    ...common,
    kinds: [kind],
    learner: tunedLearner(kind, tune.best.params, o.seed, o.earlyStopping, ctx.cfg.mlpLags),
    commission: o.costBps / 10_000,
    evidence: outOfSampleEvidence,
    rules: {
      metric: ctx.cfg.promotionMetric,
      minSharpeGain: ctx.cfg.promotionMinSharpeGain,
      maxAucDrop: ctx.cfg.promotionMaxAucDrop,
    },
    keepModels: ctx.cfg.keepModels,
  });
  return { ...tune, contest };
}
