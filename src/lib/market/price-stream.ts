/**
 * A PriceFeed kept by its own Polygon WebSocket: the same client (and so the same delayed-by-default feed,
 * real-time fallback and reconnect with backoff) as `collect --stream`, but every frame reaches the feed as it
 * arrives instead of in batches for the store.
 */
import type { Config } from '../config.js';
import { ConfigError } from '../errors.js';
import type { Logger } from '../log.js';
import { PolygonStream } from './polygon-stream.js';
import type { StreamStats } from './polygon-stream.js';
import { PriceFeed } from './price-feed.js';

export interface PriceStream {
  feed: PriceFeed;
  /** Subscribe to more symbols (new positions). */
  follow: (symbols: Iterable<string>) => void;
  stats: () => StreamStats;
  /** Authenticated and open right now. */
  connected: () => boolean;
  /** Resolves when stopped; rejects on a fatal error (a rejected key, a plan without the stream). */
  done: Promise<void>;
  stop: () => Promise<void>;
}

export interface PriceStreamOptions {
  apiKey: string;
  delayedUrl: string;
  realtimeUrl: string;
  realtime: boolean;
  symbols: string[];
  log: Logger;
  now?: () => number;
  maxReconnectDelayMs?: number;
}

export function startPriceStream(o: PriceStreamOptions): PriceStream {
  const feed = new PriceFeed(o.now);
  const stream = new PolygonStream({
    apiKey: o.apiKey,
    delayedUrl: o.delayedUrl,
    realtimeUrl: o.realtimeUrl,
    realtime: o.realtime,
    symbols: o.symbols,
    log: o.log,
    onTicks: (ticks) => feed.applyTicks(ticks),
    onBars: () => {},
    // flushSize 1: each frame is handed over as soon as it is parsed (the clock flush is only a backstop).
    flushSize: 1,
    flushMs: 1000,
    maxReconnectDelayMs: o.maxReconnectDelayMs,
  });
  const done = stream.run();
  return {
    feed,
    follow: (symbols) => stream.follow(symbols),
    stats: () => ({ ...stream.stats }),
    connected: () => stream.connected,
    done,
    stop: async () => {
      stream.stop();
      await done;
    },
  };
}

/** The stream the configuration describes: POLYGON_API_KEY, POLYGON_WS_URL (delayed), POLYGON_WS_REALTIME_URL. */
export function priceStreamFromConfig(
  cfg: Pick<Config, 'polygonApiKey' | 'polygonWsUrl' | 'polygonRealtimeWsUrl'>,
  log: Logger,
  symbols: string[],
  realtime: boolean,
): PriceStream {
  if (!cfg.polygonApiKey)
    throw new ConfigError('live prices need POLYGON_API_KEY (the sample source has no live data)');
  return startPriceStream({
    apiKey: cfg.polygonApiKey,
    delayedUrl: cfg.polygonWsUrl,
    realtimeUrl: cfg.polygonRealtimeWsUrl,
    realtime,
    symbols,
    log,
  });
}
