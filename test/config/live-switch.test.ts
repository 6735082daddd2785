/**
 * Live trading needs ATS_TRADING_MODE=live in the process environment AND --live: no file can switch it on.
 * Every command that places orders is run with each forbidden source of "live" against a fake Alpaca, which must
 * see no order at all.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeAlpaca } from '../fakes/alpaca-server.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const ORDER_PATHS: Array<{ name: string; args: string[] }> = [
  { name: 'broker buy', args: ['broker', 'buy', 'AAPL', '1', '100', '--broker', 'alpaca', '--live', '--yes'] },
  { name: 'portfolio close', args: ['portfolio', 'close', 'AAPL', '--broker', 'alpaca', '--live', '--yes'] },
  { name: 'evaluator', args: ['evaluator', '--stop-loss', '5%', '--broker', 'alpaca', '--live', '--yes'] },
  {
    name: 'daily',
    args: ['daily', '--symbols', 'AAPL', '--trade', '--days', '300', '--broker', 'alpaca', '--live', '--yes'],
  },
  { name: 'the TUI', args: ['portfolio', '--tui', '--broker', 'alpaca', '--live', '--yes'] },
];

test('a config file or .env cannot switch on live trading: every order path exits 3 and sends nothing', async (t) => {
  const alpaca = await startFakeAlpaca({ prices: { AAPL: 190 } });
  t.after(() => alpaca.close());
  alpaca.placeExternalOrder({ symbol: 'AAPL', side: 'buy', qty: 2 }); // a position to close or evaluate
  const keys = { APCA_API_KEY_ID: alpaca.keyId, APCA_API_SECRET_KEY: alpaca.secretKey, APCA_API_BASE_URL: alpaca.url };
  const before = alpaca.requests.filter((r) => r.method === 'POST' || r.method === 'DELETE').length;
  for (const layer of ['config file', '.env'] as const) {
    for (const path of ORDER_PATHS) {
      const cwd = tempDir(t);
      if (layer === 'config file') writeFileSync(join(cwd, 'ats.config.json'), JSON.stringify({ tradingMode: 'live' }));
      else writeFileSync(join(cwd, '.env'), 'ATS_TRADING_MODE=live\n');
      const r = await runCli(path.args, { cwd, env: keys });
      assert.equal(r.code, 3, `${path.name} with live in the ${layer}: ${r.stderr}`);
      assert.match(r.stderr, /ATS_TRADING_MODE|tradingMode/, path.name);
      assert.equal(r.stderr.trim().split('\n').length, 1, `one line: ${r.stderr}`);
    }
  }
  // and the environment switch alone, without --live, is refused too
  for (const path of ORDER_PATHS) {
    const cwd = tempDir(t);
    const args = path.args.filter((a) => a !== '--live');
    const r = await runCli(args, { cwd, env: { ...keys, ATS_TRADING_MODE: 'live' } });
    assert.equal(r.code, 3, `${path.name} with ATS_TRADING_MODE=live but no --live: ${r.stderr}`);
    assert.match(r.stderr, /--live was not given/, path.name);
  }
  const after = alpaca.requests.filter((r) => r.method === 'POST' || r.method === 'DELETE').length;
  assert.equal(after, before, 'no order reached the broker');
});

test('both switches in the process environment and on the command line do reach the broker', async (t) => {
  const alpaca = await startFakeAlpaca({ prices: { AAPL: 190 } });
  t.after(() => alpaca.close());
  const cwd = tempDir(t);
  const env = {
    APCA_API_KEY_ID: alpaca.keyId,
    APCA_API_SECRET_KEY: alpaca.secretKey,
    APCA_API_BASE_URL: alpaca.url,
    ATS_TRADING_MODE: 'live',
  };
  const r = await runCli(['broker', 'buy', 'AAPL', '1', '100', '--broker', 'alpaca', '--live', '--yes'], { cwd, env });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(alpaca.requests.filter((q) => q.method === 'POST' && q.path.startsWith('/v2/orders')).length, 1);
});
