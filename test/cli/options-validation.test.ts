/**
 * Every option and argument is checked before any work: a bad value exits 2 with one line, creates no store,
 * writes no report and sends no request. Numbers follow one convention (src/lib/parse-number.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { startFakePolygon } from '../fakes/polygon-server.js';
import { KEY } from '../helpers/polygon.js';

const CASES: Array<[string, string[], RegExp]> = [
  ['hex quantity', ['broker', 'buy', 'AAPL', '0x10'], /quantity must be a positive whole number, got "0x10"/],
  ['exponent quantity', ['broker', 'buy', 'AAPL', '1e1'], /quantity must be a positive whole number, got "1e1"/],
  ['fractional quantity', ['broker', 'sell', 'AAPL', '1.5'], /quantity must be a positive whole number/],
  ['hex limit price', ['broker', 'buy', 'AAPL', '1', '--limit', '0x10'], /--limit must be a price > 0, got "0x10"/],
  ['hex close price', ['portfolio', 'close', 'AAPL', '0x10'], /PRICE must be a price > 0, got "0x10"/],
  ['hex --days', ['collect', '--symbols', 'AAPL', '--days', '0x10'], /--days must be a positive whole number/],
  ['ambiguous --stop-loss', ['evaluator', '--stop-loss', '5'], /--stop-loss 5 is ambiguous: write 5% or 0\.05/],
  ['ambiguous --take-profit', ['evaluator', '--take-profit', '10'], /--take-profit 10 is ambiguous: write 10% or 0\.1/],
  ['ambiguous daily --stop-loss', ['daily', '--symbols', 'AAPL', '--stop-loss', '5'], /--stop-loss 5 is ambiguous/],
  ['ambiguous --commission', ['backtest', '--symbols', 'AAPL', '--commission', '2'], /--commission 2 is ambiguous/],
  ['ambiguous --outlier', ['quality', '--outlier', '25'], /--outlier 25 is ambiguous: write 25% or 0\.25/],
  ['exponent --outlier', ['daily', '--symbols', 'AAPL', '--outlier', '1e-1'], /--outlier must be a percentage/],
  ['stop-loss over 100%', ['evaluator', '--stop-loss', '150%'], /--stop-loss must be at most 100%/],
  ['no exit rule', ['evaluator'], /give at least one of --stop-loss, --take-profit, --trailing/],
  [
    'daily threshold below 0.5',
    ['daily', '--symbols', 'AAPL', '--threshold', '0.45'],
    /--threshold must be a probability within \[0\.5, 1\], got "0\.45"/,
  ],
  ['playbook threshold', ['playbook', '--threshold', '0.4'], /--threshold must be a probability within \[0\.5, 1\]/],
  [
    'backtest threshold',
    ['backtest', '--symbols', 'AAPL', '--strategy', 'model', '--threshold', '55'],
    /--threshold must be a probability/,
  ],
  [
    'watch interval',
    ['evaluator', '--stop-loss', '5%', '--watch', '--interval', '0'],
    /--interval must be a decimal number above 0/,
  ],
  ['cash', ['backtest', '--symbols', 'AAPL', '--cash', '1e4'], /--cash must be a decimal number/],
  [
    'universe weights',
    ['daily', '--universe', 'top:2', '--universe-weights', 'rv='],
    /--universe-weights rv must be a decimal number/,
  ],
  ['train target threshold', ['train', '--symbols', 'AAPL', '--threshold', '2'], /--threshold 2 is ambiguous/],
  [
    'backfill entirely in the future',
    ['backfill', 'AAPL', '2099-01-01', '2099-12-31'],
    /FROM 2099-01-01 is after the last completed session 2023-12-29/,
  ],
];

for (const [name, args, message] of CASES) {
  test(`refused before any work: ${name} → exit 2, one line, no store, no report`, async (t) => {
    const cwd = tempDir(t);
    const r = await runCli(args, { cwd });
    assert.equal(r.code, 2, `stdout: ${r.stdout}\nstderr: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(existsSync(join(cwd, 'data', 'ats.db')), false, 'no store created');
    assert.equal(existsSync(join(cwd, 'data', 'ats-reports')), false, 'no report written');
    assert.equal(existsSync(join(cwd, 'data', 'ats-models')), false, 'no model trained');
  });
}

test('percentage flags: 60% and 0.6 mean the same take-profit (not 0.6 %)', async (t) => {
  const cwd = tempDir(t);
  const run = async (args: string[], env: Record<string, string> = {}) => {
    const r = await runCli(args, { cwd, env });
    assert.equal(r.code, 0, r.stderr);
    return r.stdout;
  };
  // bought at the 2023-01-03 close ($125.07); the sample's last close is $192.53: +54 %, below a 60 % take-profit
  await run(['collect', '--symbols', 'AAPL', '--days', '20', '--asof', '2023-01-03', '--quiet']);
  await run(['broker', 'buy', 'AAPL', '1', '--quiet'], { ATS_ASOF: '2023-01-03' });
  await run(['collect', '--symbols', 'AAPL', '--days', '260', '--quiet']);
  const actions = async (tp: string) =>
    (JSON.parse(await run(['evaluator', '--take-profit', tp, '--json', '--quiet'])) as Array<{ action: string }>).map(
      (r) => r.action,
    );
  assert.deepEqual(await actions('60%'), ['hold']);
  assert.deepEqual(await actions('0.6'), ['hold']);
});

test('daily on Polygon with a bad option sends no request to the data source', async (t) => {
  const cwd = tempDir(t);
  const fake = await startFakePolygon({ apiKey: KEY });
  t.after(() => fake.close());
  const env = { POLYGON_API_KEY: KEY, POLYGON_BASE_URL: fake.url };
  for (const args of [
    ['daily', '--symbols', 'AAPL', '--threshold', '0.45'],
    ['daily', '--symbols', 'AAPL', '--take-profit', '10'],
    ['backfill', 'AAPL', '2015-01-01', '2014-01-01'],
    ['collect', '--symbols', 'AAPL', '--days', '1e3'],
  ]) {
    const r = await runCli(args, { cwd, env });
    assert.equal(r.code, 2, r.stderr);
  }
  assert.equal(fake.requests.length, 0, JSON.stringify(fake.requests));
  assert.equal(existsSync(join(cwd, 'data', 'ats.db')), false);
});

test('backfill past the last completed session is clamped to it, said in one line', async (t) => {
  const cwd = tempDir(t);
  const r = await runCli(['backfill', 'AAPL', '2023-12-01', '2099-12-31', '--json'], { cwd });
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { to: string; added: number; stillMissing: string[] };
  assert.equal(out.to, '2023-12-29');
  assert.equal(out.added, 20);
  assert.deepEqual(out.stillMissing, []);
  const notes = r.stderr.split('\n').filter((l) => l.includes('2099-12-31'));
  assert.deepEqual(notes, [
    'warning: TO 2099-12-31 is after the last completed session 2023-12-29: backfilling 2023-12-01..2023-12-29',
  ]);
  assert.ok(r.stdout.length < 2000, `${r.stdout.length} bytes of output`);
});
