import type { Config } from '../config.js';
import { ConfigError } from '../errors.js';
import type { Logger } from '../log.js';
import { parseDate } from '../time.js';
import type { SessionDate } from '../types.js';
import { sessionOnOrBefore } from './calendar.js';
import type { MarketSource } from './source.js';

/** The configured source: Polygon when a key is set (or --source polygon), else the bundled sample. */
export async function openMarketSource(cfg: Config, log: Logger): Promise<MarketSource> {
  if (cfg.source === 'polygon') {
    if (!cfg.polygonApiKey)
      throw new ConfigError('source is polygon but POLYGON_API_KEY is not set (put it in the environment or .env)');
    const { PolygonSource } = await import('./polygon.js');
    return PolygonSource.create({
      apiKey: cfg.polygonApiKey,
      baseUrl: cfg.polygonBaseUrl,
      rateLimit: cfg.rateLimit,
      log,
      timeoutMs: cfg.httpTimeoutMs,
      retry: { maxAttempts: cfg.httpAttempts, baseDelayMs: cfg.httpBackoffMs, deadlineMs: cfg.httpDeadlineMs },
    });
  }
  const { SampleSource } = await import('./sample.js');
  return new SampleSource(cfg.sampleDir);
}

/** "Today" for this run: --asof when given, else the latest session the source can have. */
export function resolveAsOf(cfg: Config, source: MarketSource, nowMs: number): SessionDate {
  if (cfg.asof) return sessionOnOrBefore(parseDate(cfg.asof, '--asof date'));
  return source.latestSession(nowMs);
}
