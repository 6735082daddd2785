import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startFakePolygon } from '../fakes/polygon-server.js';
import { PolygonStream } from '../../src/lib/market/polygon-stream.js';
import { openStore } from '../../src/lib/store/open.js';
import { countTicks } from '../../src/lib/store/ticks.js';
import { loadBars } from '../../src/lib/store/bars.js';
import { silentLogger } from '../../src/lib/log.js';
import { ConfigError } from '../../src/lib/errors.js';
import type { Bar, Tick } from '../../src/lib/types.js';
import { KEY } from '../helpers/polygon.js';
import { tempDir } from '../helpers/tmp.js';

const trade = (i: number) => ({
  ev: 'T',
  sym: 'AAPL',
  i: String(i),
  x: 4,
  p: 190 + i / 100,
  s: 100,
  c: [14],
  t: 1703869200000 + i,
  q: 1000 + i,
  z: 3,
});
const quote = (i: number) => ({
  ev: 'Q',
  sym: 'AAPL',
  bx: 4,
  bp: 190,
  bs: 2,
  ax: 7,
  ap: 190.02,
  as: 3,
  c: 0,
  t: 1703869200000 + i,
  q: 5000 + i,
  z: 3,
});
const minute = (i: number) => ({
  ev: 'AM',
  sym: 'AAPL',
  v: 4110,
  av: 9e6,
  op: 190,
  vw: 190.1,
  o: 190,
  c: 190.2,
  h: 190.3,
  l: 189.9,
  a: 190,
  z: 50,
  s: 1703869200000 + i * 60000,
  e: 1703869260000 + i * 60000,
});

test('stream: subscribes, batches events, survives a dropped connection, stops cleanly with everything written', async (t) => {
  const fake = await startFakePolygon({ apiKey: KEY });
  t.after(() => fake.close());
  const ticks: Tick[] = [];
  const bars: Bar[] = [];
  const stream = new PolygonStream({
    apiKey: KEY,
    delayedUrl: `${fake.wsUrl}/delayed`,
    realtimeUrl: fake.wsUrl,
    realtime: false,
    symbols: ['AAPL'],
    log: silentLogger,
    onTicks: (b) => ticks.push(...b),
    onBars: (b) => bars.push(...b),
    // Flushed by size only (4 events), never by the clock during the test: what is buffered is known.
    flushMs: 600_000,
    flushSize: 4,
    maxReconnectDelayMs: 50,
  });
  const running = stream.run();
  await fake.ws.waitForSubscription('T.AAPL');
  fake.ws.push([trade(1), trade(2), quote(1)]);
  fake.ws.push([minute(0)]);
  await fake.ws.waitUntil(() => ticks.length === 3 && bars.length === 1);
  fake.ws.dropAll();
  await fake.ws.waitUntil(() => fake.ws.connectionsTotal >= 2 && fake.ws.subscriptions().includes('T.AAPL'));
  await fake.ws.waitForSubscription('Q.AAPL');
  fake.ws.push([trade(3), quote(2)]);
  await fake.ws.delivered();
  assert.equal(ticks.length, 3, 'the last two events were received and are still buffered');
  stream.stop(); // stop() must write them
  await running;
  assert.deepEqual(
    ticks.map((x) => `${x.kind}:${x.ts}`),
    ['trade:1703869200001', 'trade:1703869200002', 'quote:1703869200001', 'trade:1703869200003', 'quote:1703869200002'],
  );
  assert.equal(bars[0]!.timeframe, '1m');
  assert.equal(stream.stats.feed, 'delayed');
  assert.ok(stream.stats.connections >= 2);
});

test('stream --realtime falls back to the delayed feed when the plan lacks it', async (t) => {
  const fake = await startFakePolygon({ apiKey: KEY, realtimeForbidden: 'auth' });
  t.after(() => fake.close());
  const ticks: Tick[] = [];
  const stream = new PolygonStream({
    apiKey: KEY,
    delayedUrl: `${fake.wsUrl}/delayed`,
    realtimeUrl: fake.wsUrl,
    realtime: true,
    symbols: ['AAPL'],
    log: silentLogger,
    onTicks: (b) => ticks.push(...b),
    onBars: () => {},
    flushMs: 20,
    maxReconnectDelayMs: 50,
  });
  const running = stream.run();
  await fake.ws.waitForSubscription('T.AAPL');
  fake.ws.push([trade(1)]);
  await fake.ws.waitUntil(() => ticks.length === 1);
  stream.stop();
  await running;
  assert.equal(stream.stats.feed, 'delayed');
});

test('stream with a rejected key fails with a ConfigError that does not show the key', async (t) => {
  const fake = await startFakePolygon({ apiKey: KEY });
  t.after(() => fake.close());
  const stream = new PolygonStream({
    apiKey: 'wrong-key-777777',
    delayedUrl: `${fake.wsUrl}/delayed`,
    realtimeUrl: fake.wsUrl,
    realtime: false,
    symbols: ['AAPL'],
    log: silentLogger,
    onTicks: () => {},
    onBars: () => {},
  });
  await assert.rejects(stream.run(), (e: unknown) => e instanceof ConfigError && !e.message.includes('wrong-key'));
});

test('ats collect --stream: SIGTERM writes every received event to the store and exits 0', async (t) => {
  const fake = await startFakePolygon({ apiKey: KEY });
  t.after(() => fake.close());
  const cwd = tempDir(t);
  const child = spawn(
    process.execPath,
    [join(process.cwd(), 'bin', 'ats.js'), 'collect', '--stream', '--symbols', 'AAPL', '--json'],
    {
      cwd,
      env: { PATH: process.env.PATH ?? '', POLYGON_API_KEY: KEY, POLYGON_WS_URL: `${fake.wsUrl}/delayed` },
    },
  );
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  await fake.ws.waitForSubscription('AM.AAPL');
  fake.ws.push([trade(1), trade(2), quote(1), minute(0), minute(1)]);
  await fake.ws.delivered(); // the child has read them (written or still buffered): SIGTERM must keep them all
  child.kill('SIGTERM');
  const code = await new Promise((r) => child.once('close', r));
  assert.equal(code, 0);
  const result = JSON.parse(stdout) as { trades: number };
  assert.equal(result.trades, 2);
  const store = openStore(join(cwd, 'data', 'ats.db'));
  t.after(() => store.close());
  assert.equal(countTicks(store, 'AAPL', 'trade'), 2);
  assert.equal(countTicks(store, 'AAPL', 'quote'), 1);
  assert.equal(loadBars(store, 'AAPL', '1m').length, 2);
});
