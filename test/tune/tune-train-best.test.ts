import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openStore } from '../../src/lib/store/open.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { storePlanted } from '../train/planted.js';

const ARGS = ['tune', '--symbols', 'AAA,BBB,CCC', '--model', 'logistic', '--trials', '6', '--folds', '6'];

function plantedDir(t: { after: (fn: () => void) => void }): string {
  const cwd = tempDir(t);
  const store = openStore(join(cwd, 'data', 'ats.db'));
  storePlanted(store, ['AAA', 'BBB', 'CCC'], 700, 300);
  store.close();
  return cwd;
}

test('tune --budget: a spent budget leaves the study unfinished; the same command without it finishes it', async (t) => {
  const cwd = plantedDir(t);
  // 0.0001 minutes: spent as soon as the first evaluations are handed out
  const first = await runCli([...ARGS, '--budget', '0.0001', '--json'], { cwd });
  assert.equal(first.code, 0, first.stderr);
  const a = JSON.parse(first.stdout) as { complete: boolean; scored: number; best: unknown };
  assert.equal(a.complete, false);
  assert.equal(a.best, null);
  assert.ok(a.scored < 8, `scored ${a.scored} of 8`);
  const second = await runCli([...ARGS, '--json'], { cwd });
  const b = JSON.parse(second.stdout) as { complete: boolean; scored: number; resumed: number };
  assert.equal(b.complete, true);
  assert.equal(b.resumed, a.scored);
  assert.equal(b.resumed + b.scored, 8);
});

test('tune --train-best trains the best configuration and enters it into the champion/challenger contest', async (t) => {
  const cwd = plantedDir(t);
  const r = await runCli([...ARGS, '--train-best'], { cwd });
  assert.equal(r.code, 0, r.stderr);
  const best = /best: trial (\d+), AUC (0\.\d{3}) on all 6 folds: l2=([\d.e-]+)/.exec(r.stdout);
  assert.ok(best, r.stdout);
  assert.match(r.stdout, /trained m-[\w-]+; promotion \(sharpe\):/);
  assert.match(r.stdout, /no champion yet: it becomes the champion/);
  const list = await runCli(['train', 'list', '--json'], { cwd });
  const models = JSON.parse(list.stdout) as Array<{ kind: string; params: Record<string, unknown> }>;
  assert.equal(models.length, 1);
  assert.equal(models[0]!.kind, 'logistic');
  assert.equal(models[0]!.params.l2, Number(best[3]));
});
