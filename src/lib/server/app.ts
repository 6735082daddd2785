/**
 * `ats serve`: the dashboard on fastify. Pages (`/`, `/panel/<id>`), one JSON endpoint per panel (`/api/<id>`),
 * live prices as server-sent events (`/api/stream`), the reports folder read-only (`/reports/…`) and POST
 * actions. Security: see security.ts; every response carries a Content-Security-Policy that lets a page talk to
 * this server only.
 */
import { realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { AtsError } from '../errors.js';
import type { ExecutionDeps } from '../execution/place-order.js';
import type { Logger } from '../log.js';
import type { LivePrice, PriceSource } from '../market/price-feed.js';
import { LivePortfolio } from '../portfolio/live.js';
import type { PortfolioValuation } from '../portfolio/valuation.js';
import { closePosition } from '../portfolio/service.js';
import { metricsText, METRICS_CONTENT_TYPE } from '../metrics/export.js';
import { StreamStatus } from '../metrics/stream-status.js';
import { setPaused } from '../schedule/status.js';
import { storeAnswers } from '../store/dashboard.js';
import { chartLibrarySource } from '../report/html.js';
import { recentRuns } from '../store/run-log.js';
import { ActionRunner } from './actions.js';
import { CLIENT_SCRIPT } from './client-script.js';
import { EventHub } from './event-hub.js';
import { renderPage, section } from './page.js';
import type { Panel, PanelContext } from './panel.js';
import { PanelCache } from './panel-cache.js';
import { PANELS } from './panels.js';
import { isLoopback, newCsrfToken, requestToken, sameOrigin, sameSecret, TOKEN_COOKIE } from './security.js';

export interface DashboardOptions {
  deps: ExecutionDeps;
  cfg: Config;
  log: Logger;
  scrub: (text: string) => string;
  host: string;
  port: number;
  readOnly: boolean;
  /** Started with --live on a live account: closing a position asks for confirmation. */
  liveTrading: boolean;
  token: string | null;
  /** Live prices (the Polygon stream's feed); null: stored prices only. */
  prices: PriceSource | null;
  /** Subscribe the price stream to the symbols now held. */
  follow?: (symbols: string[]) => void;
  /** Whether the live feed's socket is up now (/metrics ats_stream_connected). */
  streamConnected?: () => boolean;
  cli: { node: string; path: string; cwd: string };
  jsonLog: boolean;
  now: () => number;
  panels?: readonly Panel[];
  reloadMs?: number;
  flushMs?: number;
}

export interface Dashboard {
  app: FastifyInstance;
  url: string;
  hub: EventHub;
  live: LivePortfolio;
  close: () => Promise<void>;
}

const FLUSH_MS = 100;
const LOGIN_PAGE =
  '<!doctype html><html><head><meta charset="utf-8"><title>ats: sign in</title></head><body>' +
  '<form method="post" action="/login"><label>ATS_SERVE_TOKEN <input type="password" name="token" ' +
  'autocomplete="current-password" required></label> <button>Sign in</button></form></body></html>';
const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
/** Reports are self-contained pages with inline scripts: sandboxed (no cookies, no API) and no network at all. */
const REPORT_CSP =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: 'self'; sandbox allow-scripts";
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};
const COMMON_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};

