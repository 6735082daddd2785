/**
 * A fake Polygon (REST + stocks WebSocket) on 127.0.0.1 with a random port, for tests and benchmarks.
 * Response bodies follow the recorded fixtures in test/fixtures/polygon/ (SOURCES.txt names them).
 * Point @polygon.io/client-js at it with restClient(key, fake.url, { pagination: true }) and
 * websocketClient(key, fake.wsUrl).stocks().
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { aggregates, previousClose } from './polygon/aggs.js';
import type { AggsContext, ServedSeries } from './polygon/aggs.js';
import { ArraySeries, GeneratedSeries, lowerIndex } from './polygon/bars.js';
import type { BarSeries, FakeBar } from './polygon/bars.js';
import { FaultQueue, sendTruncated } from './polygon/faults.js';
import type { Fault } from './polygon/faults.js';
import {
  defaultDividends,
  defaultSplits,
  marketStatus,
  optionContracts,
  ordered,
  pagedList,
  rangeFilter,
  tickerDetails,
} from './polygon/reference.js';
import type { Row } from './polygon/reference.js';
import * as replies from './polygon/replies.js';
import type { Reply } from './polygon/replies.js';
import { FakeStream } from './polygon/stream.js';
import type { StreamOptions } from './polygon/stream.js';
import { snapshot, ticks } from './polygon/ticks.js';
import { chainSnapshot, type ChainPlan } from './polygon/chain.js';
import { nyDate } from '../../src/lib/time.js';

export type { FakeBar } from './polygon/bars.js';
export type { Fault } from './polygon/faults.js';
export { PLAN_LACKS_WEBSOCKET } from './polygon/stream.js';

export interface FakePolygonOptions {
  apiKey: string;
  /** Daily bars per symbol. undefined → the generated random walk; [] → an unknown ticker. */
  bars?: (symbol: string) => FakeBar[] | undefined;
  /** Results per aggregates page (the API's own cap is `limit`, default 5000, max 50000). */
  pageSize?: number;
  plan?: { forbidden?: string[] };
  /** Reference data; defaults are the recorded mock_v3_reference_splits/dividends results. */
  splits?: Row[];
  dividends?: Row[];
  /** "Now" for prev/snapshot/market status and the end of generated data (default Date.now). */
  now?: () => number;
  realtimeForbidden?: StreamOptions['realtimeForbidden'];
  /** Option chain snapshots: 'full' (quotes, trades, greeks; default) or 'starter' (no quotes or trades). */
  chainPlan?: ChainPlan;
  /** Contracts per chain page at most (Polygon's cap is 250): small values make pages. */
  chainPageMax?: number;
  /**
   * Benchmarks: keep each successful GET body (as bytes) by URL and serve it again, so a warmed-up fake
   * costs next to nothing and the measurement is of the client side (the real server is another machine).
   */
  cacheBodies?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** Query parameters with apiKey removed. */
  query: Record<string, string>;
  /** How the key came: 'query' (apiKey=), 'header' (Authorization: Bearer) or 'none'. */
  auth: 'query' | 'header' | 'none';
  at: number;
}

export interface FakePolygon {
  url: string;
  /** Base for websocketClient(key, wsUrl): the stream is at `${wsUrl}/stocks`, delayed at `${wsUrl}/delayed/stocks`. */
  wsUrl: string;
  requests: RecordedRequest[];
  barRequests(): number;
  inject(fault: Fault): void;
  /** Drop every pending fault. */
  clearFaults(): void;
  setBars(symbol: string, bars: FakeBar[]): void;
  ws: FakeStream;
  close(): Promise<void>;
}

