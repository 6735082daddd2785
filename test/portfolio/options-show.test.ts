/**
 * `ats portfolio show` groups a paper iron condor's four legs into one position with net greeks (the order is
 * placed through the paper broker's library API on the CLI's store, as of the CLI's --asof clock).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { openPaperCondor } from '../helpers/paper-condor.js';

test('portfolio show (text and --json) lists the iron condor as one grouped position with net greeks', async (t) => {
  const dir = tempDir(t, 'ats-optshow-');
  await openPaperCondor(join(dir, 'data', 'ats.db'));
  const env = { ATS_ASOF: '2025-04-15' };
  const json = await runCli(['portfolio', 'show', '--json'], { cwd: dir, env });
  assert.equal(json.code, 0, json.stderr);
  const out = JSON.parse(json.stdout) as {
    options: Array<{
      strategy: string;
      units: number;
      daysToExpiry: number;
      premium: number;
      legs: unknown[];
      greeks: { delta: number };
    }>;
  };
  assert.deepEqual(
    out.options.map((g) => [g.strategy, g.units, g.daysToExpiry, Math.round(g.premium * 100) / 100, g.legs.length]),
    [['iron_condor', 1, 31, 62, 4]],
  );
  assert.ok(Number.isFinite(out.options[0]!.greeks.delta));
  const text = await runCli(['portfolio', 'show'], { cwd: dir, env });
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /options positions \(legs grouped by strategy\)/);
  assert.match(text.stdout, /iron_condor\s+SPY\s+2025-05-16\s+31\s+1\s+\+1 P90 -1 P95 -1 C105 \+1 C110\s+62\.00/);
});

test('ats evaluator --options closes the condor at half its max profit (one mleg order)', async (t) => {
  const dir = tempDir(t, 'ats-opteval-');
  await openPaperCondor(join(dir, 'data', 'ats.db'));
  // 25 Apr: PnL 21.19 of a 62 max profit: held.
  const held = await runCli(['evaluator', '--options', '--json'], { cwd: dir, env: { ATS_ASOF: '2025-04-25' } });
  assert.equal(held.code, 0, held.stderr);
  assert.deepEqual(
    (JSON.parse(held.stdout) as Array<{ symbol: string; action: string }>).map((r) => [r.symbol, r.action]),
    [['iron_condor SPY 2025-05-16', 'hold']],
  );
  // 28 Apr: PnL 36.96 ≥ 31: closed by the take-profit rule (setting optionTakeProfit, default 0.5).
  const env = { ATS_ASOF: '2025-04-28' };
  const closed = await runCli(['evaluator', '--options', '--json'], { cwd: dir, env });
  assert.equal(closed.code, 0, closed.stderr);
  const [row] = JSON.parse(closed.stdout) as Array<{ action: string; reason: string }>;
  assert.equal(row!.action, 'close');
  assert.match(row!.reason, /^take-profit: iron_condor SPY 2025-05-16 made 36\.96, ≥ 0\.5 × max profit 62\.00/);
  const after = await runCli(['portfolio', 'show', '--json'], { cwd: dir, env });
  assert.equal((JSON.parse(after.stdout) as { options?: unknown[] }).options, undefined);
});

test('ats evaluator without --options applies no option rule: the condor stays', async (t) => {
  const dir = tempDir(t, 'ats-opteval2-');
  await openPaperCondor(join(dir, 'data', 'ats.db'));
  const env = { ATS_ASOF: '2025-04-28' };
  const r = await runCli(['evaluator', '--take-profit', '1%', '--json'], { cwd: dir, env });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), []);
  const show = await runCli(['portfolio', 'show', '--json'], { cwd: dir, env });
  assert.equal((JSON.parse(show.stdout) as { options: unknown[] }).options.length, 1);
});
