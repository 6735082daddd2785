/**
 * Parity with backtesting.py 0.6.6 on its own unit test: SmaCross(10, 30) on GOOG daily bars,
 * cash 10 000, commission 0, finalize_trades=True. Reference outputs (stats Series, _trades and
 * _equity_curve) are in test/fixtures/backtesting_py/ — see SOURCES.txt there.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { fixturePath } from '../helpers/tmp.js';
import { parseBarsCsv } from '../../src/lib/market/csv-bars.js';
import { toSeries } from '../../src/lib/bar-columns.js';
import { runBacktest } from '../../src/lib/backtest/engine.js';
import { smaCross } from '../../src/lib/backtest/strategy.js';
import { drawdownDurationColumn } from '../../src/lib/backtest/drawdown.js';
import { toNyLocal } from '../../src/lib/backtest/local-time.js';

const DIR = 'backtesting_py';
const PREFIX = 'backtesting_py_D_unit_test_fast10_slow30';

function loadGoog() {
  const text = readFileSync(fixturePath(DIR, 'GOOG.csv'), 'utf8');
  return toSeries('GOOG', parseBarsCsv(text, 'GOOG', 'GOOG.csv'));
}

function readCsv(name: string): Record<string, string>[] {
  return parse<Record<string, string>>(readFileSync(fixturePath(DIR, name), 'utf8'), { columns: true });
}

/** "22 days" or "3116 days 00:00:00" → 22 / 3116 (the fixture only holds whole days). */
function days(s: string): number {
  const m = /^(-?\d+) days?(?: 00:00:00)?$/.exec(s);
  assert.ok(m, `unexpected duration ${s}`);
  return Number(m[1]);
}

function assertClose(actual: number, expected: number, what: string, rel = 1e-9): void {
  if (Number.isNaN(expected)) {
    assert.ok(Number.isNaN(actual), `${what}: expected NaN, got ${actual}`);
    return;
  }
  const tol = rel * Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: expected ${expected}, got ${actual}`);
}

const run = () =>
  runBacktest(loadGoog(), smaCross({ fast: 10, slow: 30 }), { cash: 10_000, commission: 0, finalizeTrades: true });

test('trades match backtesting.py trade for trade (GOOG SmaCross 10/30)', () => {
  const result = run();
  const expected = readCsv(`${PREFIX}_trades.csv`);
  assert.equal(result.trades.length, expected.length);
  expected.forEach((row, k) => {
    const t = result.trades[k]!;
    const what = `trade ${k}`;
    assert.equal(t.size, Number(row.Size), `${what} size`);
    assert.equal(t.entryBar, Number(row.EntryBar), `${what} entry bar`);
    assert.equal(t.exitBar, Number(row.ExitBar), `${what} exit bar`);
    assert.equal(t.entryPrice, Number(row.EntryPrice), `${what} entry price`);
    assert.equal(t.exitPrice, Number(row.ExitPrice), `${what} exit price`);
    assert.equal(t.pnl, Number(row.PnL), `${what} PnL`);
    assert.equal(t.commission, Number(row.Commission), `${what} commission`);
    assertClose(t.returnPct, Number(row.ReturnPct), `${what} return`, 1e-12);
    assert.equal(t.entryTime, row.EntryTime, `${what} entry time`);
    assert.equal(t.exitTime, row.ExitTime, `${what} exit time`);
    assert.equal(t.duration, days(row.Duration!), `${what} duration`);
    // The pandas-exact SMA: same values bit for bit at entry and exit.
    for (const col of ['SMA(C,10)', 'SMA(C,30)']) {
      const ind = result.indicators[col]!;
      assert.equal(ind[t.entryBar], Number(row[`Entry_${col}`]), `${what} Entry_${col}`);
      assert.equal(ind[t.exitBar], Number(row[`Exit_${col}`]), `${what} Exit_${col}`);
    }
  });
});

test('every statistic matches backtesting.py', () => {
  const { stats } = run();
  const { stats: expected } = JSON.parse(readFileSync(fixturePath(DIR, `${PREFIX}_stats.json`), 'utf8')) as {
    stats: Record<string, number | string>;
  };
  const got = stats as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(expected)) {
    if (key === 'Start' || key === 'End') assert.equal(got[key], String(value).slice(0, 10), key);
    else if (typeof value === 'string') assert.equal(got[key], days(value), key);
    else assertClose(got[key] as number, value, key);
  }
  // backtesting.py omits "Commissions [$]" when zero; we always report it.
  assert.equal(stats['Commissions [$]'], 0);
  assert.equal(stats['Profit [$]'], stats['Equity Final [$]'] - 10_000);
  assert.deepEqual(stats['Trades per Symbol'], { GOOG: 66 });
});

test('equity curve, drawdown and drawdown durations match backtesting.py bar for bar', () => {
  const result = run();
  const rows = readCsv(`${PREFIX}_equity.csv`);
  assert.equal(result.equity.length, rows.length);
  const durations = drawdownDurationColumn(result.drawdown, toNyLocal(result.ts));
  rows.forEach((row, i) => {
    assertClose(result.equity[i]!, Number(row.Equity), `equity[${i}] ${row['']}`);
    assertClose(result.drawdown[i]!, Number(row.DrawdownPct), `drawdown[${i}]`);
    const d = row.DrawdownDuration!;
    if (d === '') assert.ok(Number.isNaN(durations[i]!), `drawdown duration[${i}] should be empty`);
    else assert.equal(durations[i], days(d), `drawdown duration[${i}]`);
  });
});
