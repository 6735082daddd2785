import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakePolygon } from '../fakes/polygon-server.js';
import { runCli } from '../helpers/cli.js';
import { fakeBars, KEY } from '../helpers/polygon.js';
import { tempDir } from '../helpers/tmp.js';
import type { CollectReport } from '../../src/lib/collect/collect-symbols.js';

async function rig(t: { after: (fn: () => Promise<void>) => void }, forbidden: string[] = []) {
  const bars = { AAPL: fakeBars('2023-01-03', '2023-12-29', 1), MSFT: fakeBars('2023-01-03', '2023-12-29', 2) };
  const fake = await startFakePolygon({ apiKey: KEY, bars: (s) => bars[s as 'AAPL'] ?? [], plan: { forbidden } });
  t.after(() => fake.close());
  const env = {
    POLYGON_API_KEY: KEY,
    POLYGON_BASE_URL: fake.url,
    POLYGON_RATE_LIMIT: '0',
    ATS_HTTP_ATTEMPTS: '2',
    ATS_HTTP_BACKOFF_MS: '5',
  };
  return { fake, env };
}

test('collect through the CLI against the fake Polygon: output, rerun, and no key anywhere', async (t) => {
  const { fake, env } = await rig(t);
  const cwd = tempDir(t);
  const first = await runCli(
    [
      'collect',
      '--symbols',
      'AAPL,MSFT',
      '--days',
      '30',
      '--asof',
      '2023-12-29',
      '--fundamentals',
      '--quotes',
      '--options',
      '--minute',
      '-v',
    ],
    { cwd, env },
  );
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /AAPL\s+new\s+30/);
  const again = await runCli(['collect', '--symbols', 'AAPL,MSFT', '--days', '30', '--asof', '2023-12-29', '--json'], {
    cwd,
    env,
  });
  const report = JSON.parse(again.stdout) as CollectReport;
  assert.equal(
    report.symbols.every((s) => s.newBars === 0),
    true,
  );
  const verify = await runCli(['verify'], { cwd, env });
  assert.equal(verify.code, 0, verify.stderr);
  for (const out of [first.stdout, first.stderr, again.stdout, again.stderr, verify.stdout, verify.stderr])
    assert.ok(!out.includes(KEY));
  const db = readFileSync(join(cwd, 'data', 'ats.db'));
  assert.ok(!db.includes(Buffer.from(KEY)), 'the key is not saved in the store');
  assert.ok(fake.requests.length > 0);
});

const CASES = [
  {
    name: 'bad key',
    env: { POLYGON_API_KEY: 'not-the-key-000' },
    args: ['collect', '--symbols', 'AAPL', '--asof', '2023-12-29'],
    code: 3,
    message: /HTTP 401/,
  },
  {
    name: 'plan-limited endpoint',
    forbidden: ['/v3/snapshot/options'],
    args: ['collect', '--symbols', 'AAPL', '--options', '--asof', '2023-12-29'],
    code: 3,
    message: /plan does not include option chain snapshot for AAPL/,
  },
  {
    name: 'unreachable server',
    env: { POLYGON_BASE_URL: 'http://127.0.0.1:9' },
    args: ['collect', '--symbols', 'AAPL', '--asof', '2023-12-29'],
    code: 6,
    message: /Polygon daily aggregates for AAPL/,
  },
  {
    name: 'verify with a bad key',
    env: { POLYGON_API_KEY: 'not-the-key-000' },
    args: ['verify'],
    code: 3,
    message: /401/,
  },
];

for (const c of CASES) {
  test(`CLI bad input against Polygon: ${c.name} → exit ${c.code}, key never printed`, async (t) => {
    const { env } = await rig(t, c.forbidden);
    const cwd = tempDir(t);
    const r = await runCli(c.args, { cwd, env: { ...env, ...c.env } });
    assert.equal(r.code, c.code, r.stderr);
    assert.match(r.stderr, c.message);
    assert.ok(!r.stderr.includes(KEY) && !r.stdout.includes(KEY) && !r.stderr.includes('not-the-key-000'));
  });
}

test('read-only database: one-line DataError, exit 4, rows intact', async (t) => {
  const { env } = await rig(t);
  const cwd = tempDir(t);
  const ok = await runCli(['collect', '--symbols', 'AAPL', '--days', '5', '--asof', '2023-12-29'], { cwd, env });
  assert.equal(ok.code, 0, ok.stderr);
  const file = join(cwd, 'data', 'ats.db');
  const before = readFileSync(file);
  chmodSync(file, 0o444);
  // root ignores file modes, so as root the CLI runs as "nobody", for whom the file really is read-only
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  if (process.getuid?.() === 0) {
    chmodSync(cwd, 0o755);
    chmodSync(join(cwd, 'data'), 0o755);
  }
  const r = await runCli(['collect', '--symbols', 'AAPL', '--days', '10', '--asof', '2023-12-29'], {
    cwd,
    env,
    ...asNobody,
  });
  assert.equal(r.code, 4, r.stderr);
  assert.match(r.stderr, /read-only/);
  assert.deepEqual(readFileSync(file), before);
});
