import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startFakePolygon } from '../fakes/polygon-server.js';
import { openStore } from '../../src/lib/store/open.js';
import { loadBars } from '../../src/lib/store/bars.js';
import { BACKFILL_CHUNK_SESSIONS } from '../../src/lib/collect/backfill.js';
import { sessionsBetween } from '../../src/lib/market/calendar.js';
import { nyMidnight } from '../../src/lib/time.js';
import { runCli } from '../helpers/cli.js';
import { fakeBars, KEY } from '../helpers/polygon.js';
import { tempDir } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';

test('backfill killed with SIGKILL mid-way, then rerun: no gap, no duplicate', async (t) => {
  const cwd = tempDir(t);
  const bars = fakeBars('2015-01-02', '2022-12-30', 3);
  const fake = await startFakePolygon({ apiKey: KEY, bars: (s) => (s === 'AAPL' ? bars : []) });
  t.after(() => fake.close());
  // Chunks are fetched one after the other, each committed before the next request: the first two
  // year-sized requests are answered, the third is never answered, so the child is stopped mid-way with
  // exactly two chunks in the store, however slow the machine.
  fake.inject({ kind: 'hang', match: '/v2/aggs', after: 2, times: 1000 });
  const env = { POLYGON_API_KEY: KEY, POLYGON_BASE_URL: fake.url, POLYGON_RATE_LIMIT: '0' };
  const child = spawn(
    process.execPath,
    [join(process.cwd(), 'bin', 'ats.js'), 'backfill', 'AAPL', '2015-01-01', '2022-12-31'],
    { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const closed = new Promise((r) => child.once('close', r));
  t.after(() => child.kill('SIGKILL'));
  await waitFor(() => fake.barRequests() >= 3 || child.exitCode !== null, {
    what: 'the third bar request of the backfill',
    describe: () => `bar requests ${fake.barRequests()}; stderr: ${stderr}`,
  });
  assert.equal(child.exitCode, null, `the backfill is still waiting for its third chunk: ${stderr}`);
  child.kill('SIGKILL');
  await closed;
  const partial = openStore(join(cwd, 'data', 'ats.db'));
  const partialCount = loadBars(partial, 'AAPL', '1d').length;
  partial.close();
  assert.equal(partialCount, 2 * BACKFILL_CHUNK_SESSIONS, 'the kill landed after two committed chunks');
  assert.ok(partialCount < bars.length);

  fake.clearFaults();
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
