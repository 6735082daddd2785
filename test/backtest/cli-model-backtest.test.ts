import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const SAMPLE = 'AAPL,AMZN,GOOGL,META,MSFT,NVDA,TSLA';

interface BacktestJson {
  id: string;
  inSample?: boolean;
  warning?: string | null;
  windows: Array<{ window: number; from: string; to: string; model: string; trainFrom: string; trainTo: string }>;
  benchmarks: Array<{ name: string; returnPct: number; sharpe: number }>;
  reportPath: string;
}

const reports = (cwd: string) => {
  const dir = join(cwd, 'data', 'ats-reports');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.startsWith('backtest-') || f === 'pnl.csv') : [];
};

// The example on the bundled sample: a model trained on everything, backtested on 2021–2023.
test('sample model backtest: in-sample model refused (exit 2, no output), IN-SAMPLE when allowed, walk-forward windows', async (t) => {
  const cwd = tempDir(t);
  const collect = await runCli(['collect', '--symbols', SAMPLE, '--days', '2520', '--quiet'], { cwd });
  assert.equal(collect.code, 0, collect.stderr);
  const train = await runCli(['train', '--symbols', SAMPLE, '--early-stopping', '0', '--json'], { cwd });
  assert.equal(train.code, 0, train.stderr);
  const id = (JSON.parse(train.stdout) as { id: string }).id;
  const args = ['backtest', '--symbols', SAMPLE, '--strategy', 'model', '--from', '2021-01-01', '--threshold', '0.56'];

  const refused = await runCli([...args, '--model', id], { cwd });
  assert.equal(refused.code, 2, refused.stderr);
  assert.equal(refused.stderr.trim().split('\n').length, 1, refused.stderr);
  assert.match(
    refused.stderr,
    new RegExp(
      `model ${id} was trained on 2014-\\d\\d-\\d\\d..2023-12-28, which overlaps the test range 2021-01-01..2023-12-29`,
    ),
  );
  assert.deepEqual(reports(cwd), [], 'no report, no pnl.csv');

  const allowed = await runCli([...args, '--model', id, '--allow-in-sample', '--json'], { cwd });
  assert.equal(allowed.code, 0, allowed.stderr);
  const json = JSON.parse(allowed.stdout) as BacktestJson;
  assert.equal(json.inSample, true);
  assert.match(json.warning ?? '', /^IN-SAMPLE: model m-/);
  assert.match(readFileSync(json.reportPath, 'utf8'), /role="alert"[^>]*>IN-SAMPLE: model m-/);
  assert.match(allowed.stderr, /IN-SAMPLE/);
  const text = await runCli([...args, '--model', id, '--allow-in-sample'], { cwd });
  assert.match(text.stdout.split('\n')[0]!, /^\*\*\* IN-SAMPLE: model m-.* \*\*\*$/);
  assert.match(text.stdout.trimEnd().split('\n').pop()!, /IN-SAMPLE/);

  const wf = await runCli(
    ['backtest', '--symbols', SAMPLE, '--strategy', 'model', '--from', '2023-01-01', '--retrain-every', '6M', '--json'],
    { cwd },
  );
  assert.equal(wf.code, 0, wf.stderr);
  const w = JSON.parse(wf.stdout) as BacktestJson;
  assert.equal(w.warning ?? null, null);
  assert.deepEqual(
    w.windows.map((x) => [x.from, x.to, x.model]),
    [
      ['2023-01-03', '2023-06-30', 'wf1'],
      ['2023-07-03', '2023-12-29', 'wf2'],
    ],
  );
  // Horizon 1: the last training row's label is the close of the session before the window.
  assert.deepEqual(
    w.windows.map((x) => x.trainTo),
    ['2022-12-29', '2023-06-29'],
  );
  assert.deepEqual(
    w.benchmarks.map((b) => b.name),
    ['strategy', 'buy-and-hold', 'equal-weight'],
  );
  const html = readFileSync(w.reportPath, 'utf8');
  assert.match(html, /<h2>Windows<\/h2>/);
  assert.match(html, /<h2>Against the benchmarks<\/h2>/);
  // The equal-weight curve is on the equity chart, not only in the table.
  assert.match(html, /"equalWeight":\[/);
  assert.match(html, /Equal weight \(rebalanced each window/);

  for (const [extra, message] of [
    [
      ['--from', '2023-07-03', '--retrain-every', '1Y'],
      /--retrain-every 1Y is longer than the test range 2023-07-03..2023-12-29/,
    ],
    [['--from', '2015-01-05'], /walk-forward needs at least 60/],
  ] as const) {
    const before = reports(cwd);
    const bad = await runCli(['backtest', '--symbols', SAMPLE, '--strategy', 'model', ...extra], { cwd });
    assert.equal(bad.code, 2, bad.stderr);
    assert.equal(bad.stderr.trim().split('\n').length, 1, bad.stderr);
    assert.match(bad.stderr, message);
    assert.deepEqual(reports(cwd), before);
  }
});
