import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

test('train --models with an unknown model type: one line, exit 2, nothing written', async (t) => {
  const cwd = tempDir(t);
  const r = await runCli(['train', '--symbols', 'AAPL', '--models', 'gbdt,forest'], { cwd });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr.trim(), /^.*unknown model type "forest": use gbdt, rf, mlp, logistic$/);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  assert.ok(!existsSync(join(cwd, 'data')), 'no store, model or report written');
});

test('train --models on the sample prints every candidate, the promotion decision and the roles', async (t) => {
  const cwd = tempDir(t);
  const symbols = 'AAPL,MSFT,NVDA';
  const collect = await runCli(['collect', '--symbols', symbols, '--days', '2800', '--asof', '2023-12-29', '--quiet'], {
    cwd,
  });
  assert.equal(collect.code, 0, collect.stderr);
  const args = [
    'train',
    '--symbols',
    symbols,
    '--models',
    'logistic,rf',
    '--folds',
    '2',
    '--target',
    'cross-sectional',
  ];
  const r = await runCli([...args, '--horizon', '5'], { cwd });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /target: return beats the symbols' median by more than 0\.00 % after 5 session\(s\)/);
  assert.match(r.stdout, /AUC +log loss +Brier +ECE +return +Sharpe +B&H Sharpe +max DD +turnover +decision/);
  assert.match(r.stdout, /buy-and-hold of the same symbols over the same sessions, after the same costs: return -?\d/);
  assert.match(r.stdout, /the same evidence the model gate of daily --trade judges/);
  assert.match(r.stdout, /no champion yet: it becomes the champion/);
  const list = await runCli(['train', 'list'], { cwd });
  assert.match(list.stdout, /champion +m-/);
  assert.match(list.stdout, /challenger +m-/);
  assert.match(list.stdout, /OOS Sharpe +B&H Sharpe/);
  const id = /champion +(m-\S+)/.exec(list.stdout)![1]!;
  const show = await runCli(['train', 'show', id], { cwd });
  assert.equal(show.code, 0, show.stderr);
  assert.match(show.stdout, /Brier +0\.\d+ +log loss/);
  assert.match(
    show.stdout,
    /evidence +out of sample \d{4}-\d\d-\d\d\.\.\d{4}-\d\d-\d\d, 2 walk-forward windows, AUC 0\.\d+/,
  );
  assert.match(show.stdout, /walk-forward: return -?\d+\.\d %, Sharpe/);
  assert.match(show.stdout, /buy-and-hold: return -?\d+\.\d %, Sharpe -?\d\.\d+ \((not )?beaten\)/);
  assert.match(show.stdout, /window +train +test +AUC/);
});
