/** End to end through the built CLI (needs registerTrain and registerPlaybook in src/commands/register.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { featureNames } from '../../src/lib/features/matrix.js';

const SYMBOLS = 'AAPL,MSFT,NVDA';
const SMALL = ['--trees', '20', '--depth', '3', '--min-leaf', '20', '--folds', '3', '--horizon', '2'];

/** What these tests read of `train --json`, `train list --json` and `playbook --json`. */
interface TrainJson {
  id: string;
  activated: boolean;
  metrics: { cv: { folds: unknown[] } };
}
type ModelListJson = Array<{ id: string; active: boolean }>;
interface PlaybookJson {
  modelId: string;
  session: string;
  rows: unknown[];
}

test('ats train → list → show → activate → playbook → import, with --json and text output', async (t) => {
  const cwd = tempDir(t);
  const collect = await runCli(['collect', '--symbols', SYMBOLS, '--days', '2800', '--asof', '2023-12-29', '--quiet'], {
    cwd,
  });
  assert.equal(collect.code, 0, collect.stderr);

  const first = await runCli(['train', '--symbols', SYMBOLS, ...SMALL, '--json'], { cwd });
  assert.equal(first.code, 0, first.stderr);
  const a = JSON.parse(first.stdout) as TrainJson;
  assert.match(a.id, /^m-\d{8}-\d{6}-[0-9a-f]{6}$/);
  assert.equal(a.activated, true);
  assert.equal(a.metrics.cv.folds.length, 3);
  assert.ok(existsSync(join(cwd, 'data', 'ats-models', `${a.id}.onnx`)));
  assert.ok(existsSync(join(cwd, 'data', 'ats-reports', 'dashboard.html')));

  const second = await runCli(['train', '--symbols', SYMBOLS, ...SMALL, '--model', 'logistic', '--no-activate'], {
    cwd,
  });
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /walk-forward CV \(3 folds, purge gap 2 session\(s\)\):\n {2}AUC 0\.\d{3} ± 0\.\d{3}/);
  assert.match(second.stdout, /registered, not activated/);
  const bId = /^model (m-\S+) \(logistic\)/.exec(second.stdout)![1]!;

  const list = JSON.parse((await runCli(['train', 'list', '--json'], { cwd })).stdout) as ModelListJson;
  assert.deepEqual(
    list.map((m) => [m.id, m.active]),
    [
      [a.id, true],
      [bId, false],
    ],
  );
  const shown = await runCli(['train', 'show', bId], { cwd });
  assert.match(shown.stdout, new RegExp(`model ${bId}\\nkind      logistic`));
  const act = await runCli(['train', 'activate', bId], { cwd });
  assert.equal(act.stdout.trim(), `model ${bId} is now the active model`);

  const pb = await runCli(['playbook', '--top', '2', '--json'], { cwd });
  assert.equal(pb.code, 0, pb.stderr);
  const book = JSON.parse(pb.stdout) as PlaybookJson;
  assert.equal(book.modelId, bId);
  assert.equal(book.session, '2023-12-29');
  assert.equal(book.rows.length, 2);
  const text = await runCli(['playbook', '--symbols', SYMBOLS, '--model', a.id], { cwd });
  assert.match(text.stdout, /^playbook for 2023-12-29 \(model m-/);
  assert.match(text.stdout, /rank\s+symbol\s+probability\s+side\s+momentum 20d\s+RSI 14\s+ATR %\s+close/);
  assert.equal(
    readFileSync(join(cwd, 'data', 'ats-reports', 'playbook-2023-12-29.csv'), 'utf8')
      .trim()
      .split('\n').length,
    4,
  );

  const imported = await runCli(
    ['train', 'import', join(cwd, 'data', 'ats-models', `${a.id}.onnx`), '--features', 'ret_1', '--id', 'mine'],
    { cwd },
  );
  assert.equal(imported.code, 4);
  assert.match(imported.stderr, new RegExp(`^ats: .*takes ${featureNames().length} features, expected 1\n$`));
  const scoreboard = readFileSync(join(cwd, 'data', 'ats-reports', 'scoreboard.csv'), 'utf8')
    .trim()
    .split('\n');
  assert.equal(scoreboard.length, 3);
});

test('ats --help lists train and playbook; bad flags exit 2 with one line', async (t) => {
  const cwd = tempDir(t);
  const help = await runCli(['--help'], { cwd });
  assert.match(help.stdout, /\n {2}train \[options\]/);
  assert.match(help.stdout, /\n {2}playbook \[options\]/);
  const trainHelp = await runCli(['train', '--help'], { cwd });
  for (const cmd of ['list', 'show', 'activate', 'import']) assert.match(trainHelp.stdout, new RegExp(`\\n  ${cmd}`));
  const folds = await runCli(['train', '--symbols', 'AAPL', '--folds', '1'], { cwd });
  assert.equal(folds.code, 2);
  assert.match(folds.stderr, /--folds must be a whole number of at least 2, got "1"/);
  const horizon = await runCli(['train', '--symbols', 'AAPL', '--horizon', '0'], { cwd });
  assert.equal(horizon.code, 2);
  const none = await runCli(['playbook', '--symbols', 'AAPL'], { cwd });
  assert.equal(none.code, 4);
  assert.match(none.stderr, /no active model: run ats train/);
});
