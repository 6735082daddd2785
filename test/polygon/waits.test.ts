/** Bounded waits and visible pauses: a hung Polygon fails fast with a useful line; a rate-limit pause is announced. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PolygonSource } from '../../src/lib/market/polygon.js';
import type { Logger } from '../../src/lib/log.js';
import { startFakePolygon } from '../fakes/polygon-server.js';
import { runCli } from '../helpers/cli.js';
import { startHungServer } from '../helpers/hung-server.js';
import { KEY } from '../helpers/polygon.js';
import { tempDir } from '../helpers/tmp.js';

test('a hung Polygon: collect gives up after its attempts with exit 6 and says what timed out and what to do', async (t) => {
  const hung = await startHungServer();
  t.after(() => hung.close());
  const cwd = tempDir(t);
  const env = {
    POLYGON_API_KEY: KEY,
    POLYGON_BASE_URL: hung.url,
    POLYGON_RATE_LIMIT: '0',
    ATS_HTTP_TIMEOUT_MS: '200',
    ATS_HTTP_ATTEMPTS: '3',
    ATS_HTTP_BACKOFF_MS: '5',
  };
  const r = await runCli(['collect', '--symbols', 'AAPL', '--asof', '2023-12-29'], { cwd, env, timeoutMs: 30_000 });
  assert.equal(r.code, 6, r.stderr);
  const last = r.stderr.trim().split('\n').at(-1) ?? '';
  assert.match(
    last,
    /^ats: Polygon daily aggregates for AAPL timed out: no answer within 200 ms after 3 attempts \(GET http:\/\/127\.0\.0\.1:\d+\/v2\/aggs\/ticker\/AAPL\/range\/1\/day\/[\d-]+\/2023-12-29\): check the network or POLYGON_BASE_URL; try again later$/,
  );
  assert.equal(hung.requests.length, 3);
  assert.match(r.stderr, /warning: Polygon daily aggregates for AAPL: no answer within 200 ms; retry 1 in/);
  assert.ok(!r.stderr.includes(KEY) && !r.stderr.includes('apiKey'), r.stderr);
});

test('a hung Polygon: ATS_HTTP_DEADLINE_MS ends the retries before their attempts run out', async (t) => {
  const hung = await startHungServer();
  t.after(() => hung.close());
  const cwd = tempDir(t);
  const env = {
    POLYGON_API_KEY: KEY,
    POLYGON_BASE_URL: hung.url,
    ATS_HTTP_TIMEOUT_MS: '200',
    ATS_HTTP_ATTEMPTS: '50',
    ATS_HTTP_BACKOFF_MS: '5',
    ATS_HTTP_DEADLINE_MS: '700',
  };
  const r = await runCli(['verify'], { cwd, env, timeoutMs: 30_000 });
  assert.equal(r.code, 6, r.stderr);
  assert.match(r.stderr, /Polygon market status timed out: .*another would pass the 700 ms deadline/);
  assert.ok(hung.requests.length >= 1 && hung.requests.length <= 3, `${hung.requests.length} requests`);
});

test('the free plan pause is announced: one info line with the wait, none before the quota is reached', async (t) => {
  const fake = await startFakePolygon({ apiKey: KEY });
  t.after(() => fake.close());
  let now = Date.UTC(2024, 0, 2, 15);
  const lines: string[] = [];
  const log: Logger = {
    info: (m) => lines.push(`info: ${m}`),
    warn: (m) => lines.push(`warn: ${m}`),
    debug: () => {},
    error: (m) => lines.push(`error: ${m}`),
  };
  const source = await PolygonSource.create({
    apiKey: KEY,
    baseUrl: fake.url,
    rateLimit: 5,
    log,
    limiterClock: {
      now: () => now,
      sleep: (ms) => {
        now += ms; // a fake minute: the test does not wait for the quota
        return Promise.resolve();
      },
    },
  });
  const symbols = ['AAPL', 'AMZN', 'GOOGL', 'META', 'MSFT', 'NVDA', 'TSLA'];
  for (const [i, s] of symbols.entries()) {
    await source.previousClose(s);
    if (i < 5) assert.deepEqual(lines, [], `after request ${i + 1}`);
  }
  assert.deepEqual(lines, [
    'info: rate limit: 5 requests/minute reached, waiting 60 s (POLYGON_RATE_LIMIT=0 for paid plans)',
  ]);
  assert.equal(fake.requests.length, 7);
});
