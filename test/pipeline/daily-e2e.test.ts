import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakePolygon, type FakeBar } from '../fakes/polygon-server.js';
import { startFakeAlpaca } from '../fakes/alpaca-server.js';
import { parseBarsCsv } from '../../src/lib/market/csv-bars.js';
import { openStore } from '../../src/lib/store/open.js';
import { rankUniverse } from '../../src/lib/pipeline/universe.js';
import { upsertBars } from '../../src/lib/store/bars.js';
import { addDays, nyMidnight } from '../../src/lib/time.js';
import type { Bar } from '../../src/lib/types.js';
import type { DailyRun } from '../../src/lib/pipeline/daily.js';
import type { PlaybookResult } from '../../src/lib/model/playbook.js';
import { runCli } from '../helpers/cli.js';
import { browserSkip, checkPageInBrowser } from '../helpers/browser.js';
import { KEY } from '../helpers/polygon.js';
import { tempDir } from '../helpers/tmp.js';

const SYMBOLS = ['AAPL', 'AMZN', 'GOOGL', 'META', 'MSFT', 'NVDA', 'TSLA'];
/** The real sample bars (data/sample), served by the fake Polygon as its aggregates. */
const sample = new Map(
  SYMBOLS.map((s) => [s, parseBarsCsv(readFileSync(join(process.cwd(), 'data', 'sample', `${s}.csv`), 'utf8'), s)]),
);
const asFake = (bars: Bar[]): FakeBar[] =>
  bars.map((b) => ({
    t: b.ts,
    o: b.open,
    h: b.high,
    l: b.low,
    c: b.close,
    v: b.volume,
    vw: (b.high + b.low) / 2,
    n: 1000,
  }));

test('full daily run on the fake Polygon and the fake Alpaca: every step, orders at the broker once, a rerun sends nothing', async (t) => {
  const polygon = await startFakePolygon({ apiKey: KEY, bars: (s) => (sample.has(s) ? asFake(sample.get(s)!) : []) });
  const lastClose = Object.fromEntries(SYMBOLS.map((s) => [s, sample.get(s)!.at(-1)!.close]));
  const alpaca = await startFakeAlpaca({ cash: 100_000, prices: lastClose });
  t.after(async () => {
    await polygon.close();
    await alpaca.close();
  });
  const cwd = tempDir(t);
  const env = {
    POLYGON_API_KEY: KEY,
    POLYGON_BASE_URL: polygon.url,
    POLYGON_RATE_LIMIT: '0',
    APCA_API_KEY_ID: alpaca.keyId,
    APCA_API_SECRET_KEY: alpaca.secretKey,
    APCA_API_BASE_URL: alpaca.url,
  };
  const args = [
    'daily',
    '--symbols',
    SYMBOLS.join(','),
    '--days',
    '1000',
    '--asof',
    '2023-12-29',
    '--trade',
    '--force-model', // orders on the sample need the gate forced open (no out-of-sample edge)
    '--threshold',
    '0.5',
    '--broker',
    'alpaca',
    '--json',
    '--quiet',
  ];
  const first = await runCli(args, { cwd, env });
  assert.equal(first.code, 0, first.stderr);
  const run = JSON.parse(first.stdout) as DailyRun;
  assert.equal(run.status, 'ok');
  assert.ok(
    run.steps.every((s) => s.status === 'ok'),
    JSON.stringify(run.steps),
  );
  const posts = () => alpaca.requests.filter((r) => r.method === 'POST' && r.path === '/v2/orders').length;
  const placed = posts();
  assert.ok(placed >= 1, `at least one pick above 0.5 was traded: ${JSON.stringify(run.results.trades)}`);
  assert.equal(run.orders.length, placed);
  for (const out of [first.stdout, first.stderr]) assert.ok(!out.includes(KEY) && !out.includes(alpaca.secretKey));

  const again = await runCli(args, { cwd, env });
  assert.equal((JSON.parse(again.stdout) as DailyRun).status, 'already-done');
  const rerun = await runCli([...args, '--rerun'], { cwd, env });
  assert.equal(rerun.code, 0, rerun.stderr);
  assert.equal(posts(), placed, 'a re-run of the same session sends no new order');
  const store = openStore(join(cwd, 'data', 'ats.db'));
  t.after(() => store.close());
  const count = (where: string) =>
    (store.db.prepare(`SELECT COUNT(*) AS n FROM orders WHERE source = 'daily' AND ${where}`).get() as { n: number }).n;
  assert.equal(count('parent_id IS NULL'), placed, 'no duplicate order row');
  assert.equal(count('parent_id IS NOT NULL'), 2 * placed, 'each entry has its stop-loss and take-profit legs, once');
});

