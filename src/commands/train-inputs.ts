/** The options of `ats train` shared by one-model training and the champion/challenger contest. */
import { UsageError } from '../lib/errors.js';
import type { TargetKind } from '../lib/features/targets.js';
import { parseSymbolList } from '../lib/symbols.js';
import { parseDate } from '../lib/time.js';
import type { CommandContext } from './context.js';

export interface TrainOptions {
  symbols?: string;
  from?: string;
  to?: string;
  model: string;
  trees?: number;
  depth?: number;
  learningRate?: number;
  minLeaf?: number;
  l2?: number;
  subsample?: number;
  colsample?: number;
  seed?: number;
  earlyStopping?: number;
  horizon?: number;
  threshold?: number;
  folds?: number;
  topK?: number;
  activate: boolean;
  models?: string;
  target?: string;
  costBps?: number;
}

/** The options every training shares, validated before anything is opened or written. */
export async function trainInputs(ctx: CommandContext, o: TrainOptions) {
  const symbols = parseSymbolList(o.symbols);
  const from = o.from === undefined ? undefined : parseDate(o.from, '--from date');
  const to = o.to === undefined ? undefined : parseDate(o.to, '--to date');
  if (from && to && from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  const kind = (o.target ?? ctx.cfg.trainTarget) as TargetKind;
  if (kind !== 'direction' && kind !== 'cross-sectional')
    throw new UsageError(`--target must be direction or cross-sectional, got "${String(kind)}"`);
  const { TRAIN_DEFAULTS } = await import('../lib/model/train-job.js');
  const gbdt = Object.fromEntries(
    Object.entries({
      trees: o.trees,
      depth: o.depth,
      learningRate: o.learningRate,
      minLeaf: o.minLeaf,
      l2: o.l2,
      subsample: o.subsample,
      colsample: o.colsample,
      seed: o.seed,
      earlyStoppingRounds: o.earlyStopping ?? TRAIN_DEFAULTS.earlyStoppingRounds,
    }).filter(([, v]) => v !== undefined),
  );
  const seed = o.seed === undefined ? {} : { seed: o.seed };
  return {
    symbols,
    from,
    to,
    target: { kind, horizon: o.horizon ?? ctx.cfg.trainHorizon, threshold: o.threshold ?? 0 },
    learner: { gbdt, l2: o.l2 ?? 1, rf: { ...seed }, mlp: { ...seed }, mlpLags: ctx.cfg.mlpLags },
    config: {
      folds: o.folds ?? TRAIN_DEFAULTS.folds,
      topK: o.topK ?? TRAIN_DEFAULTS.topK,
      validFraction: TRAIN_DEFAULTS.validFraction,
    },
    modelsDir: ctx.cfg.modelsDir,
    reportsDir: ctx.cfg.reportsDir,
    now: ctx.now(),
    ...(o.costBps === undefined ? {} : { commission: o.costBps / 10_000 }),
  };
}

/** "close up more than 0.00 % after 1 session(s)" or "beats the symbols' median return by more than …". */
export function describeTarget(t: { kind?: string; horizon: number; threshold: number }): string {
  const by = `${(t.threshold * 100).toFixed(2)} % after ${t.horizon} session(s)`;
  return t.kind === 'cross-sectional'
    ? `return beats the symbols' median by more than ${by}`
    : `close up more than ${by}`;
}
