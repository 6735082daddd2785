/** `ats daily` on the bundled sample in March 2020: the playbook reports the regime, and the sizing halves the risk. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

interface Trade {
  symbol: string;
  shares: number;
  riskScale: number;
  status: string;
}

async function daily(t: { after: (fn: () => void) => void }, env: Record<string, string>) {
  const cwd = tempDir(t);
  const args = ['daily', '--symbols', 'AAPL,AMZN,GOOGL,META,MSFT,NVDA,TSLA', '--asof', '2020-03-18'];
  const r = await runCli([...args, '--threshold', '0.5', '--top', '7', '--json'], {
    cwd,
    // No cap but the risk budget decides the size.
    env: { ATS_MAX_SYMBOL_PCT: '100', ATS_MAX_CORRELATION: '1', ATS_MAX_HEAT: '1', ...env },
  });
  assert.equal(r.code, 0, r.stderr);
  const run = JSON.parse(r.stdout) as { results: { trades: Trade[] }; steps: Array<{ name: string; summary: string }> };
  return { cwd, trades: run.results.trades, steps: run.steps };
}

test('daily on 2020-03-18 (a high-volatility downtrend): regime in the playbook, risk per trade × regimeRiskScale', async (t) => {
  const [scaled, full] = await Promise.all([daily(t, {}), daily(t, { ATS_REGIME_RISK_SCALE: '1' })]);
  // The sample's 7 stocks fell 25–60 % in 20 sessions (see the momentum column), below their 200-session average,
  // with a 20-session volatility above 99.9 % of its values since 2013.
  const playbook = scaled.steps.find((s) => s.name === 'playbook')!;
  assert.match(playbook.summary, /regime down, vol 100th pct$/);
  const csv = readFileSync(join(scaled.cwd, 'data', 'ats-reports', 'playbook-2020-03-18.csv'), 'utf8').split('\n');
  assert.match(csv[0]!, /,regime_trend,regime_vol_pct$/);
  assert.match(csv[1]!, /,down,0\.999\d*$/);
  assert.ok(scaled.trades.length > 0);
  for (const tr of scaled.trades) {
    const other = full.trades.find((x) => x.symbol === tr.symbol)!;
    assert.equal(tr.riskScale, 0.5);
    assert.equal(other.riskScale, 1);
    // shares = floor(budget / stop distance); half the budget: floor(floor(x) / 2) = floor(x / 2).
    assert.equal(tr.shares, Math.floor(other.shares / 2), tr.symbol);
  }
});
