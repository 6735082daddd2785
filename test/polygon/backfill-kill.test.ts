import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startFakePolygon } from '../fakes/polygon-server.js';
import { openStore } from '../../src/lib/store/open.js';
import { loadBars } from '../../src/lib/store/bars.js';
import { sessionsBetween } from '../../src/lib/market/calendar.js';
import { nyMidnight } from '../../src/lib/time.js';
import { runCli } from '../helpers/cli.js';
import { fakeBars, KEY } from '../helpers/polygon.js';
import { tempDir } from '../helpers/tmp.js';

test('backfill killed with SIGKILL mid-way, then rerun: no gap, no duplicate', async (t) => {
  const cwd = tempDir(t);
  const bars = fakeBars('2015-01-02', '2022-12-30', 3);
  const fake = await startFakePolygon({ apiKey: KEY, bars: (s) => (s === 'AAPL' ? bars : []) });
  t.after(() => fake.close());
  // Every year-sized request is slow, so the kill lands between committed chunks.
  fake.inject({ kind: 'slow', delayMs: 400, times: 100, match: '/v2/aggs' });
  const env = { POLYGON_API_KEY: KEY, POLYGON_BASE_URL: fake.url, POLYGON_RATE_LIMIT: '0' };
  const child = spawn(
    process.execPath,
    [join(process.cwd(), 'bin', 'ats.js'), 'backfill', 'AAPL', '2015-01-01', '2022-12-31'],
    {
      cwd,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: 'ignore',
    },
  );
  await new Promise((r) => setTimeout(r, 1500));
  child.kill('SIGKILL');
  await new Promise((r) => child.once('close', r));
  const partial = openStore(join(cwd, 'data', 'ats.db'));
  const partialCount = loadBars(partial, 'AAPL', '1d').length;
  partial.close();
  assert.ok(
    partialCount > 0 && partialCount < bars.length,
    `the kill landed mid-way (${partialCount} of ${bars.length})`,
  );

  const rerun = await runCli(['backfill', 'AAPL', '2015-01-01', '2022-12-31', '--json'], { cwd, env: { ...env } });
  assert.equal(rerun.code, 0, rerun.stderr);
  assert.equal((JSON.parse(rerun.stdout) as { added: number }).added, bars.length - partialCount);
  const store = openStore(join(cwd, 'data', 'ats.db'));
  t.after(() => store.close());
  const ts = loadBars(store, 'AAPL', '1d').map((b) => b.ts);
  assert.deepEqual(ts, sessionsBetween('2015-01-02', '2022-12-30').map(nyMidnight));
  const dupes = store.db
    .prepare('SELECT COUNT(*) AS n FROM (SELECT ts FROM bars GROUP BY symbol, timeframe, ts HAVING COUNT(*) > 1)')
    .get() as { n: number };
  assert.equal(dupes.n, 0);
});
