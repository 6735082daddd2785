import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

test('CLI: MAX_RISK refuses orders over a strategy budget, ATS_MAX_SYMBOL_PCT tightens the symbol limit (exit 5, recorded)', async (t) => {
  const cwd = tempDir(t);
  assert.equal((await runCli(['collect', '--symbols', 'AAPL', '--days', '5'], { cwd })).code, 0);
  // AAPL's last sample close is $192.53: one share costs more than the swing budget of $100
  const byStrategy = await runCli(['broker', 'buy', 'AAPL', '1', '--strategy', 'swing'], {
    cwd,
    env: { MAX_RISK: 'swing=100' },
  });
  assert.equal(byStrategy.code, 5, byStrategy.stderr);
  assert.match(byStrategy.stderr, /refused by the risk check: strategy risk limit: /);
  // 0.1 % of $100,000 is $100: again one share is too much
  const bySymbol = await runCli(['broker', 'buy', 'AAPL', '1'], { cwd, env: { ATS_MAX_SYMBOL_PCT: '0.1' } });
  assert.equal(bySymbol.code, 5, bySymbol.stderr);
  assert.match(bySymbol.stderr, /refused by the risk check: symbol limit: /);
  const refused = JSON.parse((await runCli(['broker', 'orders', '--json'], { cwd })).stdout) as Array<{
    status: string;
    reason: string;
  }>;
  assert.deepEqual(
    refused.map((o) => o.status),
    ['refused'],
  );
  assert.match(
    refused[0]!.reason,
    /^symbol limit: AAPL would be 0\.2% of equity \(\$192\.53 of \$100,000\), limit 0\.1%$/,
  );
  // the same order under a budget it fits: placed (a refusal does not block the order for good)
  const ok = await runCli(['broker', 'buy', 'AAPL', '1', '--strategy', 'swing'], {
    cwd,
    env: { MAX_RISK: 'swing=1000' },
  });
  assert.equal(ok.code, 0, ok.stderr);
  const orders = JSON.parse((await runCli(['broker', 'orders', '--json'], { cwd })).stdout) as Array<{
    status: string;
  }>;
  assert.deepEqual(
    orders.map((o) => o.status),
    ['filled'],
  );
  const csv = readFileSync(join(cwd, 'data', 'ats-reports', 'orders.csv'), 'utf8')
    .trim()
    .split('\n');
  assert.equal(csv.length, 1 + 3, 'every attempt, refused ones included, is in reports/orders.csv');
});
