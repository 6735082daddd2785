import type { Command } from 'commander';
import { parseSymbolList } from '../lib/symbols.js';
import { positiveInt } from './options.js';
import { runCommand } from './run.js';
import type { CommandContext } from './context.js';
import type { CollectOptions } from './collect-options.js';
import type { CollectReport } from '../lib/collect/collect-symbols.js';

export function registerCollect(program: Command): void {
  program
    .command('collect')
    .description(
      'collect daily bars (incremental, gap-filling) and optional extras from Polygon or the bundled sample into the store',
    )
    .requiredOption('--symbols <list>', 'comma-separated symbols, e.g. AAPL,MSFT')
    .option('--days <n>', 'make sure the last N sessions are all present', positiveInt('--days'), 60)
    .option('--source <name>', 'polygon | sample (default: polygon when POLYGON_API_KEY is set)')
    .option('--asof <date>', 'treat this YYYY-MM-DD as today')
    .option('--rate-limit <n>', 'Polygon requests per minute, 0 = unlimited (free plan: 5)')
    .option('--minute', "also the latest session's minute bars")
    .option('--options', 'also the option contracts of the nearest weekly expiry')
    .option('--fundamentals', 'also splits, dividends and ticker details')
    .option('--quotes', 'also the latest quote snapshot and recent trades')
    .option('--stream', 'stream live trades, quotes and minute bars over the Polygon WebSocket until SIGINT/SIGTERM')
    .option('--realtime', 'with --stream: the real-time feed (falls back to delayed when the plan lacks it)')
    .action(async (_opts, cmd: Command) => {
      await runCommand<unknown>(cmd, async (ctx, opts) => {
        const o = opts as unknown as CollectOptions;
        if (o.stream) {
          const { streamCommand } = await import('./collect-stream.js');
          return streamCommand(ctx, o);
        }
        const result = await collectCommand(ctx, o);
        return { result, text: renderCollect(result) };
      });
    });
}

export async function collectCommand(
  ctx: CommandContext,
  o: CollectOptions,
): Promise<CollectReport & { unavailable: string[] }> {
  const symbols = parseSymbolList(o.symbols);
  const { openMarketSource, resolveAsOf } = await import('../lib/market/open-source.js');
  const { collectUniverse } = await import('../lib/collect/collect-symbols.js');
  const source = await openMarketSource(ctx.cfg, ctx.log);
  const asOf = resolveAsOf(ctx.cfg, source, ctx.marketNow());
  const store = await ctx.openStore();
  ctx.log.info(`collecting ${symbols.length} symbol(s) from ${source.name} through ${asOf}`);
  const extras = { minute: !!o.minute, options: !!o.options, fundamentals: !!o.fundamentals, quotes: !!o.quotes };
  const { unavailableExtras } = await import('../lib/collect/collect-extras.js');
  const unavailable = unavailableExtras(source, extras);
  if (unavailable.length > 0) ctx.log.warn(`the ${source.name} source has no ${unavailable.join(', ')}: not collected`);
  const report = await collectUniverse(store, source, symbols, {
    days: o.days,
    asOf,
    extras,
    now: ctx.now,
    log: ctx.log,
    scrub: ctx.scrub,
  });
  return { ...report, unavailable };
}

export function renderCollect(r: CollectReport & { unavailable?: string[] }): string {
  const header = `source ${r.source}, as of ${r.asOf}, ${r.requests} request(s)`;
  const rows = r.symbols.map(
    (s) =>
      `${s.symbol.padEnd(8)} new ${String(s.newBars).padStart(5)}  ` +
      `gaps filled ${String(s.gapsFilled).padStart(4)}  last ${s.lastSession ?? '-'}`,
  );
  const missing = r.unavailable?.length ? [`not available from ${r.source}: ${r.unavailable.join('; ')}`] : [];
  return [header, ...rows, ...missing].join('\n');
}