test(
  'reports/index.html renders in Chromium with no console error and no network request',
  { skip: browserSkip() },
  async (t) => {
    const cwd = tempDir(t);
    const r = await runCli(
      ['daily', '--symbols', SYMBOLS.join(','), '--days', '600', '--trade', '--force-model', '--threshold', '0.5'],
      { cwd },
    );
    assert.equal(r.code, 0, r.stderr);
    await runCli(['backtest', '--symbols', 'AAPL,MSFT', '--quiet'], { cwd });
    await runCli(
      [
        'daily',
        '--symbols',
        SYMBOLS.join(','),
        '--days',
        '600',
        '--trade',
        '--force-model', // orders on the sample need the gate forced open (no out-of-sample edge)
        '--threshold',
        '0.5',
        '--rerun',
        '--skip',
        'train',
      ],
      { cwd },
    );
    const html = readFileSync(join(cwd, 'data', 'ats-reports', 'index.html'), 'utf8');
    assert.doesNotMatch(html, /<(script|link|img)[^>]+(src|href)="https?:/);
    assert.match(html, /Latest backtest/);
    assert.match(html, /Model dashboard/);
    const page = await checkPageInBrowser(
      join(cwd, 'data', 'ats-reports', 'index.html'),
      join(process.cwd(), 'reports', 'screenshots', 'index.png'),
      { waitForSelector: 'section' },
    );
    assert.deepEqual(page.consoleErrors, []);
    assert.deepEqual(page.pageErrors, []);
    assert.deepEqual(page.failedRequests, []);
  },
);

test('universe ranking: z-scores of relative volume, ATR % and momentum, weighted; thin histories left out', (t) => {
  const store = openStore(join(tempDir(t), 'u.db'));
  t.after(() => store.close());
  // Three symbols over 40 sessions: UP trends up on rising volume, FLAT is flat and quiet, WILD swings widely.
  const mk = (symbol: string, f: (i: number) => [number, number, number]): Bar[] =>
    Array.from({ length: 40 }, (_, i) => {
      const [close, range, volume] = f(i);
      return {
        symbol,
        timeframe: '1d' as const,
        ts: nyMidnight(addDays('2024-01-01', i)),
        open: close,
        high: close + range,
        low: close - range,
        close,
        volume,
        vwap: null,
        trades: null,
      };
    });
  upsertBars(
    store,
    mk('UP', (i) => [100 + i, 1, 1000 + (i === 39 ? 5000 : 0)]),
    't',
  );
  upsertBars(
    store,
    mk('FLAT', () => [100, 0.5, 1000]),
    't',
  );
  upsertBars(
    store,
    mk('WILD', (i) => [100 + (i % 2 ? 8 : -8), 10, 1000]),
    't',
  );
  upsertBars(store, mk('THIN', () => [100, 1, 1000]).slice(0, 10), 't');
  const asOf = addDays('2024-01-01', 39);
  const ranked = rankUniverse(store, ['FLAT', 'THIN', 'UP', 'WILD'], asOf, { relVolume: 1, atrPct: 0, momentum: 1 });
  assert.equal(ranked[0]!.symbol, 'UP');
  assert.ok(!ranked.some((u) => u.symbol === 'THIN'));
  const byVol = rankUniverse(store, ['FLAT', 'UP', 'WILD'], asOf, { relVolume: 0, atrPct: 1, momentum: 0 });
  assert.equal(byVol[0]!.symbol, 'WILD');
  // the weighted z-scores sum to zero across candidates for each component
  assert.ok(Math.abs(byVol.reduce((s, u) => s + u.score, 0)) < 1e-9);
});

test('--universe top:N keeps the N best candidates for the rest of the chain', async (t) => {
  const cwd = tempDir(t);
  const r = await runCli(['daily', '--universe', 'top:3', '--days', '600', '--json', '--quiet'], { cwd });
  assert.equal(r.code, 0, r.stderr);
  const run = JSON.parse(r.stdout) as DailyRun;
  const universe = run.steps.find((s) => s.name === 'universe');
  assert.match(universe?.summary ?? '', /top 3 of 7 candidate/);
  assert.equal((run.results.playbook as PlaybookResult).rows.length, 3);
  const bad = await runCli(['daily', '--universe', 'best:3'], { cwd });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--universe must look like top:50/);
});
