/**
 * `ats verify` keeps each failure's own exit code (README "Exit codes"): temporary provider trouble is 6,
 * a damaged or read-only store is 4, a rejected key or a plan limit is 3. And it checks the broker.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { startFakePolygon, type Fault } from '../fakes/polygon-server.js';
import { startFakeAlpaca, type AlpacaFault } from '../fakes/alpaca-server.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { startHungServer } from '../helpers/hung-server.js';
import { KEY } from '../helpers/polygon.js';
import { tempDir } from '../helpers/tmp.js';

const FAST = { POLYGON_RATE_LIMIT: '0', ATS_HTTP_ATTEMPTS: '2', ATS_HTTP_BACKOFF_MS: '5', ATS_HTTP_TIMEOUT_MS: '200' };

async function verifyAgainstPolygon(
  t: { after: (fn: () => void | Promise<void>) => void },
  opts: { faults?: Fault[]; forbidden?: string[]; env?: Record<string, string> } = {},
): Promise<CliResult> {
  const fake = await startFakePolygon({ apiKey: KEY, plan: { forbidden: opts.forbidden ?? [] } });
  t.after(() => fake.close());
  for (const f of opts.faults ?? []) fake.inject(f);
  const cwd = tempDir(t);
  const env = { POLYGON_API_KEY: KEY, POLYGON_BASE_URL: fake.url, ...FAST, ...opts.env };
  return runCli(['verify'], { cwd, env });
}

const POLYGON_CASES: Array<{
  name: string;
  faults?: Fault[];
  forbidden?: string[];
  env?: Record<string, string>;
  code: number;
  message: RegExp;
}> = [
  { name: 'refused connection', env: { POLYGON_BASE_URL: 'http://127.0.0.1:9' }, code: 6, message: /ECONNREFUSED/ },
  { name: '429 on every attempt', faults: [{ kind: '429', times: 5 }], code: 6, message: /HTTP 429 after 2 attempts/ },
  { name: '500 on every attempt', faults: [{ kind: '500', times: 5 }], code: 6, message: /HTTP 500 after 2 attempts/ },
  { name: 'rejected key', env: { POLYGON_API_KEY: 'not-the-key-000' }, code: 3, message: /HTTP 401/ },
  {
    name: 'plan lacks the endpoint',
    forbidden: ['/v1/marketstatus'],
    code: 3,
    message: /plan does not include market status/,
  },
];

for (const c of POLYGON_CASES) {
  test(`verify, Polygon ${c.name} → exit ${c.code}`, async (t) => {
    const r = await verifyAgainstPolygon(t, c);
    assert.equal(r.code, c.code, r.stderr);
    assert.match(r.stdout, /^FAIL polygon/m);
    assert.match(r.stderr, c.message);
    assert.ok(!r.stderr.includes(KEY) && !r.stdout.includes(KEY));
  });
}

test('verify, Polygon hangs → exit 6 naming the timeout', async (t) => {
  const hung = await startHungServer();
  t.after(() => hung.close());
  const r = await runCli(['verify'], {
    cwd: tempDir(t),
    env: { POLYGON_API_KEY: KEY, POLYGON_BASE_URL: hung.url, ...FAST },
  });
  assert.equal(r.code, 6, r.stderr);
  assert.match(r.stderr, /Polygon market status timed out: no answer within 200 ms/);
});

test('verify, read-only store → exit 4', async (t) => {
  const cwd = tempDir(t);
  const made = await runCli(['verify'], { cwd });
  assert.equal(made.code, 0, made.stderr);
  chmodSync(join(cwd, 'data', 'ats.db'), 0o444);
  // root ignores file modes: run as "nobody", for whom the file really is read-only
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  if (process.getuid?.() === 0) {
    chmodSync(cwd, 0o755);
    chmodSync(join(cwd, 'data'), 0o755);
  }
  const r = await runCli(['verify'], { cwd, ...asNobody });
  assert.equal(r.code, 4, r.stderr);
  assert.match(r.stderr, /read-only/);
});

async function verifyAgainstAlpaca(
  t: { after: (fn: () => void | Promise<void>) => void },
  opts: { faults?: AlpacaFault[]; env?: Record<string, string> } = {},
) {
  const fake = await startFakeAlpaca();
  t.after(() => fake.close());
  for (const f of opts.faults ?? []) fake.inject(f);
  const cwd = tempDir(t);
  const env = {
    APCA_API_KEY_ID: fake.keyId,
    APCA_API_SECRET_KEY: fake.secretKey,
    APCA_API_BASE_URL: fake.url,
    ...opts.env,
  };
  const r = await runCli(['verify'], { cwd, env });
  return { r, fake, secret: fake.secretKey };
}

test('verify with Alpaca keys makes one authenticated account call', async (t) => {
  const { r, fake, secret } = await verifyAgainstAlpaca(t);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^ok {3}broker {3}Alpaca account reachable, keys accepted/m);
  assert.deepEqual(
    fake.requests.map((q) => `${q.method} ${q.path}`),
    ['GET /v2/account'],
  );
  assert.ok(!r.stdout.includes(secret) && !r.stderr.includes(secret));
});

test('verify, Alpaca rejects the keys → exit 3', async (t) => {
  const { r } = await verifyAgainstAlpaca(t, { env: { APCA_API_SECRET_KEY: 'wrong-secret-000' } });
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /Alpaca rejected the API keys during account \(HTTP 401/);
  assert.ok(!r.stderr.includes('wrong-secret-000'));
});

test('verify, Alpaca hangs → exit 6 naming what timed out, after how long, and what to do', async (t) => {
  const { r } = await verifyAgainstAlpaca(t, {
    faults: [{ kind: 'timeout', match: 'GET /v2/account' }],
    env: { ATS_BROKER_TIMEOUT_MS: '200' },
  });
  assert.equal(r.code, 6, r.stderr);
  assert.match(
    r.stderr,
    /Alpaca account timed out: no answer within 200 ms \(GET http:\/\/127\.0\.0\.1:\d+\/v2\/account\): check the network or APCA_API_BASE_URL; try again later/,
  );
});

test('verify, Alpaca answers 503 → exit 6', async (t) => {
  const { r } = await verifyAgainstAlpaca(t, { faults: [{ kind: '503', match: 'GET /v2/account' }] });
  assert.equal(r.code, 6, r.stderr);
  assert.match(r.stderr, /Alpaca account failed: HTTP 503/);
});
