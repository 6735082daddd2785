/**
 * `ats serve` under load (issue 13): the dashboard page and /api/positions with 500 positions, 50 concurrent
 * keep-alive clients for 10 s each, median and p99 latency beside a bare node:http server answering the same
 * /api/positions JSON bytes (measured before and after ours, the better one kept); then the server's memory
 * after an hour of simulated streamed trades pushed through the price feed as fast as it takes them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext } from '../src/commands/context.js';
import { executionDeps } from '../src/commands/wiring.js';
import { PriceFeed } from '../src/lib/market/price-feed.js';
import { startDashboard } from '../src/lib/server/app.js';
import { buildStore, POSITIONS, symbols } from './portfolio-bench.js';
import { runLoad, type LoadResult } from './serve-load-worker.js';
import type { BenchResult } from './types.js';

const CLIENTS = 50;
const SECONDS = 10;
/** An hour of trades at this rate across the book. */
const TRADES_PER_SECOND = 20;
const HOUR_S = 3600;
/** Sequential scrapes of /metrics, alternating with /api/positions requests. */
const SCRAPES = 60;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

/** One request at a time, alternating the two URLs: the median latency of each (body read in full). */
async function alternate(a: string, b: string, n: number): Promise<[number, number]> {
  const ta: number[] = [];
  const tb: number[] = [];
  const time = async (url: string, into: number[]): Promise<void> => {
    const t0 = performance.now();
    const res = await fetch(url);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    into.push(performance.now() - t0);
  };
  for (let i = 0; i < n; i++) {
    await time(a, ta);
    await time(b, tb);
  }
  return [median(ta), median(tb)];
}

async function bareServer(body: Buffer): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/api/positions`, close: () => new Promise((r) => server.close(() => r())) };
}

const mb = (n: number): number => n / 1024 / 1024;

export async function benchServe(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ats-bench-serve-'));
  const ctx = createContext({ db: buildStore(dir), quiet: true }, { PATH: '', HOME: dir }, dir);
  try {
    const deps = await executionDeps(ctx, {}, false);
    const feed = new PriceFeed();
    const dash = await startDashboard({
      deps,
      cfg: ctx.cfg,
      log: ctx.log,
      scrub: ctx.scrub,
      host: '127.0.0.1',
      port: 0,
      readOnly: false,
      liveTrading: false,
      token: null,
      prices: feed,
      // The feed's updates are coalesced per window; here each window is flushed as soon as it is pushed (below).
      flushMs: 0,
      cli: { node: process.execPath, path: join(process.cwd(), 'bin', 'ats.js'), cwd: dir },
      jsonLog: false,
      now: Date.now,
      reloadMs: 3_600_000,
    });
    const body = Buffer.from(await (await fetch(`${dash.url}/api/positions`)).arrayBuffer());
    const bare = await bareServer(body);
    const job = (url: string) => ({ url, clients: CLIENTS, seconds: SECONDS });
    const base1 = await runLoad(job(bare.url));
    const positions = await runLoad(job(`${dash.url}/api/positions`));
    const page = await runLoad(job(`${dash.url}/`));
    const base2 = await runLoad(job(bare.url));
    await bare.close();
    const base = base1.medianMs <= base2.medianMs ? base1 : base2;
    const [scrapeMs, positionsMs] = await alternate(`${dash.url}/metrics`, `${dash.url}/api/positions`, SCRAPES);
    const metricsBytes = (await (await fetch(`${dash.url}/metrics`)).text()).length;
    const row = (name: string, r: LoadResult): BenchResult[] => [
      {
        name: `serve ${name}, ${POSITIONS} positions, ${CLIENTS} clients × ${SECONDS} s: median`,
        value: r.medianMs,
        unit: 'ms',
        baseline: base.medianMs,
        ratio: r.medianMs / base.medianMs,
        note:
          `${r.requests} requests, ${r.errors} errors, ${(r.requests / SECONDS).toFixed(0)} req/s ` +
          `(bare node:http ${(base.requests / SECONDS).toFixed(0)} req/s, same /api/positions bytes)`,
      },
      {
        name: `serve ${name}: p99`,
        value: r.p99Ms,
        unit: 'ms',
        baseline: base.p99Ms,
        ratio: r.p99Ms / base.p99Ms,
      },
    ];

    // An hour of trades through the feed, one SSE client listening (draining what it gets).
    const sse = new AbortController();
    const listening = fetch(`${dash.url}/api/stream`, { signal: sse.signal }).then(async (res) => {
      for await (const _ of res.body as AsyncIterable<Uint8Array>) void _;
    });
    while (dash.hub.size === 0) await new Promise((r) => setImmediate(r));
    const names = symbols(POSITIONS);
    const before = process.memoryUsage();
    const updates = HOUR_S * TRADES_PER_SECOND;
    // An hour is HOUR_S × 10 flush windows of 100 ms: push each window's trades, then let its flush run (a
    // revaluation and one SSE event), so the server does an hour's worth of work, only faster.
    const perWindow = TRADES_PER_SECOND / 10;
    const t0 = performance.now();
    for (let i = 0; i < updates; i++) {
      const symbol = names[i % names.length]!;
      feed.set(symbol, 10 + (i % 300) * (1 + ((i % 7) - 3) / 1000), 'trade', Date.now());
      if (i % perWindow === perWindow - 1) await new Promise((r) => setTimeout(r, 0));
    }
    const pushMs = performance.now() - t0;
    (globalThis as { gc?: () => void }).gc?.();
    const after = process.memoryUsage();
    const sent = dash.hub.sent;
    sse.abort();
    await listening.catch(() => {});
    await dash.close();
    return [
      ...row('/api/positions', positions),
      ...row('dashboard page /', page),
      {
        name: `serve /metrics scrape, ${POSITIONS} positions: median of ${SCRAPES}`,
        value: scrapeMs,
        unit: 'ms',
        baseline: positionsMs,
        ratio: scrapeMs / positionsMs,
        note:
          `${(metricsBytes / 1024).toFixed(1)} KiB of text per scrape (store read on every scrape); baseline = ` +
          `/api/positions, one request at a time, alternating with the scrapes in the same run`,
      },
      {
        name: `serve memory after ${updates.toLocaleString('en-US')} streamed trades (1 h × ${TRADES_PER_SECOND}/s): RSS`,
        value: mb(after.rss),
        unit: 'MiB',
        baseline: mb(before.rss),
        ratio: after.rss / before.rss,
        note:
          `heap used ${mb(after.heapUsed).toFixed(1)} MiB (before ${mb(before.heapUsed).toFixed(1)}); ` +
          `pushed in ${(pushMs / 1000).toFixed(1)} s (${((updates / pushMs) * 1000).toFixed(0)} updates/s; ` +
          `${sent} SSE price events over ${updates / perWindow} flushed 100 ms windows, each revaluing ${POSITIONS} ` +
          `positions); baseline = before the push`,
      },
    ];
  } finally {
    ctx.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
