import type { Command } from 'commander';
import { UsageError } from '../lib/errors.js';
import { normalizeSymbol } from '../lib/symbols.js';
import { parseDate } from '../lib/time.js';
import { runCommand } from './run.js';
import type { CommandContext } from './context.js';
import type { BackfillResult } from '../lib/collect/backfill.js';

export function registerBackfill(program: Command): void {
  program
    .command('backfill')
    .description(
      "fetch a symbol's missing daily bars between two dates; safe to interrupt and rerun. " +
        'A TO after the last completed session is clamped to it (said on stderr)',
    )
    .argument('<symbol>', 'e.g. AAPL')
    .argument('<from>', 'first date, YYYY-MM-DD')
    .argument('<to>', 'last date, YYYY-MM-DD')
    .option('--source <name>', 'polygon | sample')
    .option('--rate-limit <n>', 'Polygon requests per minute, 0 = unlimited (free plan: 5)')
    .action(async (symbol: string, from: string, to: string, _opts, cmd: Command) => {
      await runCommand(cmd, async (ctx) => {
        const result = await backfillCommand(ctx, symbol, from, to);
        const text =
          `${result.symbol} ${result.from}..${result.to}: ${result.missingBefore} missing session(s), ` +
          `${result.added} added, ${result.requests} request(s)` +
          (result.stillMissing.length ? `\nthe source has no bar for: ${result.stillMissing.join(', ')}` : '');
        return { result, text };
      });
    });
}

export async function backfillCommand(
  ctx: CommandContext,
  rawSymbol: string,
  rawFrom: string,
  rawTo: string,
): Promise<BackfillResult> {
  const symbol = normalizeSymbol(rawSymbol);
  const from = parseDate(rawFrom, 'FROM date');
  let to = parseDate(rawTo, 'TO date');
  if (from > to) throw new UsageError(`FROM ${from} is after TO ${to}`);
  const { openMarketSource, resolveAsOf } = await import('../lib/market/open-source.js');
  const { backfillDaily } = await import('../lib/collect/backfill.js');
  const { recordCollection } = await import('../lib/store/collection-log.js');
  const source = await openMarketSource(ctx.cfg, ctx.log);
  const last = resolveAsOf(ctx.cfg, source, ctx.marketNow());
  if (from > last)
    throw new UsageError(`FROM ${from} is after the last completed session ${last}: nothing to backfill`);
  if (to > last) {
    ctx.log.warn(`TO ${to} is after the last completed session ${last}: backfilling ${from}..${last}`);
    to = last;
  }
  const store = await ctx.openStore();
  const startedAt = ctx.now();
  const entry = { startedAt, command: 'backfill', symbol, source: source.name, gapsFilled: 0 };
  try {
    const r = await backfillDaily(store, source, symbol, from, to, (done, total) =>
      ctx.log.info(`${symbol}: ${done}/${total} missing sessions fetched`),
    );
    recordCollection(store, {
      ...entry,
      finishedAt: ctx.now(),
      status: 'ok',
      newBars: r.added,
      requests: r.requests,
      message: null,
    });
    return r;
  } catch (err) {
    recordCollection(store, {
      ...entry,
      finishedAt: ctx.now(),
      status: 'error',
      newBars: 0,
      requests: source.requestCount,
      message: ctx.scrub((err as Error).message),
    });
    throw err;
  }
}
