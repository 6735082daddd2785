import type { Command } from 'commander';
import { UsageError } from '../lib/errors.js';
import { parseSymbolList } from '../lib/symbols.js';
import { parseDate } from '../lib/time.js';
import { fixed } from '../lib/report/format.js';
import { decimal, fraction, positiveInt, positiveNumber, probability } from './options.js';
import { runCommand } from './run.js';
import type { CommandContext } from './context.js';
import type { BarSeries } from '../lib/types.js';
import type { BacktestJobResult } from '../lib/backtest/run-job.js';
import { modelTables, renderModelTables, type ModelBacktestOut } from './backtest-model.js';

export const STRATEGIES = ['sma_cross', 'buy_hold', 'model'] as const;

export interface BacktestCommandOptions {
  symbols?: string;
  csv?: string;
  strategy: string;
  fast: number;
  slow: number;
  cash: number;
  commission: number;
  slippageBps: number;
  longOnly?: boolean;
  finalizeTrades?: boolean;
  from?: string;
  to?: string;
  report?: string;
  model?: string;
  threshold: number;
  retrainEvery: string;
  allowInSample?: boolean;
}

export function registerBacktest(program: Command): void {
  program
    .command('backtest')
    .description(
      'simulate a strategy on stored bars or a CSV: next-open fills, commission, slippage, backtesting.py statistics, HTML report',
    )
    .option('--symbols <list>', 'symbols from the store (several = one shared-cash, equal-weight portfolio)')
    .option('--csv <file>', 'bars from a CSV file (Date,Open,High,Low,Close,Volume)')
    .option('--strategy <name>', `one of ${STRATEGIES.join(', ')}`, 'sma_cross')
    .option('--fast <n>', 'sma_cross: fast moving-average length', positiveInt('--fast'), 10)
    .option('--slow <n>', 'sma_cross: slow moving-average length', positiveInt('--slow'), 20)
    .option('--cash <amount>', 'starting cash', positiveNumber('--cash'), 10_000)
    .option(
      '--commission <pct>',
      'of traded value, charged on entry and exit: 0.2% or 0.002',
      fraction('--commission', { min: 0, max: 1, minExclusive: false }),
      0.002,
    )
    .option(
      '--slippage-bps <bps>',
      'fill price moved against the trader by this many basis points',
      decimal('--slippage-bps', { min: 0 }),
      0,
    )
    .option('--long-only', 'sma_cross: go flat on a cross down instead of short')
    .option('--finalize-trades', 'close what is open at the last bar so it counts in the statistics')
    .option('--from <date>', 'first session to trade (YYYY-MM-DD); indicators may warm up before it')
    .option('--to <date>', 'last session (YYYY-MM-DD)')
    .option('--report <path>', 'HTML report path (default backtest-<id>.html in the reports folder, beside the store)')
    .option(
      '--model <id>',
      'model strategy: score with this registered model, refused if it was trained on the test range (default: walk-forward)',
    )
    .option(
      '--retrain-every <period>',
      'model strategy: walk-forward retraining period, months (3M), years (1Y), weeks (2W) or sessions (63)',
      '3M',
    )
    .option('--allow-in-sample', 'model strategy: allow a --model trained on the test range (every output says so)')
    .option(
      '--threshold <p>',
      'model strategy: go long when the probability is at least this',
      probability('--threshold'),
      0.55,
    )
    .action(async (_opts, cmd: Command) => {
      await runCommand(cmd, async (ctx, opts) => {
        const out = await backtestCommand(ctx, opts as unknown as BacktestCommandOptions);
        const { BACKTEST_STAT_ORDER } = await import('../lib/report/backtest-tables.js');
        return {
          result: {
            id: out.id,
            reportPath: out.reportPath,
            stats: out.stats,
            trades: out.trades,
            equity: out.equity,
            perSymbol: out.perSymbol,
            ...(out.model
              ? {
                  inSample: out.model.inSample,
                  warning: out.model.warning,
                  windows: out.model.windows,
                  benchmarks: out.model.benchmarks,
                  trainSeconds: out.model.trainMs / 1000,
                }
              : {}),
          },
          text: renderBacktest(out, BACKTEST_STAT_ORDER, out.model ? renderModelTables(out.model) : ''),
        };
      });
    });
}

