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
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

async function firstBarsCommitted(path: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (existsSync(path)) {
      try {
        const db = new Database(path, { readonly: true, fileMustExist: true });
        try {
          const row = db.prepare('SELECT COUNT(*) AS n FROM bars').get() as { n: number };
          if (row.n > 0) return;
        } finally {
          db.close();
        }
      } catch {
        // the store is being created: not ready yet
      }
    }
    if (Date.now() > deadline) throw new Error('no bar was committed in time');
    await sleep(20);
  }
}

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
  // Kill as soon as the first year-sized chunk is committed (observed in the store, never a fixed sleep).
  await firstBarsCommitted(join(cwd, 'data', 'ats.db'), 60_000);
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
  assert.equal(JSON.parse(rerun.stdout).added, bars.length - partialCount);
  const store = openStore(join(cwd, 'data', 'ats.db'));
  t.after(() => store.close());
  const ts = loadBars(store, 'AAPL', '1d').map((b) => b.ts);
  assert.deepEqual(ts, sessionsBetween('2015-01-02', '2022-12-30').map(nyMidnight));
  const dupes = store.db
    .prepare('SELECT COUNT(*) AS n FROM (SELECT ts FROM bars GROUP BY symbol, timeframe, ts HAVING COUNT(*) > 1)')
    .get() as { n: number };
  assert.equal(dupes.n, 0);
});
