/** ats portfolio --stream: live PnL as streamed prices arrive, one JSON line per update, a clean stop. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { LiveUpdate } from '../../src/lib/portfolio/live.js';
import { startFakePolygon } from '../fakes/polygon-server.js';
import { KEY } from '../helpers/polygon.js';
import { tempDir } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';

const BIN = join(process.cwd(), 'bin', 'ats.js');

test('ats portfolio --stream --json: one line per price update with the position revalued; SIGINT exits 0', async (t) => {
  const cwd = tempDir(t);
  const env = { PATH: process.env.PATH ?? '', HOME: cwd };
  const ats = (...args: string[]) =>
    spawnSync(process.execPath, [BIN, ...args, '--quiet'], { cwd, env, encoding: 'utf8' });
  assert.equal(ats('collect', '--symbols', 'AAPL,MSFT', '--days', '30').status, 0);
  assert.equal(ats('broker', 'buy', 'AAPL', '5').status, 0);
  assert.equal(ats('broker', 'buy', 'MSFT', '2').status, 0);
  const before = JSON.parse(ats('portfolio', 'show', '--json').stdout) as {
    rows: Array<{ symbol: string; avgCost: number; last: number }>;
    totals: { unrealizedPnl: number };
  };
  const aapl = before.rows.find((r) => r.symbol === 'AAPL')!;
  const msft = before.rows.find((r) => r.symbol === 'MSFT')!;
  const fake = await startFakePolygon({ apiKey: KEY });
  t.after(() => fake.close());
  const child = spawn(process.execPath, [BIN, 'portfolio', '--stream', '--json'], {
    cwd,
    env: { ...env, POLYGON_API_KEY: KEY, POLYGON_WS_URL: `${fake.wsUrl}/delayed` },
  });
  t.after(() => child.kill('SIGKILL'));
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b) => (stdout += b));
  child.stderr.on('data', (b) => (stderr += b));
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
  await fake.ws.waitForSubscription('T.MSFT');
  const lines = (): LiveUpdate[] =>
    stdout
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as LiveUpdate);
  const price = +(aapl.avgCost + 3).toFixed(2);
  fake.ws.push([{ ev: 'T', sym: 'AAPL', i: '1', x: 4, p: price, s: 10, t: Date.now(), q: 1 }]);
  await waitFor(() => lines().length === 1, { what: 'the first update', describe: () => stderr });
  // a quote (midpoint) for MSFT, which has no streamed trade yet
  fake.ws.push([{ ev: 'Q', sym: 'MSFT', bx: 4, bp: 300, bs: 1, ax: 4, ap: 300.1, as: 1, t: Date.now(), q: 2 }]);
  await waitFor(() => lines().length === 2, { what: 'the second update', describe: () => stderr });
  child.kill('SIGINT');
  assert.equal(await exited, 0, stderr);
  const [a, m] = lines();
  assert.equal(a!.symbol, 'AAPL');
  assert.equal(a!.source, 'trade');
  assert.equal(a!.position.last, price);
  assert.ok(Math.abs(a!.position.unrealizedPnl - (price - aapl.avgCost) * 5) < 1e-9);
  assert.equal(m!.source, 'quote');
  assert.equal(m!.position.last, 300.05);
  // both live prices in the totals: (price − avg) × 5 + (300.05 − avg) × 2
  const expected = (price - aapl.avgCost) * 5 + (300.05 - msft.avgCost) * 2;
  assert.ok(Math.abs(m!.totals.unrealizedPnl - expected) < 1e-6, `${m!.totals.unrealizedPnl} vs ${expected}`);
  assert.equal(lines().length, 2, 'nothing but the updates on stdout');
});
