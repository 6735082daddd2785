import { Option, type Command } from 'commander';
import { UsageError } from '../lib/errors.js';
import { parseSymbolList } from '../lib/symbols.js';
import { EXIT_RULE_PARSERS, exitThresholds, fraction, positiveInt, probability } from './options.js';
import { runCommand } from './run.js';
import type { CommandContext } from './context.js';
import type { DailyRun } from '../lib/pipeline/daily.js';
import type { PlannedTrade } from '../lib/pipeline/steps/orders.js';
import type { GateDecision } from '../lib/model/model-gate.js';
import type { ExecutionDeps } from '../lib/execution/place-order.js';
import type { Store } from '../lib/store/open.js';
import type { MarketSource } from '../lib/market/source.js';
import type { SampleSource } from '../lib/market/sample.js';
import { renderTable } from '../lib/report/table.js';
import { fixed } from '../lib/report/format.js';

export function registerDaily(program: Command): void {
  program
    .command('daily')
    .description('the whole chain for cron, safe to run again: verify → collect → quality gate → … (see README)')
    .option('--symbols <list>', 'comma-separated symbols, e.g. AAPL,MSFT (with --universe: the candidates)')
    .option('--universe <top:N>', 'trade the N best stored candidates ranked by relative volume, ATR % and momentum')
    .option(
      '--universe-weights <w>',
      'weights of the universe score, e.g. rv=1,atr=0.5,mom=2,flow=1',
      'rv=1,atr=1,mom=1,flow=1',
    )
    .option('--days <n>', 'sessions of history to keep complete', positiveInt('--days'), 2520)
    .option('--source <name>', 'polygon | sample (default: polygon when POLYGON_API_KEY is set)')
    .option('--asof <date>', 'treat this YYYY-MM-DD as today')
    .option('--rate-limit <n>', 'Polygon requests per minute, 0 = unlimited (free plan: 5)')
    .option('--skip <steps>', 'comma-separated steps to skip')
    .option('--force', 'continue past error-level quality findings')
    .option('--rerun', 'run again even if this session already completed with the same configuration')
    .addOption(
      new Option('--outlier <pct>', 'quality: daily return beyond this is an outlier, e.g. 25% or 0.25')
        .argParser(fraction('--outlier', { min: 0, minExclusive: true }))
        .default(0.25, '25%'),
    )
    .option('--trade', 'place orders for the top picks (paper broker unless configured otherwise)')
    .option(
      '--force-model',
      'trade even when the model gate is closed (the active model has no out-of-sample edge); said in every output',
    )
    .option('--retrain', 'train a new model even if the active one is recent')
    .option(
      '--retrain-days <n>',
      "retrain when the active model's data ends more than N sessions before the session processed",
      positiveInt('--retrain-days'),
      7,
    )
    .option('--top <n>', 'how many picks to trade at most', positiveInt('--top'), 3)
    .option(
      '--threshold <p>',
      'minimum model probability to trade, in [0.5, 1]',
      probability('--threshold', 0.5, 1),
      0.55,
    )
    .addOption(
      new Option('--stop-loss <pct>', 'evaluator: close positions this far below cost')
        .argParser(EXIT_RULE_PARSERS.stopLoss)
        .default(0.05, '5%'),
    )
    .addOption(
      new Option('--take-profit <pct>', 'evaluator: close positions this far above cost')
        .argParser(EXIT_RULE_PARSERS.takeProfit)
        .default(0.1, '10%'),
    )
    .option(
      '--trailing <pct>',
      'evaluator: close positions this far below their high since entry, e.g. 3%',
      EXIT_RULE_PARSERS.trailing,
    )
    .option('--broker <name>', 'paper (local simulator, default) | alpaca (env ATS_BROKER)')
    .option('--live', 'alpaca: the live account (also needs ATS_TRADING_MODE=live)')
    .option('--yes', 'do not ask before live orders')
    .option('--metrics-file <path>', 'after the run (failed too), write its Prometheus metrics here atomically')
    .action(async (_opts, cmd: Command) => {
      await runCommand(cmd, async (ctx, opts) => {
        const run = await dailyCommand(ctx, opts);
        return { result: run, text: renderDaily(run, stepsShown.has(run)), exitCode: run.exitCode };
      });
    });
}

