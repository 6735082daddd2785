import { ConfigError, DataError } from '../errors.js';
import { withRetry, type RetryPolicy } from '../http/retry.js';
import { RateLimiter, type RateLimiterOptions } from '../http/rate-limit.js';
import { scrubError, type ScrubbedHttpError } from '../http/redact.js';
import type { Logger } from '../log.js';
import { addDays, nyMidnight } from '../time.js';
import { lastCompletedSession } from './calendar.js';
import type { Bar, SessionDate } from '../types.js';
import {
  mapAggregates,
  mapDividends,
  mapOptionContracts,
  mapSnapshot,
  mapSplits,
  mapTickerDetails,
  mapTrades,
  asObject,
  parseJsonKeepingBigInts,
} from './polygon-map.js';
import type { MarketSource } from './source.js';
import { columnsToBars, type BarColumnSet } from '../bar-columns.js';
import { fetchDailyColumns } from './polygon-aggregates.js';
import { fetchChain, type ChainQuery } from './polygon-chain.js';

export interface PolygonOptions {
  apiKey: string;
  baseUrl: string;
  /** Requests per minute; 0 = unlimited (the free plan allows 5). */
  rateLimit: number;
  log: Logger;
  /** Per request, ms (default 10 000). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** The rate limiter's clock and sleep (tests run a minute-long quota on a fake clock). */
  limiterClock?: Pick<RateLimiterOptions, 'now' | 'sleep'>;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** What to do when Polygon keeps failing: an HTTP status means the server answered; anything else is the way there. */
function polygonHint(err: unknown): string {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? 'try again later' : 'check the network or POLYGON_BASE_URL; try again later';
}

type RestClient = Record<string, (...args: unknown[]) => Promise<unknown>> & {
  axios?: {
    defaults: { timeout?: number; httpAgent?: unknown; httpsAgent?: unknown };
    get?: (url: string, config: object) => Promise<unknown>;
  };
};

/**
 * Polygon REST through @polygon.io/client-js. Every call goes through the shared retry/rate-limit
 * layer, and every error is scrubbed of the API key at this boundary (the client puts the key in
 * the query string, so axios errors carry it in their URL).
 */
export class PolygonSource implements MarketSource {
  readonly name = 'polygon' as const;
  private requests = 0;
  private readonly limiter: RateLimiter;
  private constructor(
    private readonly rest: RestClient,
    private readonly opts: PolygonOptions,
  ) {
    this.limiter = new RateLimiter({
      ...opts.limiterClock,
      perMinute: opts.rateLimit,
      onWait: (ms, perMinute) =>
        opts.log.info(
          `rate limit: ${perMinute} requests/minute reached, waiting ${Math.ceil(ms / 1000)} s (POLYGON_RATE_LIMIT=0 for paid plans)`,
        ),
    });
  }

