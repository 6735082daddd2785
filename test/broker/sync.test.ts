/** ats broker sync: a fill made outside ats is found, recorded, reported as a difference, and the command exits 9. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import { placeOrder } from '../../src/lib/execution/place-order.js';
import { syncBroker } from '../../src/lib/execution/sync.js';
import { ExitCode } from '../../src/lib/errors.js';
import { listFills } from '../../src/lib/store/fills.js';
import { registerBroker } from '../../src/commands/broker.js';
import { startFakeAlpaca } from '../fakes/alpaca-server.js';
import { alpacaBroker, deps, execEnv, order, setQuote } from './exec-helpers.js';

test('sync records an external fill, reports it and the position difference; a second sync agrees', async (t) => {
  const fake = await startFakeAlpaca({ prices: { AAPL: 100, MSFT: 400 } });
  t.after(() => fake.close());
  const env = execEnv(t);
  setQuote(env, 'AAPL', 100);
  const d = deps(env, alpacaBroker(fake));
  await placeOrder(d, order('AAPL', 'buy', 3));
  fake.placeExternalOrder({ symbol: 'MSFT', side: 'buy', qty: 2, price: 401, clientOrderId: 'web-ui-1' });

  const first = await syncBroker(d);
  assert.equal(first.differences.length, 1);
  assert.match(first.differences[0]!, /web-ui-1 buy 2 MSFT market \(filled, filled 2\) was placed outside ats/);
  assert.deepEqual(
    listFills(env.store, 'alpaca').map((f) => [f.symbol, f.qty, f.price]),
    [
      ['AAPL', 3, 100],
      ['MSFT', 2, 401],
    ],
  );
  const second = await syncBroker(d);
  assert.deepEqual(second.differences, []);
  assert.deepEqual(
    second.positions.map((p) => [p.symbol, p.storeQty, p.brokerQty]),
    [
      ['AAPL', 3, 3],
      ['MSFT', 2, 2],
    ],
  );
});

test('sync reports a position the store does not know about (exit 9 through the command)', async (t) => {
  const fake = await startFakeAlpaca({ prices: { AAPL: 100 } });
  t.after(() => fake.close());
  const env = execEnv(t);
  fake.placeExternalOrder({ symbol: 'AAPL', side: 'buy', qty: 1 });
  const saved = { ...process.env };
  t.after(() => {
    process.env = saved;
    process.exitCode = 0;
  });
  Object.assign(process.env, {
    APCA_API_KEY_ID: fake.keyId,
    APCA_API_SECRET_KEY: fake.secretKey,
    APCA_API_BASE_URL: fake.url,
    ATS_REPORTS_DIR: env.reportsDir,
  });
  const program = new Command('ats').option('--db <path>').option('--json').option('--quiet').exitOverride();
  registerBroker(program);
  const out: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (s: string | Uint8Array, ...rest: unknown[]) =>
    typeof s === 'string' ? (out.push(s), true) : (write as (...a: unknown[]) => boolean)(s, ...rest);
  try {
    await program.parseAsync(['--db', env.store.path, '--quiet', 'broker', 'sync', '--broker', 'alpaca'], {
      from: 'user',
    });
  } finally {
    process.stdout.write = write;
  }
  assert.equal(process.exitCode, ExitCode.diverged);
  assert.match(out.join(''), /DIFFERENCE: order .* buy 1 AAPL market \(filled, filled 1\) was placed outside ats/);
});
