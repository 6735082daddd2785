/**
 * The dashboard's store-backed panels on a sample store with a paper option spread: option positions grouped with
 * DTE and greeks, the regime with the model gate, the schedule, and the risk and performance JSON shapes of the
 * commands (`ats risk report --json`, `ats portfolio performance --json`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { fillStore, SESSION, startServe } from './serve-helper.js';

test('serve panels: a paper bull put spread grouped with DTE and net greeks; regime, gate, risk and schedule', async (t) => {
  const cwd = tempDir(t);
  fillStore(cwd);
  const env = { ATS_ASOF: SESSION };
  const spread = ['broker', 'strategy', 'bull_put_spread', '--symbol', 'AAPL', '--expiry', '2024-01-19'];
  const placed = await runCli([...spread, '--strikes', '180,185', '--market'], { cwd, env });
  assert.equal(placed.code, 0, placed.stderr);
  const serve = await startServe(cwd, []);
  t.after(() => serve.stop());
  const api = async <T>(id: string): Promise<T> => {
    const res = await fetch(`${serve.url}/api/${id}`);
    assert.equal(res.status, 200, id);
    return (await res.json()) as T;
  };

  type Options = {
    groups: Array<{ strategy: string; daysToExpiry: number; legs: unknown[]; greeks: { delta: number } }>;
  };
  const [group] = (await api<Options>('options')).groups;
  assert.ok(group, 'the spread is grouped');
  assert.equal(group.strategy, 'bull_put_spread');
  // 2023-12-29 → 2024-01-19: 2 days of December + 19 of January.
  assert.equal(group.daysToExpiry, 21);
  assert.equal(group.legs.length, 2);
  assert.ok(group.greeks.delta > 0, 'a bull put spread is long delta');
  const page = await (await fetch(`${serve.url}/panel/options`)).text();
  assert.match(page, /bull_put_spread/);
  assert.match(page, /<td>21<\/td>/);

  type Regime = { latest: { session: string; trend: string } | null; gate: { passed: boolean; reasons: string[] } };
  const regime = await api<Regime>('regime');
  assert.equal(regime.latest?.session, SESSION);
  assert.ok(regime.gate.passed || regime.gate.reasons.length > 0, 'a closed gate says why');
  assert.match(await (await fetch(`${serve.url}/panel/regime`)).text(), /orders step: /);

  const risk = await api<{ asOf: string; var: Array<{ confidence: number }>; correlation: { symbols: string[] } }>(
    'risk',
  );
  assert.equal(risk.asOf, SESSION);
  assert.deepEqual(
    risk.var.map((v) => v.confidence),
    [0.95, 0.99],
  );
  const cli = await runCli(['risk', 'report', '--json'], { cwd, env });
  assert.equal(cli.code, 0, cli.stderr);
  assert.deepEqual(risk, JSON.parse(cli.stdout), 'the same report as `ats risk report --json`');

  const schedule = await api<{ paused: boolean; nextRun: { ny: string } }>('schedule');
  assert.equal(schedule.paused, false);
  assert.match(schedule.nextRun.ny, /America\/New_York/);
  assert.ok('empty' in (await api<object>('performance')), 'one session: too short a record, said as such');
});