export async function backtestCommand(
  ctx: CommandContext,
  o: BacktestCommandOptions,
): Promise<BacktestJobResult & { reportPath: string; model?: ModelBacktestOut }> {
  if (!(STRATEGIES as readonly string[]).includes(o.strategy))
    throw new UsageError(`unknown strategy "${o.strategy}" (choose ${STRATEGIES.join(', ')})`);
  if (!!o.symbols === !!o.csv) throw new UsageError('give either --symbols or --csv');
  if (o.from) parseDate(o.from, '--from date');
  if (o.to) parseDate(o.to, '--to date');
  if (o.from && o.to && o.from > o.to) throw new UsageError(`--from ${o.from} is after --to ${o.to}`);
  // MAX_RISK applies to backtests of the strategy it names (the live orders of `daily` are tagged "model").
  const maxRisk = Object.hasOwn(ctx.cfg.maxRisk, o.strategy) ? ctx.cfg.maxRisk[o.strategy] : undefined;
  const { parseRetrainEvery } = await import('../lib/backtest/retrain-schedule.js');
  const every = parseRetrainEvery(o.retrainEvery ?? '3M');
  const options = {
    cash: o.cash,
    commission: o.commission,
    slippageBps: o.slippageBps,
    finalizeTrades: !!o.finalizeTrades,
    from: o.from,
    to: o.to,
    ...(maxRisk !== undefined ? { maxEntryCost: maxRisk } : {}),
  };
  const strategies = await import('../lib/backtest/strategy.js');
  const series = await loadInput(ctx, o);
  const params: Record<string, string | number | boolean> = {
    strategy: o.strategy,
    ...(o.strategy === 'sma_cross' ? { fast: o.fast, slow: o.slow, longOnly: !!o.longOnly } : {}),
    ...(o.strategy === 'model'
      ? { model: o.model ?? `walk-forward every ${every.label}`, threshold: o.threshold, fills: 'on close' }
      : {}),
    cash: options.cash,
    commission: options.commission,
    slippageBps: options.slippageBps,
    finalizeTrades: options.finalizeTrades,
    ...(maxRisk !== undefined ? { maxRisk } : {}),
    ...(o.from ? { from: o.from } : {}),
    ...(o.to ? { to: o.to } : {}),
    source: o.csv ? `csv:${o.csv}` : 'store',
  };
  const { executeBacktest, recordBacktest, defaultReportPath } = await import('../lib/backtest/run-job.js');
  const createdAt = ctx.now();
  let job;
  let result;
  let model: ModelBacktestOut | undefined;
  if (o.strategy === 'model') {
    const { modelBacktest } = await import('./backtest-model.js');
    model = await modelBacktest(ctx, o, every, series, options, params, createdAt);
    job = model.job;
    result = model.result;
  } else {
    const strategy =
      o.strategy === 'sma_cross'
        ? strategies.smaCross({ fast: o.fast, slow: o.slow, longOnly: !!o.longOnly })
        : strategies.buyHold();
    job = { series, strategy, options, params };
    result = executeBacktest(job, createdAt);
  }
  const reportPath = o.report
    ? (await import('node:path')).resolve(o.report)
    : defaultReportPath(ctx.cfg.reportsDir, result.id);
  const { writeBacktestReport } = await import('../lib/report/backtest-html.js');
  writeBacktestReport(reportPath, {
    runId: result.id,
    title: `${o.strategy} on ${result.symbols.join(', ')}`,
    params,
    bars: series.map((s) => ({ symbol: s.symbol, series: s })),
    equity: model ? { ...result.curves, equalWeight: model.equalWeight } : result.curves,
    stats: result.stats as unknown as Record<string, number | string | null>,
    trades: result.trades,
    perSymbol: Object.entries(result.perSymbol).map(([symbol, v]) => ({ symbol, ...v })),
    ...(model ? { tables: modelTables(model), ...(model.warning ? { warning: model.warning } : {}) } : {}),
  });
  const store = await ctx.openStore();
  recordBacktest(store, result, job, createdAt, ctx.cfg.reportsDir, reportPath);
  ctx.log.info(`report: ${reportPath}`);
  if (model?.warning) ctx.log.warn(model.warning);
  return { ...result, reportPath, ...(model ? { model } : {}) };
}

async function loadInput(ctx: CommandContext, o: BacktestCommandOptions): Promise<BarSeries[]> {
  if (o.csv) {
    const path = await import('node:path');
    const { parseBarsCsv, readCsvFile } = await import('../lib/market/csv-bars.js');
    const { toSeries } = await import('../lib/bar-columns.js');
    const text = readCsvFile(o.csv);
    const symbol =
      path
        .basename(o.csv)
        .replace(/\.csv$/i, '')
        .toUpperCase() || 'CSV';
    return [toSeries(symbol, parseBarsCsv(text, symbol, o.csv))];
  }
  const symbols = parseSymbolList(o.symbols);
  const { loadSeries } = await import('../lib/store/bars.js');
  const { DataError } = await import('../lib/errors.js');
  const store = await ctx.openStore();
  return symbols.map((s) => {
    const series = loadSeries(store, s);
    if (series.ts.length === 0) throw new DataError(`no stored bars for ${s}: run ats collect --symbols ${s} first`);
    return series;
  });
}

function renderBacktest(
  r: BacktestJobResult & { reportPath: string; model?: ModelBacktestOut },
  BACKTEST_STAT_ORDER: readonly string[],
  modelText: string,
): string {
  const stats = r.stats as unknown as Record<string, unknown>;
  const width = Math.max(...BACKTEST_STAT_ORDER.map((k) => k.length));
  const fmt = (v: unknown, key: string): string => {
    if (v !== null && typeof v === 'object')
      return Object.entries(v as Record<string, unknown>)
        .map(([k, x]) => `${k} ${String(x)}`)
        .join(', ');
    if (typeof v !== 'number') return String(v);
    if (Number.isNaN(v)) return 'NaN';
    if (/Duration/.test(key)) return `${v} days`;
    return Number.isInteger(v) ? String(v) : fixed(v, key.includes('[$]') ? 2 : 4);
  };
  const warning = r.model?.warning ? [`*** ${r.model.warning} ***`] : [];
  const lines = [...warning, `backtest ${r.id}: ${r.strategy} on ${r.symbols.join(', ')}`];
  for (const k of BACKTEST_STAT_ORDER) lines.push(`${k.padEnd(width)}  ${fmt(stats[k], k)}`);
  if (r.symbols.length > 1) {
    lines.push('', 'per symbol:');
    for (const [s, v] of Object.entries(r.perSymbol))
      lines.push(`  ${s.padEnd(8)} trades ${String(v.trades).padStart(4)}  pnl ${fixed(v.pnl, 2).padStart(12)}`);
  }
  if (modelText) lines.push(modelText);
  lines.push('', `report: ${r.reportPath}`, ...warning);
  return lines.join('\n');
}
