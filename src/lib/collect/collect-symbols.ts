import type { Logger } from '../log.js';
import type { MarketSource } from '../market/source.js';
import type { Store } from '../store/open.js';
import { inlineBarWriter, type BarWriter } from '../store/bar-writer.js';
import type { SessionDate } from '../types.js';
import { collectDaily, type CollectDailyResult } from './collect-daily.js';
import { collectExtras, type ExtrasResult, type ExtrasWanted } from './collect-extras.js';

export interface CollectReport {
  source: string;
  asOf: SessionDate;
  symbols: Array<CollectDailyResult & { extras?: ExtrasResult }>;
  requests: number;
}

/** Collect every symbol (a few concurrently), logging progress and recording each in the collection log. */
export async function collectSymbols(
  store: Store,
  source: MarketSource,
  symbols: readonly string[],
  opts: {
    days: number;
    asOf: SessionDate;
    extras?: ExtrasWanted;
    now: () => number;
    log: Logger;
    scrub?: (s: string) => string;
    concurrency?: number;
    writer?: BarWriter;
  },
): Promise<CollectReport> {
  const { log, now, asOf } = opts;
  const report: CollectReport = { source: source.name, asOf, symbols: [], requests: 0 };
  const startRequests = source.requestCount;
  const results = new Array<CollectReport['symbols'][number]>(symbols.length);
  let next = 0;
  let done = 0;
  // A few symbols in flight at once: fetches overlap while each store write stays one synchronous
  // transaction. The rate limiter still bounds requests per minute.
  const worker = async (): Promise<void> => {
    while (next < symbols.length) {
      const i = next++;
      const symbol = symbols[i]!;
      const startedAt = now();
      const writer = opts.writer ?? inlineBarWriter(store);
      try {
        const r = await collectDaily(store, source, symbol, { days: opts.days, asOf, writer });
        const extras =
          opts.extras && Object.values(opts.extras).some(Boolean)
            ? await collectExtras(store, source, symbol, r.lastSession ?? asOf, asOf, opts.extras, now())
            : undefined;
        await writer.record({
          startedAt,
          finishedAt: now(),
          command: 'collect',
          symbol,
          source: source.name,
          status: 'ok',
          newBars: r.newBars,
          gapsFilled: r.gapsFilled,
          requests: r.requests,
          message: null,
        });
        results[i] = extras ? { ...r, extras } : r;
        done++;
        log.info(
          `[${done}/${symbols.length}] ${symbol}: ${r.newBars} new, ${r.gapsFilled} gaps filled, last ${r.lastSession ?? '-'}`,
        );
        if (r.stillMissing.length > 0) {
          log.warn(
            `${symbol}: the source has no bar for ${r.stillMissing.length} session(s): ` +
              `${r.stillMissing.slice(0, 5).join(', ')}${r.stillMissing.length > 5 ? ' …' : ''}`,
          );
        }
      } catch (err) {
        const message = (opts.scrub ?? ((s: string) => s))((err as Error).message);
        await writer.record({
          startedAt,
          finishedAt: now(),
          command: 'collect',
          symbol,
          source: source.name,
          status: 'error',
          newBars: 0,
          gapsFilled: 0,
          requests: 0,
          message,
        });
        next = symbols.length; // stop handing out work; the first error is reported
        throw err;
      }
    }
  };
  const workers = Array.from({ length: Math.min(opts.concurrency ?? 4, symbols.length) }, worker);
  const settled = await Promise.allSettled(workers);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  report.symbols = results;
  report.requests = source.requestCount - startRequests;
  return report;
}

/** Universes this large write through a worker thread so parsing and writing overlap. */
export const THREADED_WRITER_MIN_SYMBOLS = 20;

/** collectSymbols with the writer chosen by universe size, closed afterwards. */
export async function collectUniverse(
  store: Store,
  source: MarketSource,
  symbols: readonly string[],
  opts: Parameters<typeof collectSymbols>[3],
): Promise<CollectReport> {
  if (symbols.length < THREADED_WRITER_MIN_SYMBOLS || opts.writer) return collectSymbols(store, source, symbols, opts);
  const { threadedBarWriter } = await import('../store/bar-writer.js');
  const writer = await threadedBarWriter(store.path);
  try {
    return await collectSymbols(store, source, symbols, { ...opts, writer });
  } finally {
    await writer.close();
  }
}
