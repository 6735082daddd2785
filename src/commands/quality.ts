import type { Command } from 'commander';
import { ExitCode } from '../lib/errors.js';
import { parseSymbolList } from '../lib/symbols.js';
import { runCommand } from './run.js';
import type { CommandContext } from './context.js';
import type { QualityReport } from '../lib/quality/check-store.js';
import { fraction } from './options.js';

export function registerQuality(program: Command): void {
  program
    .command('quality')
    .description(
      'check stored daily bars: gaps against the NYSE calendar, nulls, bad OHLC, outliers, duplicates, stale data',
    )
    .option('--symbols <list>', 'comma-separated symbols (default: every stored symbol)')
    .option('--strict', 'exit non-zero when any error-level finding exists')
    .option('--asof <date>', 'treat this YYYY-MM-DD as today (for staleness)')
    .option('--source <name>', 'polygon | sample (decides what "today" is when --asof is absent)')
    .option(
      '--outlier <fraction>',
      'daily return beyond this is an outlier unless a split explains it, e.g. 25% or 0.25',
      fraction('--outlier', { min: 0, minExclusive: true }),
      0.25,
    )
    .action(async (_opts, cmd: Command) => {
      await runCommand(cmd, async (ctx, opts) => {
        const report = await qualityCommand(ctx, {
          symbols: opts.symbols as string | undefined,
          outlier: opts.outlier as number,
        });
        const failed = !!opts.strict && report.errors > 0;
        return { result: report, text: renderQuality(report), exitCode: failed ? ExitCode.qualityFailed : ExitCode.ok };
      });
    });
}

export async function qualityCommand(
  ctx: CommandContext,
  o: { symbols?: string; outlier: number },
): Promise<QualityReport> {
  const { openMarketSource, resolveAsOf } = await import('../lib/market/open-source.js');
  const { storedSymbols } = await import('../lib/store/bars.js');
  const { checkStoredSymbols } = await import('../lib/quality/check-store.js');
  const listed = o.symbols ? parseSymbolList(o.symbols) : null;
  const store = await ctx.openStore();
  const symbols = listed ?? storedSymbols(store);
  const source = await openMarketSource(ctx.cfg, ctx.log);
  const asOf = resolveAsOf(ctx.cfg, source, ctx.marketNow());
  return checkStoredSymbols(store, symbols, { asOf, outlierReturn: o.outlier });
}

export function renderQuality(r: QualityReport): string {
  const lines = [`quality as of ${r.asOf}: ${r.errors} error(s), ${r.warnings} warning(s)`];
  for (const s of r.symbols) {
    lines.push(`${s.symbol}: ${s.errors} error(s), ${s.warnings} warning(s)`);
    for (const f of s.findings) lines.push(`  ${f.level.padEnd(7)} ${f.check.padEnd(16)} ${f.message}`);
  }
  return lines.join('\n');
}
