import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../src/lib/store/open.js';
import { listStudies, listTrials } from '../../src/lib/store/tune-trials.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';
import { storePlanted } from '../train/planted.js';

for (const [args, message] of [
  [['--model', 'forest'], /^ats: unknown model type "forest": use gbdt, rf, mlp, logistic$/],
  [['--trials', '0'], /^ats: --trials must be a positive whole number, got "0"$/],
  [['--budget', '0'], /^ats: --budget must be a decimal number above 0, got "0"$/],
] as const) {
  test(`tune ${args.join(' ')}: one line, exit 2, nothing written`, async (t) => {
    const cwd = tempDir(t);
    const r = await runCli(['tune', '--symbols', 'AAPL', ...args], { cwd });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr.trim(), message);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.ok(!existsSync(join(cwd, 'data')), 'no store or report written');
  });
}

test('tune is resumable: killed after its first finished trials, a re-run continues and never scores one twice', async (t) => {
  const cwd = tempDir(t);
  const db = join(cwd, 'data', 'ats.db');
  const store = openStore(db);
  t.after(() => store.close());
  storePlanted(store, ['AAA', 'BBB', 'CCC'], 700, 300);
  const args = [
    'tune',
    '--symbols',
    'AAA,BBB,CCC',
    '--model',
    'gbdt',
    '--trials',
    '18',
    '--folds',
    '6',
    '--workers',
    '2',
  ];
  const bin = join(process.cwd(), 'bin', 'ats.js');
  const child = spawn(process.execPath, [bin, ...args], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd } });
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  t.after(() => child.kill('SIGKILL'));
  const studyTrials = () => listStudies(store)[0]?.trials ?? 0;
  await waitFor(() => studyTrials() >= 2, {
    what: 'two finished trials in the store',
    describe: () => `${studyTrials()}`,
  });
  child.kill('SIGKILL');
  await exited;
  const study = listStudies(store)[0]!.study;
  const before = listTrials(store, study);
  // 18 on 2 folds, then the best 6 on 6 folds
  assert.ok(before.length < 24, `the study should not have finished (${before.length} rows)`);

  const r = await runCli([...args, '--json'], { cwd });
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { study: string; resumed: number; scored: number; complete: boolean };
  assert.equal(out.study, study);
  assert.equal(out.resumed, before.length);
  assert.equal(out.scored, 24 - before.length);
  assert.ok(out.complete);
  const after = listTrials(store, study);
  assert.equal(after.length, 24);
  assert.equal(new Set(after.map((x) => `${x.trial}:${x.rung}`)).size, 24);
  for (const b of before) {
    const same = after.find((x) => x.trial === b.trial && x.rung === b.rung);
    assert.equal(same?.finishedAt, b.finishedAt, `trial ${b.trial} rung ${b.rung} was not scored again`);
  }
  // one line per rung on a non-terminal stderr
  assert.match(r.stderr, /rung 1\/2 \(2 folds\): 18\/18 trials, best AUC 0\.\d{3} \(trial \d+\)/);
  assert.match(r.stderr, /rung 2\/2 \(6 folds\): 6\/6 trials/);
  const text = await runCli(args, { cwd });
  assert.match(text.stdout, /resumed: 24 finished evaluation\(s\) reused from the store, 0 scored now/);
  assert.match(text.stdout, /best: trial \d+, AUC 0\.\d{3} on all 6 folds: trees=\d+ depth=\d/);
});