  static async create(opts: PolygonOptions): Promise<PolygonSource> {
    const { restClient } = await import('@polygon.io/client-js');
    // pagination: true makes the client follow next_url itself for parsed bodies (results come back
    // later-pages-first; the mappers sort and de-duplicate). Daily bars page by themselves (dailyBarColumns).
    const rest = restClient(opts.apiKey, opts.baseUrl.replace(/\/+$/, ''), {
      pagination: true,
    }) as unknown as RestClient;
    if (rest.axios) {
      rest.axios.defaults.timeout = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      // Reuse connections: one TLS handshake per run instead of one per request.
      const { Agent: HttpAgent } = await import('node:http');
      const { Agent: HttpsAgent } = await import('node:https');
      rest.axios.defaults.httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 16 });
      rest.axios.defaults.httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 16 });
    }
    return new PolygonSource(rest, opts);
  }

  get requestCount(): number {
    return this.requests;
  }

  /** One API call through the retry layer; `map` validates inside it, so a malformed body is retried too. */
  private async call<T>(endpoint: string, method: string, args: unknown[], map: (body: unknown) => T): Promise<T> {
    const fn = this.rest[method];
    if (typeof fn !== 'function') throw new ConfigError(`the Polygon client has no method ${method}`);
    return this.attempt(endpoint, () => fn.apply(this.rest, args), map);
  }

  /** `send` through the retry layer, its errors scrubbed of the key and mapped to ours. */
  private attempt<T>(endpoint: string, send: () => Promise<unknown>, map: (body: unknown) => T): Promise<T> {
    return withRetry(
      async () => {
        this.requests++;
        let body: unknown;
        try {
          body = await send();
        } catch (err) {
          throw classify(scrubError(err, [this.opts.apiKey]), endpoint);
        }
        return map(body);
      },
      {
        ...this.opts.retry,
        what: `Polygon ${endpoint}`,
        timeoutMs: this.opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        hint: polygonHint,
        secrets: [this.opts.apiKey],
        limiter: this.limiter,
        onRetry: (info) =>
          this.opts.log.warn(
            `Polygon ${endpoint}: ${info.reason}; retry ${info.attempt} in ${Math.round(info.delayMs)} ms`,
          ),
      },
    );
  }

  async dailyBars(symbol: string, from: SessionDate, to: SessionDate): Promise<Bar[]> {
    return columnsToBars(symbol, '1d', await this.dailyBarColumns(symbol, from, to));
  }

  /**
   * Daily bars as columns. The bodies come as raw bytes (no JSON.parse by axios) for scanAggregates, so
   * the client's own pagination cannot see next_url: each page is requested here, each through the
   * retry layer (a failed page is retried alone). next_url carries no key (it is added as a parameter).
   */
  async dailyBarColumns(symbol: string, from: SessionDate, to: SessionDate): Promise<BarColumnSet> {
    const endpoint = `daily aggregates for ${symbol}`;
    const raw = { transformResponse: [(body: unknown) => body], responseType: 'arraybuffer' };
    const first = this.rest.getStocksAggregates;
    const axios = this.rest.axios;
    if (typeof first !== 'function' || typeof axios?.get !== 'function')
      throw new ConfigError('the Polygon client has no aggregates method');
    return fetchDailyColumns(
      (send, read) => this.attempt(endpoint, send, read),
      () => first.call(this.rest, symbol, 1, 'day', from, to, true, 'asc', 50000, raw),
      (url) => axios.get!(url, { ...raw, params: { apiKey: this.opts.apiKey } }),
      endpoint,
      nyMidnight(from),
      nyMidnight(to),
    );
  }

  async minuteBars(symbol: string, session: SessionDate): Promise<Bar[]> {
    const endpoint = `minute aggregates for ${symbol}`;
    return this.call(
      endpoint,
      'getStocksAggregates',
      [symbol, 1, 'minute', session, session, true, 'asc', 50000],
      (b) => mapAggregates(b, symbol, '1m', endpoint),
    );
  }

  async previousClose(symbol: string): Promise<Bar | null> {
    const endpoint = `previous close for ${symbol}`;
    const bars = await this.call(endpoint, 'getPreviousStocksAggregates', [symbol, true], (b) =>
      mapAggregates(b, symbol, '1d', endpoint),
    );
    return bars[bars.length - 1] ?? null;
  }

  async snapshot(symbol: string) {
    const endpoint = `snapshot for ${symbol}`;
    return this.call(
      endpoint,
      'getStocksSnapshotTicker',
      [symbol, { transformResponse: [parseJsonKeepingBigInts] }],
      (b) => mapSnapshot(b, symbol, endpoint),
    );
  }

  /** Contracts of the nearest expiry within the coming week (the nearest weekly). */
  async optionContracts(underlying: string, asOf: SessionDate) {
    const endpoint = `option contracts for ${underlying}`;
    const args: unknown[] = new Array(23).fill(undefined);
    args[0] = underlying;
    args[4] = asOf; // as_of: the contracts listed on that day
    args[11] = asOf; // expiration_date.gte
    args[13] = addDays(asOf, 8); // expiration_date.lte
    args[19] = 'asc'; // order
    args[20] = 1000; // limit
    args[21] = 'expiration_date'; // sort
    const all = await this.call(endpoint, 'listOptionsContracts', args, (b) => mapOptionContracts(b, endpoint));
    const nearest = all.reduce<string | null>(
      (m, c) => (m === null || c.expirationDate < m ? c.expirationDate : m),
      null,
    );
    return all
      .filter((c) => c.expirationDate === nearest)
      .sort((a, b) => a.strike - b.strike || a.contractType.localeCompare(b.contractType));
  }

  /** The option chain snapshot (quotes, greeks, IV) for the expiries asked, every page through the retry layer. */
  async optionChain(underlying: string, query: ChainQuery) {
    const endpoint = `option chain snapshot for ${underlying}`;
    // Raw text bodies: the client's own pagination cannot see next_url, so each page is one attempt here.
    const raw = { transformResponse: [(body: unknown) => body], responseType: 'text' };
    const first = this.rest.getOptionsChain;
    const axios = this.rest.axios;
    if (typeof first !== 'function' || typeof axios?.get !== 'function')
      throw new ConfigError('the Polygon client has no option chain method');
    const args: unknown[] = new Array(16).fill(undefined);
    args[0] = underlying;
    args[8] = query.from; // expiration_date.gte
    args[10] = query.to; // expiration_date.lte
    args[12] = 'asc';
    args[13] = 250; // the endpoint's maximum page size
    args[14] = 'expiration_date';
    args[15] = raw;
    return fetchChain(
      (send, read) => this.attempt(endpoint, send, read),
      () => first.apply(this.rest, args),
      (url) => axios.get!(url, { ...raw, params: { apiKey: this.opts.apiKey } }),
      underlying,
      endpoint,
      query,
    );
  }

  async splits(symbol: string) {
    const endpoint = `splits for ${symbol}`;
    const splits = await this.call(endpoint, 'listStockSplits', [symbol], (b) => mapSplits(b, endpoint));
    return splits.filter((s) => s.symbol === symbol);
  }

  async dividends(symbol: string) {
    const endpoint = `dividends for ${symbol}`;
    const dividends = await this.call(endpoint, 'listDividends', [symbol], (b) => mapDividends(b, endpoint));
    return dividends.filter((d) => d.symbol === symbol);
  }

  async tickerDetails(symbol: string) {
    const endpoint = `ticker details for ${symbol}`;
    return this.call(endpoint, 'getTicker', [symbol], (b) => mapTickerDetails(b, symbol, endpoint));
  }

  async recentTrades(symbol: string, limit: number) {
    const endpoint = `trades for ${symbol}`;
    const args: unknown[] = [
      symbol,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      'desc',
      limit,
      'timestamp',
      { transformResponse: [parseJsonKeepingBigInts] },
    ];
    return this.call(endpoint, 'getStocksTrades', args, (b) => mapTrades(b, symbol, endpoint));
  }

  latestSession(nowMs: number): SessionDate {
    return lastCompletedSession(nowMs);
  }

  async verify(): Promise<string> {
    const body = await this.call('market status', 'getMarketStatus', [], (b) => asObject(b, 'market status'));
    const market = typeof body.market === 'string' ? body.market : 'unknown';
    return `Polygon reachable, key accepted (market ${market})`;
  }
}

function classify(err: ScrubbedHttpError, endpoint: string): Error {
  const status = err.status;
  const detail = polygonMessage(err.body);
  if (status === 401)
    return new ConfigError(
      `Polygon rejected the API key on ${endpoint} (HTTP 401${detail ? `: ${detail}` : ''}): check POLYGON_API_KEY`,
    );
  if (status === 403)
    return new ConfigError(
      `your Polygon plan does not include ${endpoint} (HTTP 403 NOT_AUTHORIZED${detail ? `: ${detail}` : ''})`,
    );
  if (status === 404) return new DataError(`Polygon has no data for ${endpoint} (HTTP 404)`);
  if (status === 400)
    return new DataError(`Polygon refused the request for ${endpoint} (HTTP 400${detail ? `: ${detail}` : ''})`);
  return err;
}

function polygonMessage(raw: unknown): string | null {
  let body = raw;
  if (typeof raw === 'string') {
    try {
      body = JSON.parse(raw);
    } catch {
      return null;
    }
  }
  if (body && typeof body === 'object') {
    const b = body as { message?: unknown; error?: unknown };
    if (typeof b.message === 'string') return b.message;
    if (typeof b.error === 'string') return b.error;
  }
  return null;
}
