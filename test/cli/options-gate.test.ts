/** `ats options strategy` gated by MAX_RISK and the account tier of --equity: reported, and with --enforce exit 5. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const MARKET = ['--spot', '104', '--days', '21', '--vol', '0.3', '--rate', '0.04'];
const CONDOR = ['options', 'strategy', 'iron_condor', '--strikes', '90,95,110,115', ...MARKET];

interface Gate {
  allowed: boolean;
  reasons: string[];
  tier: string;
  maxRiskKey: string | null;
}

test('refused by MAX_RISK: reported with the numbers, and --enforce exits 5 with one line naming them', async (t) => {
  const cwd = tempDir(t);
  const env = { MAX_RISK: 'call=100,condor=50' };
  const r = await runCli([...CONDOR, '--json'], { cwd, env });
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { maxLoss: number; maxProfit: number; gate: Gate };
  // Hand check of the max loss: an iron condor's max profit + max loss is its wing width, 5 × 100 dollars.
  assert.ok(Math.abs(out.maxLoss + out.maxProfit - 500) < 1e-6);
  assert.ok(out.maxLoss > 50);
  const why = `MAX_RISK condor=$50.00: max loss $${out.maxLoss.toFixed(2)} exceeds it`;
  assert.deepEqual(out.gate, { ...out.gate, allowed: false, reasons: [why], maxRiskKey: 'condor' });
  const e = await runCli([...CONDOR, '--enforce'], { cwd, env });
  assert.equal(e.code, 5, e.stderr);
  assert.equal(e.stdout, '');
  assert.equal(e.stderr.trim(), `ats: options gate refused iron_condor: ${why}`);
});

test('refused by tier: a naked call in a small account (equity 5,000), allowed in a large one', async (t) => {
  const cwd = tempDir(t);
  const naked = ['options', 'strategy', 'custom', '--legs', 'sell:call:110', ...MARKET];
  const small = await runCli([...naked, '--equity', '5000', '--enforce'], { cwd });
  assert.equal(small.code, 5, small.stderr);
  assert.match(
    small.stderr.trim(),
    /^ats: options gate refused custom: tier small \(equity \$5000\.00\) allows defined-risk strategies only: custom legs with unbounded max loss \(naked\)$/,
  );
  const text = await runCli([...naked, '--equity', '5000'], { cwd });
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^gate +REFUSED: tier small/m);
  const large = await runCli([...naked, '--equity', '100000', '--enforce', '--json'], { cwd });
  assert.equal(large.code, 0, large.stderr);
  assert.equal((JSON.parse(large.stdout) as { gate: Gate }).gate.tier, 'large');
});

test('allowed: a bull put spread within MAX_RISK spread, equity defaulting to ATS_PAPER_CASH', async (t) => {
  const cwd = tempDir(t);
  const args = ['options', 'strategy', 'bull_put_spread', '--strikes', '95,100', ...MARKET, '--enforce'];
  const env = { MAX_RISK: 'spread=500', ATS_PAPER_CASH: '999.99' };
  const r = await runCli([...args, '--json'], { cwd, env });
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { maxLoss: number; gate: Gate };
  assert.deepEqual(out.gate.reasons, [
    'tier micro (equity $999.99) allows bull_put_spread',
    `MAX_RISK spread=$500.00: max loss $${out.maxLoss.toFixed(2)} within it`,
  ]);
  assert.equal(out.gate.allowed, true);
  const text = await runCli(args, { cwd, env });
  assert.match(text.stdout, /^gate +allowed: tier micro/m);
});
