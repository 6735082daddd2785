/**
 * A real Prometheus server (Debian's prometheus package) scrapes a real `ats serve` child process and answers a
 * query for the equity with the store's equity; promtool checks serve's /metrics and the bare node:http handler.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { metricsHandler } from '../../src/lib/metrics/export.js';
import { StreamStatus } from '../../src/lib/metrics/stream-status.js';
import { openStore } from '../../src/lib/store/open.js';
import { startFakePolygon } from '../fakes/polygon-server.js';
import { runCli } from '../helpers/cli.js';
import { KEY } from '../helpers/polygon.js';
import { tempDir } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';
import { PROMETHEUS, prometheusSkip, promtool, samples } from '../helpers/promtool.js';
import { startServe } from '../server/serve-helper.js';

const listen = (server: Server): Promise<number> =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

/** A port free right now (Prometheus takes its listen address as a flag, not port 0). */
async function freePort(): Promise<number> {
  const s = createServer();
  const port = await listen(s);
  await new Promise((r) => s.close(r));
  return port;
}

const DAILY = [
  'daily',
  '--symbols',
  'AAPL,MSFT',
  '--asof',
  '2023-12-29',
  '--trade',
  '--force-model',
  '--threshold',
  '0.5',
  '--quiet',
];

/** The sample daily on paper, then the broker's equity as `ats broker account` reports it. */
async function tradedStore(cwd: string): Promise<number> {
  const run = await runCli(DAILY, { cwd });
  assert.equal(run.code, 0, run.stderr);
  const acct = await runCli(['broker', 'account', '--json'], { cwd });
  return (JSON.parse(acct.stdout) as { account: { equity: number } }).account.equity;
}

test('the bare /metrics handler passes promtool and answers GET only', { skip: prometheusSkip() }, async (t) => {
  const cwd = tempDir(t);
  const equity = await tradedStore(cwd);
  const store = openStore(join(cwd, 'data', 'ats.db'));
  t.after(() => store.close());
  const stream = new StreamStatus();
  stream.setConnected(true);
  stream.recordEvent(Date.now() - 1500, Date.now());
  const server = createServer(
    metricsHandler(() => ({ store, cfg: { broker: 'paper', maxDailyLossPct: 5 }, now: Date.now(), stream })),
  );
  const port = await listen(server);
  t.after(() => server.close());
  const res = await fetch(`http://127.0.0.1:${port}/metrics`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  const body = await res.text();
  const check = promtool(['check', 'metrics'], body);
  assert.equal(check.code, 0, check.out);
  assert.equal(samples(body).get('ats_stream_connected'), 1);
  assert.equal(samples(body).get('ats_equity_dollars{broker="paper"}'), equity);
  assert.equal((await fetch(`http://127.0.0.1:${port}/metrics`, { method: 'POST' })).status, 405);
});

test(
  "Prometheus scrapes `ats serve` and answers a query for the equity with the store's equity",
  { skip: prometheusSkip() },
  async (t) => {
    const cwd = tempDir(t);
    const equity = await tradedStore(cwd);
    const fake = await startFakePolygon({ apiKey: KEY });
    t.after(() => fake.close());
    const serve = await startServe(cwd, [], { POLYGON_API_KEY: KEY, POLYGON_WS_URL: `${fake.wsUrl}/delayed` });
    t.after(() => serve.stop());
    const target = new URL(serve.url).host;

    // serve's own /metrics: promtool-clean, the equity, and the live feed's state once its socket is up.
    const scrape = async (): Promise<string> => {
      const res = await fetch(`${serve.url}/metrics`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
      return res.text();
    };
    const body = await waitFor(
      async () => {
        const text = await scrape();
        return samples(text).get('ats_stream_connected') === 1 ? text : null;
      },
      { what: 'ats_stream_connected 1', describe: () => serve.stderr() },
    );
    const check = promtool(['check', 'metrics'], body);
    assert.equal(check.code, 0, check.out);
    assert.equal(samples(body).get('ats_equity_dollars{broker="paper"}'), equity);
    // A streamed trade stamped 2.5 s ago: the lag is at least that (receipt − the exchange's stamp).
    const held = ((await (await fetch(`${serve.url}/api/positions`)).json()) as { rows: Array<{ symbol: string }> })
      .rows[0];
    assert.ok(held, 'the sample daily opened a position');
    await fake.ws.waitForSubscription(`T.${held.symbol}`);
    fake.ws.push([{ ev: 'T', sym: held.symbol, i: '1', x: 4, p: 190, s: 100, t: Date.now() - 2500, q: 1 }]);
    const lag = await waitFor(async () => samples(await scrape()).get('ats_stream_lag_seconds') || null, {
      what: 'the streamed trade in ats_stream_lag_seconds',
    });
    assert.ok(lag >= 2.5 && lag < 60, String(lag));

    const dir = tempDir(t, 'ats-prom-');
    const config = join(dir, 'prometheus.yml');
    writeFileSync(
      config,
      `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: ats\n    static_configs:\n      - targets: ['${target}']\n`,
    );
    const promPort = await freePort();
    const prom = spawn(
      PROMETHEUS,
      [
        `--config.file=${config}`,
        `--storage.tsdb.path=${join(dir, 'tsdb')}`,
        `--web.listen-address=127.0.0.1:${promPort}`,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let log = '';
    prom.stderr.on('data', (d) => (log += d));
    const exited = new Promise((r) => prom.once('exit', r));
    t.after(async () => {
      prom.kill('SIGTERM');
      await exited;
    });
    const answer = await waitFor(
      async () => {
        try {
          const q = await fetch(`http://127.0.0.1:${promPort}/api/v1/query?query=ats_equity_dollars`);
          const json = (await q.json()) as { data?: { result?: { value: [number, string] }[] } };
          return json.data?.result?.[0]?.value[1] ?? null;
        } catch {
          return null; // not listening yet
        }
      },
      { what: 'Prometheus answering ats_equity_dollars', describe: () => log.slice(-2000) },
    );
    assert.equal(Number(answer), equity);
  },
);
