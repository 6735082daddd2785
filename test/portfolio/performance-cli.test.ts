/**
 * `ats portfolio performance` and `ats risk report` through the CLI on the bundled sample: the snapshot step
 * records the account marks, the order ledger the decision prices; bad input exits 2, an empty record 4.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { sessionCurveStats } from '../../src/lib/backtest/curve-stats.js';
import type { PerformanceResult } from '../../src/lib/portfolio/performance-load.js';
import type { RiskReport } from '../../src/lib/risk/risk-report.js';

test('CLI: a paper record of five sessions, its statistics, --by, --compare; the risk report and its CSV', async (t) => {
  const cwd = tempDir(t);
  const at = (asof: string, ...args: string[]) => runCli(args, { cwd, env: { ATS_ASOF: asof } });
  const ok = async (p: ReturnType<typeof at>) => {
    const r = await p;
    assert.equal(r.code, 0, r.stderr);
    return r;
  };
  await ok(runCli(['collect', '--symbols', 'AAPL,MSFT', '--days', '60'], { cwd }));
  const empty = await at('2023-12-29', 'portfolio', 'performance');
  assert.equal(empty.code, 4, empty.stderr);
  assert.match(empty.stderr, /at least 2/);
  await ok(at('2023-12-22', 'portfolio', 'snapshot'));
  await ok(at('2023-12-22', 'broker', 'buy', 'AAPL', '10'));
  await ok(at('2023-12-26', 'portfolio', 'snapshot'));
  await ok(at('2023-12-26', 'broker', 'buy', 'MSFT', '5'));
  await ok(at('2023-12-27', 'portfolio', 'snapshot'));
  await ok(at('2023-12-27', 'broker', 'sell', 'AAPL', '10'));
  await ok(at('2023-12-28', 'portfolio', 'snapshot'));
  await ok(at('2023-12-29', 'portfolio', 'snapshot'));
  const out = await ok(at('2023-12-29', 'portfolio', 'performance', '--compare', '--by', 'symbol', '--json'));
  const r = JSON.parse(out.stdout) as PerformanceResult;
  assert.equal(r.sessions, 5);
  assert.match(r.equitySource, /account marks/);
  assert.match(r.benchmark!.label, /equal-weight buy-and-hold of 2 stored symbol/);
  assert.equal(r.figures.trades, 1);
  assert.deepEqual(r.openAtEnd, ['MSFT']);
  assert.deepEqual(
    r.groups!.map((g) => g.key),
    ['AAPL', 'MSFT'],
  );
  // The CLI's figures are the backtest statistics of its own curve.
  const curve = r.curve;
  const again = sessionCurveStats({
    sessions: curve.map((c) => c.session),
    equity: Float64Array.from(curve, (c) => c.equity),
    trades: [],
  });
  assert.equal(r.stats['Sharpe Ratio'], again['Sharpe Ratio']);
  assert.equal(r.stats['Sortino Ratio'], again['Sortino Ratio']);
  assert.equal(r.stats['CAGR [%]'], again['CAGR [%]']);
  // Every fill has its order's decision price (the price the risk check used): three fills measured.
  assert.equal(r.compare!.slippage.fills, 3);
  assert.equal(r.compare!.slippage.withoutDecisionPrice, 0);
  assert.equal(r.compare!.orders.decided, 3);
  assert.equal(r.compare!.expectationNote, 'no active model');

  const byBad = await at('2023-12-29', 'portfolio', 'performance', '--by', 'week');
  assert.equal(byBad.code, 2);
  assert.match(byBad.stderr, /unknown --by "week"/);
  const dateBad = await at('2023-12-29', 'portfolio', 'performance', '--from', '2023-12-32');
  assert.equal(dateBad.code, 2);
  const order = await at('2023-12-29', 'portfolio', 'performance', '--from', '2023-12-29', '--to', '2023-12-01');
  assert.equal(order.code, 2);

  const risk = await ok(at('2023-12-29', 'risk', 'report', '--sessions', '20', '--json'));
  const rr = JSON.parse(risk.stdout) as RiskReport;
  assert.equal(rr.holdings, 1);
  assert.equal(rr.sessions, 20);
  assert.deepEqual(
    rr.var.map((v) => v.confidence),
    [0.95, 0.99],
  );
  assert.ok(rr.var[1]!.var >= rr.var[0]!.var && rr.var[0]!.es >= rr.var[0]!.var);
  const mv = rr.exposure.bySymbol[0]!.gross;
  assert.ok(Math.abs(rr.stress[0]!.pnl! - -0.1 * mv) < 1e-9);
  const csv = join(cwd, 'data', 'ats-reports', 'risk-report.csv');
  assert.ok(existsSync(csv));
  const lines = readFileSync(csv, 'utf8').trim().split('\n');
  assert.equal(lines[0], 'section,key,value,limit,note');
  assert.ok(lines.some((l) => l.startsWith('var,95%,')));
  assert.ok(lines.some((l) => l.startsWith('exposure_symbol,MSFT,')));
  const bad = await at('2023-12-29', 'risk', 'report', '--sessions', '1');
  assert.equal(bad.code, 2);
});
