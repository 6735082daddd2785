/** Everyday commands on the bundled sample: re-runs, registry flags, help, clocks and what the output says. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { openStore } from '../../src/lib/store/open.js';

interface ModelJson {
  id: string;
  active: boolean;
  createdAt: number;
  symbols: string[];
  features: string[];
  dropped: Array<{ symbol: string }>;
}
interface RunJson {
  steps: Array<{ name: string; summary: string }>;
}
const json = <T>(text: string): T => JSON.parse(text) as T;
const stepOf = (text: string, name: string) => json<RunJson>(text).steps.find((s) => s.name === name)!;

const SMALL = ['--trees', '10', '--depth', '3', '--min-leaf', '20', '--folds', '2'];

async function ok(args: string[], cwd: string) {
  const r = await runCli(args, { cwd });
  assert.equal(r.code, 0, `ats ${args.join(' ')}\n${r.stderr}`);
  return r;
}

test('the same backtest twice keeps both runs; Trades per Symbol is readable; pnl.csv has no float noise', async (t) => {
  const cwd = tempDir(t);
  await ok(['collect', '--symbols', 'AAPL', '--days', '400', '--quiet'], cwd);
  const args = ['backtest', '--symbols', 'AAPL', '--fast', '10', '--slow', '20', '--quiet'];
  const first = await ok(args, cwd);
  const second = await ok(args, cwd);
  assert.match(first.stdout, /^Trades per Symbol\s+AAPL \d+$/m);
  assert.doesNotMatch(first.stdout, /\[object Object\]/);
  const id = (out: string) => /^backtest (bt-\S+):/.exec(out)![1]!;
  assert.notEqual(id(first.stdout), id(second.stdout));
  const store = openStore(join(cwd, 'data', 'ats.db'));
  const n = store.db.prepare('SELECT COUNT(*) AS n FROM backtest_runs').get() as { n: number };
  store.close();
  assert.equal(n.n, 2);
  const csv = readFileSync(join(cwd, 'data', 'ats-reports', 'pnl.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  assert.ok(csv.length > 0);
  for (const line of csv) {
    const [, , , , , , entry, exit, pnl] = line.split(',');
    for (const v of [entry, exit]) assert.match(v!, /^-?\d+(\.\d{1,4})?$/, line);
    assert.match(pnl!, /^-?\d+(\.\d{1,2})?$/, line);
  }
});

test('train: a symbol without enough history is named as dropped, not listed in the model; a missing one gets a valid hint', async (t) => {
  const cwd = tempDir(t);
  await ok(['collect', '--symbols', 'AAPL', '--days', '700', '--quiet'], cwd);
  await ok(['collect', '--symbols', 'NVDA', '--days', '60', '--quiet'], cwd);
  const r = await ok(['train', '--symbols', 'AAPL,NVDA', ...SMALL, '--json'], cwd);
  const model = json<ModelJson>(r.stdout);
  assert.deepEqual(model.symbols, ['AAPL']);
  assert.equal(model.dropped[0]?.symbol, 'NVDA');
  assert.match(r.stderr, /warning: NVDA dropped from training: 60 stored bars; the features need at least 252/);
  const list = json<ModelJson[]>((await ok(['train', 'list', '--json'], cwd)).stdout);
  assert.deepEqual(list[0]?.symbols, ['AAPL']);
  const missing = await runCli(['train', '--symbols', 'AAPL,MSFT', ...SMALL], { cwd });
  assert.equal(missing.code, 4);
  assert.match(missing.stderr, /no stored bars for MSFT: run ats collect --symbols MSFT --days 2520 first/);
  assert.doesNotMatch(missing.stderr, /backfill --symbols/);
});

test('train import without --activate leaves the active model alone; the created time is the real clock', async (t) => {
  const cwd = tempDir(t);
  const start = Date.now();
  await ok(['collect', '--symbols', 'AAPL', '--days', '700', '--quiet'], cwd);
  const trained = json<ModelJson>((await ok(['train', '--symbols', 'AAPL', ...SMALL, '--json'], cwd)).stdout);
  const shown = json<ModelJson>((await ok(['train', 'show', trained.id, '--json'], cwd)).stdout);
  assert.ok(
    shown.createdAt >= start && shown.createdAt <= Date.now(),
    `created ${new Date(shown.createdAt).toISOString()}`,
  );
  const file = join(cwd, 'data', 'ats-models', `${trained.id}.onnx`);
  const features = shown.features.join(',');
  const imported = await ok(['train', 'import', file, '--features', features, '--id', 'mine', '--json'], cwd);
  assert.equal(json<ModelJson>(imported.stdout).active, false);
  const list = json<ModelJson[]>((await ok(['train', 'list', '--json'], cwd)).stdout);
  assert.deepEqual(
    list.map((m: { id: string; active: boolean }) => [m.id, m.active]),
    [
      [trained.id, true],
      ['mine', false],
    ],
  );
  await ok(['train', 'import', file, '--features', features, '--id', 'mine2', '--activate'], cwd);
  const after = json<ModelJson[]>((await ok(['train', 'list', '--json'], cwd)).stdout);
  assert.deepEqual(
    after.filter((m: { active: boolean }) => m.active).map((m: { id: string }) => m.id),
    ['mine2'],
  );
});

test('subcommand help shows the global options; --yes only where orders are placed', async (t) => {
  const cwd = tempDir(t);
  const help = async (...args: string[]) => (await ok([...args, '--help'], cwd)).stdout;
  for (const cmd of [['collect'], ['broker', 'account'], ['train', 'list'], ['portfolio', 'history']]) {
    const text = await help(...cmd);
    assert.match(text, /Global Options:[\s\S]*--db <path>[\s\S]*--json[\s\S]*-v, --verbose/, cmd.join(' '));
  }
  for (const cmd of [
    ['broker', 'account'],
    ['broker', 'orders'],
    ['broker', 'cancel'],
    ['portfolio', 'snapshot'],
    ['portfolio', 'history'],
  ])
    assert.doesNotMatch(await help(...cmd), /--yes/, cmd.join(' '));
  for (const cmd of [
    ['broker', 'buy'],
    ['broker', 'sell'],
    ['broker', 'sync'],
    ['portfolio', 'close'],
    ['evaluator'],
    ['daily'],
  ])
    assert.match(await help(...cmd), /--yes/, cmd.join(' '));
  assert.doesNotMatch(await help('train', 'list'), /--symbols/, "train's own options are not global");
});

test('collect of extras the sample lacks says so', async (t) => {
  const cwd = tempDir(t);
  const r = await ok(
    ['collect', '--symbols', 'AAPL', '--days', '5', '--minute', '--options', '--fundamentals', '--quotes'],
    cwd,
  );
  assert.match(
    r.stderr,
    /warning: the sample source has no minute bars \(--minute\), option contracts \(--options\), splits and dividends \(--fundamentals\), quotes and trades \(--quotes\): not collected/,
  );
  assert.match(r.stdout, /not available from sample: minute bars/);
});

test('orders and evaluator print prices to the cent, without repeated words', async (t) => {
  const cwd = tempDir(t);
  await ok(['collect', '--symbols', 'AAPL', '--days', '30', '--quiet'], cwd);
  const limit = await ok(['broker', 'buy', 'AAPL', '1', '--limit', '100'], cwd);
  assert.match(limit.stdout, /^buy 1 AAPL limit 100\.00 \(entry\)/);
  assert.doesNotMatch(limit.stdout, /limit limit/);
  await ok(['broker', 'buy', 'AAPL', '2'], cwd);
  const ev = await ok(['evaluator', '--stop-loss', '50%'], cwd);
  assert.match(ev.stdout, /^AAPL\s+hold\s+price \d+\.\d{2} {2}avg \d+\.\d{2} {2}high \d+\.\d{2}$/m);
  const big = await runCli(['broker', 'buy', 'AAPL', '400'], { cwd });
  assert.equal(big.code, 5, big.stderr);
  assert.doesNotMatch(big.stderr, /symbol\W+symbol/);
  assert.match(big.stderr, /refused by the risk check: symbol limit: AAPL would be/);
});

test('the sample pins the session, not the wall clock: run log, index.html, model times are real; age counts sessions', async (t) => {
  const cwd = tempDir(t);
  const start = Date.now();
  await ok(['collect', '--symbols', 'AAPL', '--days', '700', '--quiet'], cwd);
  // a model whose data ends in June: trained now, but half a year of sessions old for the sample's 2023-12-29
  await ok(['train', '--symbols', 'AAPL', '--to', '2023-06-30', ...SMALL, '--quiet'], cwd);
  const r = await ok(['daily', '--symbols', 'AAPL', '--days', '700', '--skip', 'orders', '--json', '--quiet'], cwd);
  const train = stepOf(r.stdout, 'train');
  assert.match(train.summary, /^trained m-\S+ \(the active model's data ended 1[23]\d sessions before 2023-12-29\)/);
  const store = openStore(join(cwd, 'data', 'ats.db'));
  const runs = store.db.prepare('SELECT started_at AS s, finished_at AS f FROM daily_runs').all() as Array<{
    s: number;
    f: number;
  }>;
  store.close();
  for (const x of runs) assert.ok(x.s >= start && x.f <= Date.now() && x.f >= x.s, JSON.stringify(x));
  const index = readFileSync(join(cwd, 'data', 'ats-reports', 'index.html'), 'utf8');
  const generated = /generated (\d{4}-\d{2}-\d{2} \d{2}:\d{2}) UTC/.exec(index)![1]!;
  assert.ok(Date.parse(`${generated.replace(' ', 'T')}:00Z`) >= start - 60_000, generated);
  assert.match(index, /Session 2023-12-29/);
  const again = await ok(
    ['daily', '--symbols', 'AAPL', '--days', '700', '--skip', 'orders', '--rerun', '--json', '--quiet'],
    cwd,
  );
  const kept = stepOf(again.stdout, 'train');
  assert.match(
    kept.summary,
    /^active model m-\S+ is 1 session\(s\) old \(retrain after 7\); kept; live record: 0 of 50 scored picks, too few to judge$/,
  );
});
