import type { Command } from 'commander';
import { UsageError } from '../lib/errors.js';
import { parseSymbolList } from '../lib/symbols.js';
import { positiveInt, positiveNumber } from './options.js';
import { runCommand } from './run.js';
import type { CommandContext } from './context.js';
import type { DailyRun } from '../lib/pipeline/daily.js';

export function registerDaily(program: Command): void {
  program
    .command('daily')
    .description('the whole chain for cron: verify → collect → quality (later steps are added as they land)')
    .requiredOption('--symbols <list>', 'comma-separated symbols, e.g. AAPL,MSFT')
    .option('--days <n>', 'sessions of history to keep complete', positiveInt('--days'), 2520)
    .option('--source <name>', 'polygon | sample (default: polygon when POLYGON_API_KEY is set)')
    .option('--asof <date>', 'treat this YYYY-MM-DD as today')
    .option('--rate-limit <n>', 'Polygon requests per minute, 0 = unlimited (free plan: 5)')
    .option('--skip <steps>', 'comma-separated steps to skip (verify,collect,quality)')
    .option('--force', 'continue past error-level quality findings')
    .option('--outlier <fraction>', 'quality: daily return beyond this is an outlier', positiveNumber('--outlier'), 0.25)
    .action(async (_opts, cmd: Command) => {
      await runCommand(cmd, async (ctx, opts) => {
        const run = await dailyCommand(ctx, opts);
        return { result: run, text: renderDaily(run), exitCode: run.exitCode };
      });
    });
}

export async function dailyCommand(ctx: CommandContext, opts: Record<string, unknown>): Promise<DailyRun> {
  const symbols = parseSymbolList(opts.symbols as string);
  const { DAILY_STEPS, runDaily } = await import('../lib/pipeline/daily.js');
  const skip = typeof opts.skip === 'string' ? opts.skip.split(',').map((s) => s.trim()).filter(Boolean) : [];
  for (const s of skip) {
    if (!(DAILY_STEPS as readonly string[]).includes(s)) throw new UsageError(`unknown step "${s}" in --skip (steps: ${DAILY_STEPS.join(', ')})`);
  }
  const { openMarketSource, resolveAsOf } = await import('../lib/market/open-source.js');
  if (ctx.cfg.source === 'sample' && !ctx.cfg.polygonApiKey) {
    ctx.log.info('POLYGON_API_KEY is not set: running on the bundled sample data (data/sample)');
  }
  const source = await openMarketSource(ctx.cfg, ctx.log);
  const asOf = resolveAsOf(ctx.cfg, source, ctx.now());
  const store = await ctx.openStore();
  return runDaily(
    { store, source, log: ctx.log, now: ctx.now, scrub: ctx.scrub },
    { symbols, days: opts.days as number, asOf, skip, force: !!opts.force, outlierReturn: opts.outlier as number },
  );
}

function renderDaily(run: DailyRun): string {
  const lines = [`daily run for ${run.asOf} (${run.source}): ${run.status}`];
  for (const s of run.steps) lines.push(`  ${s.status.padEnd(7)} ${s.name.padEnd(8)} ${(s.ms / 1000).toFixed(2).padStart(7)}s  ${s.summary}`);
  if (run.collect) {
    for (const s of run.collect.symbols) lines.push(`  ${s.symbol.padEnd(8)} last session ${s.lastSession ?? '-'}, ${s.newBars} new bar(s), ${s.gapsFilled} gap(s) filled`);
  }
  return lines.join('\n');
}
