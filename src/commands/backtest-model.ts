/** The model strategy of `ats backtest`: out-of-sample predictions (walk-forward, or a proven out-of-sample model). */
import type { CommandContext } from './context.js';
import type { BarSeries } from '../lib/types.js';
import type { BacktestOptions } from '../lib/backtest/options.js';
import type { ModelBacktest } from '../lib/backtest/model-backtest.js';
import type { RetrainEvery } from '../lib/backtest/retrain-schedule.js';
import { fixed } from '../lib/report/format.js';
import { renderTable } from '../lib/report/table.js';

export interface ModelBacktestOut extends ModelBacktest {
  inSample: boolean;
  /** Shown on every output when the model saw the test range (--allow-in-sample). */
  warning: string | null;
}

export async function modelBacktest(
  ctx: CommandContext,
  o: { model?: string; threshold: number; allowInSample?: boolean; from?: string; to?: string },
  every: RetrainEvery,
  series: BarSeries[],
  options: Omit<BacktestOptions, 'from' | 'to'>,
  params: Record<string, string | number | boolean>,
  createdAt: number,
): Promise<ModelBacktestOut> {
  const { nyDate } = await import('../lib/time.js');
  const { runModelBacktest } = await import('../lib/backtest/model-backtest.js');
  let predictions;
  let inSample = false;
  if (o.model !== undefined) {
    const { registeredModelPredictions } = await import('../lib/backtest/model-strategy.js');
    const first = Math.min(...series.map((s) => s.ts[0]!));
    const last = Math.max(...series.map((s) => s.ts[s.ts.length - 1]!));
    const r = await registeredModelPredictions(await ctx.openStore(), series, {
      modelId: o.model,
      modelsDir: ctx.cfg.modelsDir,
      from: o.from ?? nyDate(first),
      to: o.to ?? nyDate(last),
      allowInSample: !!o.allowInSample,
    });
    predictions = r;
    inSample = r.inSample;
  } else {
    const { walkForwardPredictions } = await import('../lib/backtest/walk-forward.js');
    const { DEFAULT_TARGET } = await import('../lib/features/targets.js');
    const { TRAIN_DEFAULTS } = await import('../lib/model/train-job.js');
    const { loadMinuteMap } = await import('../lib/model/minute-bars.js');
    // Intraday features are point in time, so every stored minute bar can be loaded once.
    const minute = loadMinuteMap(
      await ctx.openStore(),
      series.map((s) => s.symbol),
      Infinity,
    );
    predictions = await walkForwardPredictions(series, {
      ...(minute ? { minute } : {}),
      from: o.from,
      to: o.to,
      every,
      target: DEFAULT_TARGET,
      config: {
        learner: { kind: 'gbdt', gbdt: { earlyStoppingRounds: TRAIN_DEFAULTS.earlyStoppingRounds }, l2: 1 },
        folds: TRAIN_DEFAULTS.folds,
        topK: TRAIN_DEFAULTS.topK,
        validFraction: TRAIN_DEFAULTS.validFraction,
      },
    });
  }
  const w = predictions.windows[0]!;
  const warning = inSample
    ? `IN-SAMPLE: model ${w.model} was trained on ${w.trainFrom ?? '?'}..${w.trainTo ?? '?'}, which overlaps this ` +
      'test range: these figures are not evidence of an edge'
    : null;
  const label = o.model
    ? `model(${o.model},p>=${o.threshold})`
    : `walk-forward(gbdt,every ${every.label},p>=${o.threshold})`;
  const out = runModelBacktest({
    series,
    predictions,
    threshold: o.threshold,
    options,
    params: { ...params, ...(inSample ? { inSample: true } : {}) },
    label,
    createdAt,
  });
  ctx.log.info(
    `model backtest: ${predictions.windows.length} window(s), ${(predictions.trainMs / 1000).toFixed(2)} s training`,
  );
  return { ...out, inSample, warning };
}

const pct = (v: number) => (Number.isFinite(v) ? `${fixed(v, 2)}%` : '-');
const num = (v: number) => (Number.isFinite(v) ? fixed(v, 2) : '-');

/** The per-window table and the benchmark table, as the text output, the JSON and the HTML report show them. */
export function modelTables(
  m: ModelBacktestOut,
): Array<{ title: string; note: string; head: string[]; rows: string[][] }> {
  return [
    {
      title: 'Windows',
      note: m.inSample
        ? 'IN-SAMPLE: the model was trained on this range'
        : 'each window is scored by a model trained only on labels known before it',
      head: ['window', 'from', 'to', 'model', 'kind', 'trained on', 'rows', 'return', 'buy & hold'],
      rows: m.windows.map((w) => [
        String(w.window),
        w.from,
        w.to,
        w.model,
        w.kind,
        `${w.trainFrom ?? '?'}..${w.trainTo ?? '?'}`,
        w.trainRows === null ? '-' : String(w.trainRows),
        pct(w.returnPct),
        pct(w.buyHoldPct),
      ]),
    },
    {
      title: 'Against the benchmarks',
      note: 'after the same commission and slippage; Sharpe from daily returns, annualized (252)',
      head: ['', 'return', 'Sharpe'],
      rows: m.benchmarks.map((b) => [b.name, pct(b.returnPct), num(b.sharpe)]),
    },
  ];
}

export function renderModelTables(m: ModelBacktestOut): string {
  const lines: string[] = [];
  for (const t of modelTables(m)) lines.push('', `${t.title} (${t.note}):`, renderTable(t.head, t.rows));
  return lines.join('\n');
}
