import type { Command } from 'commander';
import { parseSymbolList } from '../lib/symbols.js';
import { positiveInt } from './options.js';
import { runCommand } from './run.js';
import type { CommandContext } from './context.js';
import type { CollectOptions } from './collect-options.js';
import type { CollectReport } from '../lib/collect/collect-symbols.js';
import type { ChainSummary } from '../lib/options/chain-collect.js';
import { UsageError } from '../lib/errors.js';

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
    .option('--options', 'also the option chain snapshot (quotes, IV, greeks; Polygon) for the expiries asked')
    .option('--expiries <n>', 'with --options: the first N expiries (default 3)', positiveInt('--expiries'))
    .option('--dte <min-max>', 'with --options: expiries MIN to MAX calendar days away, e.g. 7-60')
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
): Promise<CollectReport & { unavailable: string[]; chains?: ChainSummary[] }> {
  const symbols = parseSymbolList(o.symbols);
  if ((o.expiries !== undefined || o.dte !== undefined) && !o.options)
    throw new UsageError('--expiries and --dte go with --options');
  const { parseDteRange } = await import('../lib/options/chain-collect.js');
  const window = { expiries: o.expiries, dte: o.dte === undefined ? undefined : parseDteRange(o.dte) };
  if (window.expiries !== undefined && window.dte !== undefined)
    throw new UsageError('give --expiries or --dte, not both');
  const { openMarketSource, resolveAsOf } = await import('../lib/market/open-source.js');
  const { collectUniverse } = await import('../lib/collect/collect-symbols.js');
  const source = await openMarketSource(ctx.cfg, ctx.log);
  const asOf = resolveAsOf(ctx.cfg, source, ctx.marketNow());
  const store = await ctx.openStore();
  ctx.log.info(`collecting ${symbols.length} symbol(s) from ${source.name} through ${asOf}`);
  // Chains first, all pages of every symbol, so a refusal (a plan without them) leaves nothing half-written.
  const { fetchChains, storeChains } = await import('./collect-chain.js');
  const chains = o.options && source.optionChain ? await fetchChains(source, symbols, asOf, window) : undefined;
  const extras = {
    minute: !!o.minute,
    options: !!o.options && chains === undefined,
    fundamentals: !!o.fundamentals,
    quotes: !!o.quotes,
  };
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
  const { collectHeldContracts } = await import('../lib/pipeline/held-contracts.js');
  const held = o.options
    ? await collectHeldContracts(store, source, { asOf, now: ctx.now, log: ctx.log, scrub: ctx.scrub })
    : null;
  const all = held
    ? { ...report, symbols: [...report.symbols, ...held.symbols], requests: report.requests + held.requests }
    : report;
  if (chains === undefined) return { ...all, unavailable };
  return { ...all, unavailable, chains: storeChains(store, chains, asOf, ctx.cfg.optionsRate, ctx.now(), ctx.log) };
}

export function renderCollect(r: CollectReport & { unavailable?: string[]; chains?: ChainSummary[] }): string {
  const header = `source ${r.source}, as of ${r.asOf}, ${r.requests} request(s)`;
  const rows = r.symbols.map(
    (s) =>
      `${s.symbol.padEnd(8)} new ${String(s.newBars).padStart(5)}  ` +
      `gaps filled ${String(s.gapsFilled).padStart(4)}  last ${s.lastSession ?? '-'}`,
  );
  const missing = r.unavailable?.length ? [`not available from ${r.source}: ${r.unavailable.join('; ')}`] : [];
  const chains = (r.chains ?? []).map(
    (c) => `${c.symbol.padEnd(8)} option chain: ${c.contracts} contracts, expiries ${c.expiries.join(', ') || 'none'}`,
  );
  return [header, ...rows, ...chains, ...missing].join('\n');
}