export async function startDashboard(o: DashboardOptions): Promise<Dashboard> {
  const panels = o.panels ?? PANELS;
  const csrf = newCsrfToken();
  const hub = new EventHub();
  const live = new LivePortfolio(o.deps);
  // Bumped on every price batch and reload: what `live` panels cache against.
  let version = 0;
  // Bumped on every reload (and schedule change): what `perReload` panels cache against.
  let generation = 0;
  let valued: { version: number; value: PortfolioValuation } | null = null;
  const valuation = (): PortfolioValuation => {
    if (valued?.version !== version) valued = { version, value: live.valuation() };
    return valued.value;
  };
  const ctx: PanelContext = { deps: o.deps, cfg: o.cfg, live, valuation, now: o.now };
  const cache = new PanelCache(ctx, () => ({ version, generation }));
  const tokenRequired = !isLoopback(o.host);
  const reportsRoot = resolve(o.cfg.reportsDir);

  let reloading: Promise<void> | null = null;
  const reload = (): Promise<void> =>
    (reloading ??= live
      .reload()
      .then(() => {
        version++;
        generation++;
        o.follow?.(live.symbols());
      })
      .catch((err: unknown) => o.log.warn(`positions reload failed: ${o.scrub(String(err))}`))
      .finally(() => (reloading = null)));
  await reload();
  // Prices are coalesced: the latest per symbol, revalued and sent together at most every FLUSH_MS.
  const pending = new Map<string, LivePrice>();
  let flushTimer: NodeJS.Timeout | null = null;
  const flush = (): void => {
    flushTimer = null;
    const updates = live.applyAll(pending.values());
    pending.clear();
    if (updates.length === 0) return;
    version++;
    for (const u of updates) hub.send('price', u);
  };
  // The feed's health for /metrics: lag = our receipt time − the exchange's stamp of the latest event.
  const streamStatus = o.prices ? new StreamStatus() : undefined;
  const offPrices = o.prices?.onUpdate((p) => {
    streamStatus?.recordEvent(p.ts, p.receivedAt);
    pending.set(p.symbol, p);
    flushTimer ??= setTimeout(flush, o.flushMs ?? FLUSH_MS);
  });
  const timer = setInterval(() => void reload(), o.reloadMs ?? 15_000);
  timer.unref();

  const actions = new ActionRunner({
    node: o.cli.node,
    cli: o.cli.path,
    db: o.cfg.db,
    cwd: o.cli.cwd,
    hub,
    scrub: o.scrub,
    onDone: () => void reload(),
  });

  const app = Fastify({
    logger: o.jsonLog
      ? {
          level: 'info',
          stream: process.stderr,
          // no URL carries the token (/login takes it in a form body); scrubbed like every line anyway
          serializers: { req: (r: FastifyRequest) => ({ method: r.method, url: o.scrub(r.url), ip: r.ip }) },
        }
      : false,
    bodyLimit: 16 * 1024,
  });

  app.addHook('onRequest', async (req, reply) => {
    void reply.headers({ ...COMMON_HEADERS, 'content-security-policy': PAGE_CSP });
    if (!tokenRequired) {
      // A loopback server answers only to its own names (a DNS-rebinding page has another Host).
      const host = (req.headers.host ?? '').replace(/:\d+$/, '');
      if (!['127.0.0.1', 'localhost', '[::1]'].includes(host) && !isLoopback(host))
        return reply.code(403).send({ error: 'unexpected Host header' });
      return;
    }
    if (req.url.startsWith('/login')) return;
    if (!sameSecret(requestToken(req.headers.authorization, req.headers.cookie), o.token ?? ''))
      return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'token required' });
  });

  // The token is posted in a form body, never put in a URL (browser history and proxy logs keep URLs).
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  app.get('/login', async (_req, reply) => {
    if (!tokenRequired) return reply.redirect('/', 303);
    return html(reply, LOGIN_PAGE);
  });
  app.post('/login', async (req, reply) => {
    if (!tokenRequired) return reply.redirect('/', 303);
    const sent = (req.body as Record<string, string | undefined> | undefined)?.token;
    if (!sameSecret(sent, o.token ?? '')) return reply.code(401).send({ error: 'wrong token' });
    return reply
      .header('set-cookie', `${TOKEN_COOKIE}=${encodeURIComponent(sent!)}; HttpOnly; SameSite=Strict; Path=/`)
      .redirect('/', 303);
  });

  const page = async (title: string, shown: readonly Panel[]): Promise<string> => {
    const sections = await Promise.all(
      shown.map(async (p) => {
        try {
          return section(p, await cache.html(p, { readOnly: o.readOnly }));
        } catch (err) {
          return section(
            p,
            `<p class="empty">could not load: ${o.scrub(err instanceof Error ? err.message : String(err))}</p>`,
          );
        }
      }),
    );
    return renderPage({ title, panels, sections, csrf, readOnly: o.readOnly, live: o.prices !== null });
  };
  const html = (reply: FastifyReply, body: string): FastifyReply => reply.type('text/html; charset=utf-8').send(body);

  app.get('/', async (_req, reply) => html(reply, await page('Dashboard', panels)));
  app.get('/panel/:id', async (req, reply) => {
    const p = panels.find((x) => x.id === (req.params as { id: string }).id);
    if (!p) return reply.code(404).send({ error: 'no such panel' });
    return html(reply, await page(p.title, [p]));
  });
  for (const p of panels) {
    app.get(`/api/${p.id}`, async (_req, reply) =>
      reply.type('application/json; charset=utf-8').send(await cache.json(p)),
    );
  }
  app.get('/api', () => ({
    panels: panels.map((p) => ({ id: p.id, title: p.title, url: `/api/${p.id}` })),
    stream: '/api/stream',
    readOnly: o.readOnly,
  }));

  app.get('/api/health', async (_req, reply) => {
    let ok = false;
    try {
      ok = storeAnswers(o.deps.store);
    } catch {
      // answered below
    }
    return reply.code(ok ? 200 : 503).send(ok ? { ok } : { ok, error: 'the store does not answer' });
  });
  app.get('/metrics', async (_req, reply) => {
    streamStatus?.setConnected(o.streamConnected?.() ?? false);
    const body = await metricsText({
      store: o.deps.store,
      cfg: { broker: o.deps.broker.name, maxDailyLossPct: o.cfg.maxDailyLossPct },
      now: o.now(),
      ...(streamStatus ? { stream: streamStatus } : {}),
    });
    return reply.type(METRICS_CONTENT_TYPE).send(body);
  });

  const chartJs = chartLibrarySource();
  app.get('/assets/lightweight-charts.js', async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').send(chartJs),
  );
  app.get('/assets/dashboard.js', async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').send(CLIENT_SCRIPT),
  );

  app.get('/api/stream', (req, reply) => {
    void reply.hijack();
    hub.add(reply.raw, { ...COMMON_HEADERS, 'content-security-policy': PAGE_CSP });
    // The current valuation first, so a page opened between prices is not stale.
    for (const r of valuation().rows) reply.raw.write(`event: position\ndata: ${JSON.stringify(r)}\n\n`);
    req.raw.on('close', () => reply.raw.end());
  });

  app.get('/reports/*', async (req, reply) => {
    const rel = (req.params as { '*': string })['*'];
    const file = resolve(reportsRoot, rel);
    const inside = (p: string): boolean => {
      const r = relative(reportsRoot, p);
      return r !== '' && !r.startsWith('..') && !isAbsolute(r);
    };
    if (rel.includes('\0') || !inside(file)) return reply.code(403).send({ error: 'outside the reports folder' });
    let real: string;
    try {
      real = realpathSync(file);
      // A symlink in reports/ must not lead out of it either.
      const r = relative(realpathSync(reportsRoot), real);
      if (r === '' || r.startsWith('..') || isAbsolute(r))
        return reply.code(403).send({ error: 'outside the reports folder' });
    } catch {
      return reply.code(404).send({ error: 'no such report' });
    }
    const body = await readFile(real).catch(() => null);
    if (body === null) return reply.code(404).send({ error: 'no such report' });
    return reply
      .header('content-security-policy', REPORT_CSP)
      .type(TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream')
      .send(body);
  });

  // Actions: POST, CSRF token, same origin, not read-only.
  const guard = (req: FastifyRequest, reply: FastifyReply): boolean => {
    let why: string | null = null;
    if (o.readOnly) why = 'read-only dashboard: actions are off';
    else if (!sameOrigin(req.headers.origin, req.headers.host)) why = 'cross-origin request refused';
    else if (!sameSecret(req.headers['x-csrf-token'] as string | undefined, csrf)) why = 'missing or wrong CSRF token';
    if (why === null) return true;
    void reply.code(403).send({ error: why });
    return false;
  };
  for (const kind of ['daily', 'verify'] as const) {
    app.post(`/api/actions/${kind}`, async (req, reply) => {
      if (!guard(req, reply)) return reply;
      let args: string[] = [];
      if (kind === 'daily') {
        // "Run daily now" repeats the last run's universe (the run log has it); the schedule's own args come later.
        const last = recentRuns(o.deps.store, 1)[0];
        if (!last) return reply.code(400).send({ error: 'no daily run yet: run `ats daily --symbols …` once first' });
        args = ['--symbols', last.symbols.join(',')];
      }
      const started = actions.start(kind, args);
      if (!started) return reply.code(409).send({ error: `${actions.busy()?.kind} is still running` });
      return reply.code(202).send({ id: started.id, message: `${kind} started (#${started.id}); progress below` });
    });
  }
  for (const kind of ['pause', 'resume'] as const) {
    app.post(`/api/actions/${kind}`, async (req, reply) => {
      if (!guard(req, reply)) return reply;
      setPaused(o.deps.store, kind === 'pause', o.now());
      generation++;
      return { paused: kind === 'pause', message: `schedule ${kind}d` };
    });
  }
  app.post('/api/actions/close', async (req, reply) => {
    if (!guard(req, reply)) return reply;
    const body = (req.body ?? {}) as { symbol?: unknown; confirmed?: unknown };
    const symbol = typeof body.symbol === 'string' ? body.symbol.trim().toUpperCase() : '';
    if (!/^[A-Z0-9.:/-]{1,32}$/.test(symbol)) return reply.code(400).send({ error: 'symbol required' });
    if (o.liveTrading && body.confirmed !== true)
      return reply.code(409).send({ confirm: `Close ${symbol} on the LIVE account, with real money?` });
    try {
      const r = await closePosition(o.deps, symbol, { source: 'portfolio', runId: `serve:${o.now()}` });
      await reload();
      return {
        message: `${r.order.side} ${r.order.qty} ${r.order.symbol} ${r.order.type}: ${r.order.status}`,
        order: r.order,
      };
    } catch (err) {
      const code = err instanceof AtsError && err.exitCode === 2 ? 400 : 500;
      return reply.code(code).send({ error: o.scrub(err instanceof Error ? err.message : String(err)) });
    }
  });

  app.setNotFoundHandler(async (_req, reply) => reply.code(404).send({ error: 'not found' }));

  await app.listen({ host: o.host, port: o.port });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr !== null ? addr.port : o.port;
  const shownHost = o.host.includes(':') ? `[${o.host}]` : o.host;
  return {
    app,
    url: `http://${shownHost}:${port}`,
    hub,
    live,
    close: async () => {
      clearInterval(timer);
      if (flushTimer) clearTimeout(flushTimer);
      offPrices?.();
      hub.close();
      await app.close();
    },
  };
}
