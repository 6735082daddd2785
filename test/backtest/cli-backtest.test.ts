import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { runCli } from '../helpers/cli.js';
import { fixturePath, tempDir } from '../helpers/tmp.js';
import { openStore } from '../../src/lib/store/open.js';
import { countBacktestTrades, loadBacktestRun } from '../../src/lib/store/backtests.js';

/** backtesting.py 0.6.6's own unit test (test/fixtures/backtesting_py/SOURCES.txt): SmaCross 10/30 on GOOG. */
const REF = JSON.parse(
  readFileSync(fixturePath('backtesting_py', 'backtesting_py_D_unit_test_fast10_slow30_stats.json'), 'utf8'),
) as { stats: Record<string, unknown> };

/** The part of `ats backtest --json` these tests read. */
interface BacktestJson {
  id: string;
  stats: Record<string, number | string>;
  trades: unknown[];
  equity: unknown[];
  reportPath: string;
}

const close = (a: number, b: number): boolean =>
  a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));

test('ats backtest --csv GOOG.csv reproduces backtesting.py via the CLI, saves the run, appends pnl.csv, writes the report', async (t) => {
  const cwd = tempDir(t);
  const r = await runCli(
    [
      'backtest',
      '--csv',
      fixturePath('backtesting_py', 'GOOG.csv'),
      '--strategy',
      'sma_cross',
      '--fast',
      '10',
      '--slow',
      '30',
      '--cash',
      '10000',
      '--commission',
      '0',
      '--finalize-trades',
      '--json',
    ],
    { cwd },
  );
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as BacktestJson;
  for (const [key, want] of Object.entries(REF.stats)) {
    const got = out.stats[key];
    if (typeof want === 'number') assert.ok(close(Number(got), want), `${key}: ${got} vs ${want}`);
    else if (typeof want === 'string' && / days /.test(want)) assert.equal(got, Number(want.split(' ')[0]), key);
    else if (typeof want === 'string') assert.equal(got, want.slice(0, 10), key);
  }
  assert.equal(out.trades.length, 66);
  assert.equal(out.equity.length, 2148);
  assert.ok(existsSync(out.reportPath));
  const store = openStore(join(cwd, 'data', 'ats.db'));
  t.after(() => store.close());
  const saved = loadBacktestRun(store, out.id);
  assert.equal(saved?.params.fast, 10);
  assert.equal(countBacktestTrades(store, out.id), 66);
  const ledger = parse<Record<string, string>>(readFileSync(join(cwd, 'data', 'ats-reports', 'pnl.csv'), 'utf8'), {
    columns: true,
  });
  assert.equal(ledger.filter((row) => row.ref === out.id).length, 66);
  const sum = ledger.reduce((s, row) => s + Number(row.pnl), 0);
  assert.ok(
    Math.abs(sum - (Number(out.stats['Equity Final [$]']) - 10000)) < 0.01 * 66,
    'ledger PnL (cents) adds up to the run profit',
  );
});

test('backtest from the store: a two-symbol portfolio with per-symbol breakdown, readable table without --json', async (t) => {
  const cwd = tempDir(t);
  assert.equal((await runCli(['collect', '--symbols', 'AAPL,MSFT', '--days', '600'], { cwd })).code, 0);
  const r = await runCli(
    ['backtest', '--symbols', 'AAPL,MSFT', '--strategy', 'sma_cross', '--long-only', '--slippage-bps', '5'],
    { cwd },
  );
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Sharpe Ratio\s+-?\d/);
  assert.match(r.stdout, /per symbol:\n\s+AAPL\s+trades/);
  assert.match(r.stdout, /report: .*backtest-bt-\d{8}-\d{6}-[0-9a-f]{6}\.html/);
});

const BAD: Array<{
  name: string;
  args: (dir: string) => string[];
  code: number;
  message: RegExp;
  file?: [string, string];
}> = [
  {
    name: 'empty CSV',
    file: ['empty.csv', ''],
    args: (d) => ['--csv', join(d, 'empty.csv')],
    code: 4,
    message: /no bars/,
  },
  {
    name: 'unsorted CSV',
    file: ['u.csv', 'Date,Open,High,Low,Close,Volume\n2020-01-03,1,1,1,1,1\n2020-01-02,1,1,1,1,1\n'],
    args: (d) => ['--csv', join(d, 'u.csv')],
    code: 4,
    message: /not strictly increasing/,
  },
  {
    name: 'missing column',
    file: ['m.csv', 'Date,Open,High,Low,Volume\n2020-01-02,1,1,1,1\n'],
    args: (d) => ['--csv', join(d, 'm.csv')],
    code: 4,
    message: /missing Close column/,
  },
  {
    name: 'NaN price',
    file: ['n.csv', 'Date,Open,High,Low,Close,Volume\n2020-01-02,1,1,1,NaN,1\n'],
    args: (d) => ['--csv', join(d, 'n.csv')],
    code: 4,
    message: /Close is not a number/,
  },
  {
    name: '--fast >= --slow',
    args: () => ['--csv', fixturePath('backtesting_py', 'GOOG.csv'), '--fast', '30', '--slow', '10'],
    code: 2,
    message: /fast/,
  },
  {
    name: 'unknown strategy',
    args: () => ['--csv', fixturePath('backtesting_py', 'GOOG.csv'), '--strategy', 'moon'],
    code: 2,
    message: /unknown strategy "moon"/,
  },
  {
    name: 'both inputs',
    args: () => ['--csv', 'x.csv', '--symbols', 'AAPL'],
    code: 2,
    message: /either --symbols or --csv/,
  },
  { name: 'CSV path is a directory', args: (d) => ['--csv', d], code: 2, message: /CSV path .* is a directory/ },
  { name: 'CSV file missing', args: (d) => ['--csv', join(d, 'nope.csv')], code: 2, message: /CSV file .* not found/ },
  { name: 'symbol not in the store', args: () => ['--symbols', 'AAPL'], code: 4, message: /no stored bars for AAPL/ },
  {
    name: 'model strategy with an unknown model',
    args: () => ['--csv', fixturePath('backtesting_py', 'GOOG.csv'), '--strategy', 'model', '--model', 'm-missing'],
    code: 4,
    message: /unknown model id "m-missing"/,
  },
  {
    name: 'retraining period not understood',
    args: () => ['--csv', fixturePath('backtesting_py', 'GOOG.csv'), '--strategy', 'model', '--retrain-every', '3Q'],
    code: 2,
    message: /--retrain-every must be months \(3M\)/,
  },
];

for (const c of BAD) {
  test(`backtest bad input: ${c.name} → exit ${c.code}, one line`, async (t) => {
    const cwd = tempDir(t);
    if (c.file) writeFileSync(join(cwd, c.file[0]), c.file[1]);
    const r = await runCli(['backtest', ...c.args(cwd)], { cwd });
    assert.equal(r.code, c.code, r.stderr);
    assert.match(r.stderr, c.message);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  });
}