export async function dailyCommand(ctx: CommandContext, opts: Record<string, unknown>): Promise<DailyRun> {
  const { parseUniverse, parseUniverseWeights } = await import('../lib/pipeline/universe.js');
  const universeTop = typeof opts.universe === 'string' ? parseUniverse(opts.universe) : null;
  const universeWeights = parseUniverseWeights(opts.universeWeights as string | undefined);
  if (universeTop === null && opts.symbols === undefined)
    throw new UsageError('give --symbols AAPL,MSFT or --universe top:N');
  const { dailySteps, DAILY_STEP_NAMES } = await import('../lib/pipeline/chain.js');
  const skip =
    typeof opts.skip === 'string'
      ? opts.skip
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [];
  for (const s of skip) {
    if (!DAILY_STEP_NAMES.includes(s))
      throw new UsageError(`unknown step "${s}" in --skip (steps: ${DAILY_STEP_NAMES.join(', ')})`);
  }
  const metricsFile = typeof opts.metricsFile === 'string' ? opts.metricsFile : null;
  const metricsExport = metricsFile !== null ? await import('../lib/metrics/export.js') : null;
  if (metricsFile !== null) metricsExport?.checkMetricsPath(metricsFile);
  const flags = { live: !!opts.live, yes: !!opts.yes };
  const listed = opts.symbols !== undefined ? parseSymbolList(opts.symbols as string) : null;
  const thresholds = exitThresholds({
    stopLoss: opts.stopLoss as number | undefined,
    takeProfit: opts.takeProfit as number | undefined,
    trailing: opts.trailing as number | undefined,
  });
  const { openMarketSource, resolveAsOf } = await import('../lib/market/open-source.js');
  const { runDaily } = await import('../lib/pipeline/daily.js');
  const { createStepProgress } = await import('../lib/pipeline/progress.js');
  const { notifySlack } = await import('../lib/pipeline/notify.js');
  const { dailySlackMessages } = await import('../lib/pipeline/daily-slack.js');
  const { parseDate, nyDate } = await import('../lib/time.js');
  if (ctx.cfg.source === 'sample' && !ctx.cfg.polygonApiKey) {
    ctx.log.info('POLYGON_API_KEY is not set: running on the bundled sample data (data/sample)');
  }
  const source = await openMarketSource(ctx.cfg, ctx.log);
  const asOf = resolveAsOf(ctx.cfg, source, ctx.marketNow());
  const today = ctx.cfg.asof
    ? parseDate(ctx.cfg.asof, '--asof date')
    : source.name === 'sample'
      ? asOf
      : nyDate(ctx.marketNow());
  const store = await ctx.openStore();
  const symbols = listed ?? (await universeCandidates(store, source));
  const steps = dailySteps();
  const { executionDeps } = await import('./wiring.js');
  let deps: Promise<ExecutionDeps> | null = null;
  const progress = createStepProgress(
    steps.map((s) => s.name),
    process.stderr,
    ctx.cfg.quiet || ctx.cfg.json,
  );
  const writeMetrics = async (): Promise<void> => {
    if (metricsFile === null || !metricsExport) return;
    try {
      await metricsExport.writeMetricsFile(metricsFile, { store, cfg: ctx.cfg, now: ctx.now() });
    } catch (err) {
      ctx.log.warn(`metrics not written: ${(err as Error).message}`);
    }
  };
  const run = await runDaily({
    ctx: {
      store,
      source,
      cfg: ctx.cfg,
      log: progress.wrap(ctx.log),
      now: ctx.now,
      marketNow: ctx.marketNow,
      scrub: ctx.scrub,
      asOf,
      symbols,
      results: {},
      orders: [],
      execution: () => (deps ??= executionDeps(ctx, flags, !!opts.trade)),
      options: {
        days: opts.days as number,
        skip,
        force: !!opts.force,
        outlierReturn: opts.outlier as number,
        trade: !!opts.trade,
        retrain: !!opts.retrain,
        retrainDays: opts.retrainDays as number,
        top: opts.top as number,
        threshold: opts.threshold as number,
        rerun: !!opts.rerun,
        forceModel: !!opts.forceModel,
        ...thresholds,
        universeTop,
        universeWeights,
      },
    },
    steps,
    today,
    pid: process.pid,
    onStep: (records, running) => progress.update(records, running),
    onFinish: (records) => progress.finish(records),
  }).finally(writeMetrics);
  if (progress.shown) stepsShown.add(run);
  const usage = process.resourceUsage();
  run.resources = {
    peakRssMb: Math.round(usage.maxRSS / 1024),
    cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000),
  };
  if (run.status === 'ok' || run.status === 'failed' || run.status === 'stopped') {
    const trades = run.results.trades as PlannedTrade[] | undefined;
    const tradesTable = trades && trades.length > 0 ? renderTrades(trades) : undefined;
    for (const msg of dailySlackMessages({ run, store, cfg: ctx.cfg, tradesTable }))
      await notifySlack(ctx.cfg.slackWebhookUrl, msg, ctx.log);
  }
  return run;
}

