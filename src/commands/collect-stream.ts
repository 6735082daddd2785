import { ConfigError } from '../lib/errors.js';
import { parseSymbolList } from '../lib/symbols.js';
import type { CommandContext } from './context.js';
import type { CollectOptions } from './collect-options.js';
import type { StreamStats } from '../lib/market/polygon-stream.js';

export interface StreamResult extends StreamStats {
  symbols: string[];
  ticksWritten: number;
  barsWritten: number;
}

/** `ats collect --stream`: WebSocket events into the store in batches until SIGINT/SIGTERM. */
export async function streamCommand(
  ctx: CommandContext,
  o: CollectOptions,
): Promise<{ result: StreamResult; text: string }> {
  const symbols = parseSymbolList(o.symbols);
  if (!ctx.cfg.polygonApiKey)
    throw new ConfigError('--stream needs POLYGON_API_KEY (the sample source has no live data)');
  const { PolygonStream } = await import('../lib/market/polygon-stream.js');
  const { insertTicks } = await import('../lib/store/ticks.js');
  const { upsertBars } = await import('../lib/store/bars.js');
  const store = await ctx.openStore();
  const result: StreamResult = {
    symbols,
    ticksWritten: 0,
    barsWritten: 0,
    connections: 0,
    trades: 0,
    quotes: 0,
    bars: 0,
    feed: 'delayed',
  };
  const stream = new PolygonStream({
    apiKey: ctx.cfg.polygonApiKey,
    delayedUrl: ctx.cfg.polygonWsUrl,
    realtimeUrl: ctx.cfg.polygonRealtimeWsUrl,
    realtime: !!o.realtime,
    symbols,
    log: ctx.log,
    onTicks: (ticks) => {
      result.ticksWritten += insertTicks(store, ticks);
    },
    onBars: (bars) => {
      result.barsWritten += upsertBars(store, bars, 'polygon-stream').inserted;
    },
  });
  const stop = (): void => {
    ctx.log.info('stopping the stream: writing what was received');
    stream.stop();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await stream.run();
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  Object.assign(result, stream.stats);
  const text =
    `stream (${result.feed}) stopped: ${result.trades} trade(s), ${result.quotes} quote(s), ` +
    `${result.bars} minute bar(s) received; ${result.ticksWritten} tick(s) and ${result.barsWritten} bar(s) written`;
  return { result, text };
}