export async function startFakePolygon(opts: FakePolygonOptions): Promise<FakePolygon> {
  const now = opts.now ?? Date.now;
  const custom = new Map<string, BarSeries>();
  const generated = new Map<string, GeneratedSeries>();
  const faults = new FaultQueue();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const stream = new FakeStream({ apiKey: opts.apiKey, realtimeForbidden: opts.realtimeForbidden });
  let baseUrl = '';
  const bodyCache = new Map<string, Buffer>();

  function seriesOf(symbol: string): ServedSeries | undefined {
    let given = custom.get(symbol);
    if (given === undefined && opts.bars !== undefined) {
      const bars = opts.bars(symbol);
      if (bars !== undefined) custom.set(symbol, (given = new ArraySeries(bars)));
    }
    if (given !== undefined) return given.length === 0 ? undefined : { series: given, untilMs: Infinity };
    let g = generated.get(symbol);
    if (g === undefined) generated.set(symbol, (g = new GeneratedSeries(symbol)));
    return { series: g, untilMs: now() };
  }

  const aggsCtx = (): AggsContext => ({ baseUrl, pageSize: opts.pageSize ?? 50_000, nowMs: now(), seriesOf });

  function route(path: string, query: URLSearchParams): Reply {
    const at = (re: RegExp): string[] | undefined =>
      re
        .exec(path)
        ?.slice(1)
        .map((x) => decodeURIComponent(x));
    let m: string[] | undefined;
    if ((m = at(/^\/v2\/aggs\/ticker\/([^/]+)\/range\/([^/]+)\/([^/]+)\/([^/]+)\/([^/]+)$/))) {
      const [ticker, multiplier, timespan, from, to] = m as [string, string, string, string, string];
      return aggregates(aggsCtx(), { ticker, multiplier, timespan, from, to }, query);
    }
    if ((m = at(/^\/v2\/aggs\/ticker\/([^/]+)\/prev$/))) return previousClose(aggsCtx(), m[0] as string, query);
    if ((m = at(/^\/v2\/snapshot\/locale\/us\/markets\/stocks\/tickers\/([^/]+)$/))) {
      return snapshot(m[0] as string, seriesOf(m[0] as string), now());
    }
    if ((m = at(/^\/v3\/(trades|quotes)\/([^/]+)$/))) {
      return ticks(m[0] as 'trades' | 'quotes', baseUrl, m[1] as string, seriesOf(m[1] as string), now(), query);
    }
    if ((m = at(/^\/v3\/reference\/tickers\/([^/]+)$/)))
      return tickerDetails(m[0] as string, seriesOf(m[0] as string) !== undefined);
    if (path === '/v3/reference/splits')
      return referenceList(path, opts.splits ?? defaultSplits(), query, 'execution_date');
    if (path === '/v3/reference/dividends')
      return referenceList(path, opts.dividends ?? defaultDividends(), query, 'ex_dividend_date');
    if (path === '/v3/reference/options/contracts') return contracts(query);
    if ((m = at(/^\/v3\/snapshot\/options\/([^/]+)$/))) return chain(m[0] as string, query);
    if (path === '/v1/marketstatus/now') return marketStatus(now());
    return replies.notFound('Not Found');
  }

  function referenceList(path: string, data: Row[], query: URLSearchParams, dateField: string): Reply {
    const rows = ordered(rangeFilter(data, query, ['ticker', dateField]), dateField, query, 'desc');
    return pagedList(baseUrl, path, rows, query, { default: 10, max: 1000 });
  }

  function contracts(query: URLSearchParams): Reply {
    const underlying = query.get('underlying_ticker');
    const served = underlying === null ? undefined : seriesOf(underlying);
    const asOf = query.get('as_of') ?? nyDate(now());
    let rows: Row[] = [];
    if (underlying !== null && served !== undefined) {
      const last = served.series.barAt(Math.max(0, lowerIndex(served.series, Math.min(now(), served.untilMs) + 1) - 1));
      rows = optionContracts(underlying, last.c, asOf);
    }
    rows = rangeFilter(rows, query, ['contract_type', 'expiration_date', 'strike_price']);
    const sortField = query.get('sort') ?? 'ticker';
    return pagedList(baseUrl, '/v3/reference/options/contracts', ordered(rows, sortField, query, 'asc'), query, {
      default: 10,
      max: 1000,
    });
  }

  function chain(underlying: string, query: URLSearchParams): Reply {
    const served = seriesOf(underlying);
    if (served === undefined) return replies.notFound('Ticker not found.');
    const last = served.series.barAt(Math.max(0, lowerIndex(served.series, Math.min(now(), served.untilMs) + 1) - 1));
    const asOf = nyDate(last.t);
    return chainSnapshot(baseUrl, underlying, last.c, asOf, now(), opts.chainPlan ?? 'full', query, opts.chainPageMax);
  }

  /** Auth: apiKey query parameter or "Authorization: Bearer <key>" (how client-python follows next_url). */
  function authenticate(
    req: IncomingMessage,
    query: URLSearchParams,
  ): { auth: RecordedRequest['auth']; reply?: Reply } {
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const key = query.get('apiKey') ?? bearer;
    const auth = query.has('apiKey') ? 'query' : bearer !== undefined ? 'header' : 'none';
    if (key === undefined || key === '') return { auth, reply: replies.apiKeyNotProvided() };
    if (key !== opts.apiKey) return { auth, reply: replies.unknownApiKey() };
    return { auth };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', baseUrl);
    const path = url.pathname;
    const raw = url.searchParams;
    // A cursor stands for the query of the first page; explicit parameters still win.
    const query = raw.has('cursor') ? replies.decodeCursor(raw.get('cursor') as string) : new URLSearchParams();
    for (const [k, v] of raw) if (k !== 'cursor') query.set(k, v);
    const { auth, reply: authFailure } = authenticate(req, raw);
    query.delete('apiKey');
    const logged = Object.fromEntries([...raw].filter(([k]) => k !== 'apiKey'));
    requests.push({ method: req.method ?? 'GET', path, query: logged, auth, at: Date.now() });

    const fault = faults.take(path);
    if (fault?.kind === 'reset') return void req.socket.destroy();
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'slow') await new Promise<void>((r) => timers.add(setTimeout(r, fault.delayMs ?? 2000)));
    if (res.destroyed) return;
    let reply: Reply | undefined;
    if (fault?.kind === '429') reply = replies.rateLimited(fault.retryAfterSec);
    else if (fault?.kind === '500') reply = replies.serverError();
    else if (fault?.kind === '401') reply = replies.unknownApiKey();
    else if (authFailure !== undefined) reply = authFailure;
    else if ((opts.plan?.forbidden ?? []).some((prefix) => path.startsWith(prefix))) reply = replies.notAuthorized();
    else if (req.method !== 'GET') reply = replies.notFound('Not Found');
    else if (opts.cacheBodies) {
      const key = `${path}?${query.toString()}`;
      let cached = bodyCache.get(key);
      if (cached === undefined) {
        const fresh = route(path, query);
        if (fresh.status !== 200 || fresh.headers !== undefined) {
          reply = fresh;
        } else {
          bodyCache.set(key, (cached = Buffer.from(fresh.body)));
        }
      }
      if (cached !== undefined) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(cached.length) });
        return void res.end(cached);
      }
      reply ??= route(path, query);
    } else reply = route(path, query);

    if (fault?.kind === 'truncated') return sendTruncated(req, res, reply.status, reply.body, fault);
    res.writeHead(reply.status, {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(reply.body)),
      ...reply.headers,
    });
    res.end(reply.body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      const body = JSON.stringify({
        status: 'ERROR',
        request_id: replies.requestId(),
        error: `fake crashed: ${String(err)}`,
      });
      res.writeHead(500, { 'content-type': 'application/json' }).end(body);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('upgrade', (req, socket, head) => stream.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    url: baseUrl,
    wsUrl: `ws://127.0.0.1:${port}`,
    requests,
    barRequests: () => requests.filter((r) => r.path.startsWith('/v2/aggs/')).length,
    inject: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    setBars: (symbol, bars) => void custom.set(symbol, new ArraySeries(bars)),
    ws: stream,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      await stream.close();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