/** Without --symbols, the universe's candidates are the stored symbols (the sample's on a first run). */
async function universeCandidates(store: Store, source: MarketSource): Promise<string[]> {
  const { storedSymbols } = await import('../lib/store/bars.js');
  const stored = storedSymbols(store);
  if (stored.length > 0) return stored;
  if (source.name === 'sample') return (source as SampleSource).symbols();
  throw new UsageError(
    '--universe without --symbols ranks the stored symbols, and the store has none: collect some first or pass --symbols',
  );
}

/** Runs whose steps the progress view already showed on stderr: the result does not list them again. */
const stepsShown = new WeakSet<DailyRun>();

function renderDaily(run: DailyRun, stepsAlreadyShown = false): string {
  const lines = [run.message];
  if (!stepsAlreadyShown)
    for (const s of run.steps)
      lines.push(`  ${s.status.padEnd(8)} ${s.name.padEnd(10)} ${(s.ms / 1000).toFixed(2).padStart(7)}s  ${s.summary}`);
  const gate = run.results.gate as GateDecision | undefined;
  if (gate) lines.push(gate.summary);
  const trades = run.results.trades as PlannedTrade[] | undefined;
  if (trades && trades.length > 0) {
    lines.push('', 'top trades:');
    lines.push(renderTrades(trades));
  } else if (run.status === 'ok') {
    lines.push('', 'top trades: no new trade (no pick above the threshold that is not already held)');
  }
  return lines.join('\n');
}

function renderTrades(trades: readonly PlannedTrade[]): string {
  return renderTable(
    ['symbol', 'probability', 'momentum', 'RSI', 'ATR %', 'side', 'shares', 'stop', 'take-profit', 'risk $', 'status'],
    trades.map((t) => [
      t.symbol,
      t.probability.toFixed(3),
      `${fixed(t.momentum * 100)}%`,
      t.rsi.toFixed(1),
      `${fixed(t.atrPct * 100)}%`,
      t.side,
      t.shares,
      Number.isFinite(t.stop) ? fixed(t.stop) : '-',
      Number.isFinite(t.takeProfit) ? fixed(t.takeProfit) : '-',
      t.riskScale !== 1 ? `${fixed(t.risk)} (regime ×${t.riskScale})` : fixed(t.risk),
      t.status,
    ]),
  );
}
