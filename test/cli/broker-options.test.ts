/**
 * `ats broker buy|sell <OCC>` and `ats broker strategy` through the CLI against the fake Alpaca (the sample's
 * last session, 2023-12-29, is the session being processed; no chain is stored, so legs come from the model chain).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openStore } from '../../src/lib/store/open.js';
import { replaceChainSnapshot } from '../../src/lib/store/option-chain.js';
import type { OptionChainRow } from '../../src/lib/store/option-chain.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { startFakeAlpaca } from '../fakes/alpaca-server.js';
import type { FakeAlpaca } from '../fakes/alpaca-server.js';

async function setup(t: { after: (fn: () => unknown) => void }) {
  const fake = await startFakeAlpaca({ cash: 100_000, prices: { AAPL: 192.5 } });
  t.after(() => fake.close());
  const env = { APCA_API_KEY_ID: fake.keyId, APCA_API_SECRET_KEY: fake.secretKey, APCA_API_BASE_URL: fake.url };
  return { fake, env, cwd: tempDir(t) };
}

const posts = (fake: FakeAlpaca) =>
  fake.requests
    .filter((r) => r.method === 'POST' && r.path === '/v2/orders')
    .map((r) => r.body as Record<string, unknown>);

interface StrategyJson {
  source: string;
  mid: number;
  limit: number | null;
  offset: number;
  order: { symbol: string; side: string; qty: number; limitPrice: number | null; status: string };
}

const SPREAD = ['broker', 'strategy', 'bull_put_spread', '--symbol', 'AAPL', '--expiry', '2024-01-19'];

test('broker strategy: one mleg order at the model net mid + optionLimitOffset; --close reverses the legs', async (t) => {
  const { fake, env, cwd } = await setup(t);
  const args = [...SPREAD, '--strikes', '180,185', '--qty', '2', '--broker', 'alpaca'];
  const r = await runCli([...args, '--json'], { cwd, env: { ...env, ATS_OPTION_LIMIT_OFFSET: '0.05' } });
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as StrategyJson;
  assert.equal(out.source, 'model chain (no market quotes)');
  assert.ok(out.mid < 0, 'a bull put spread is a credit');
  assert.equal(out.limit, Math.round((out.mid + 0.05) * 100) / 100);
  assert.deepEqual(posts(fake), [
    {
      qty: '2',
      type: 'limit',
      time_in_force: 'day',
      client_order_id: posts(fake)[0]!.client_order_id,
      order_class: 'mleg',
      legs: [
        { symbol: 'AAPL240119P00180000', ratio_qty: '1', side: 'buy', position_intent: 'buy_to_open' },
        { symbol: 'AAPL240119P00185000', ratio_qty: '1', side: 'sell', position_intent: 'sell_to_open' },
      ],
      limit_price: out.limit?.toFixed(2),
    },
  ]);
  assert.deepEqual([out.order.symbol, out.order.side, out.order.qty], ['AAPL', 'sell', 2]);

  const again = await runCli(args, { cwd, env: { ...env, ATS_OPTION_LIMIT_OFFSET: '0.05' } });
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /^bull_put_spread: model chain \(no market quotes\)$/m);
  assert.match(again.stdout, /already placed: /);
  assert.equal(posts(fake).length, 1);

  const close = await runCli([...args, '--close', '--json'], { cwd, env });
  assert.equal(close.code, 0, close.stderr);
  const closed = JSON.parse(close.stdout) as StrategyJson;
  assert.ok(Math.abs(closed.mid + out.mid) < 1e-12, 'the closing mid is minus the opening one');
  const body = posts(fake)[1]!;
  assert.deepEqual(body.legs, [
    { symbol: 'AAPL240119P00180000', ratio_qty: '1', side: 'sell', position_intent: 'sell_to_close' },
    { symbol: 'AAPL240119P00185000', ratio_qty: '1', side: 'buy', position_intent: 'buy_to_close' },
  ]);
  assert.equal(body.limit_price, closed.limit!.toFixed(2));
});

test('broker strategy --market: a market mleg order, and only with the flag', async (t) => {
  const { fake, env, cwd } = await setup(t);
  const r = await runCli([...SPREAD, '--strikes', '180,185', '--market', '--broker', 'alpaca'], { cwd, env });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(posts(fake)[0]?.type, 'market');
  assert.equal(posts(fake)[0]?.limit_price, undefined);
});

test('broker strategy refused by the gate: exit 5, one line with the rule and numbers, nothing sent or stored', async (t) => {
  const { fake, env, cwd } = await setup(t);
  const args = ['broker', 'strategy', 'iron_condor', '--symbol', 'AAPL', '--expiry', '2024-01-19'];
  const r = await runCli([...args, '--strikes', '170,180,200,210', '--broker', 'alpaca'], {
    cwd,
    env: { ...env, MAX_RISK: 'condor=50' },
  });
  assert.equal(r.code, 5, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(
    r.stderr.trim(),
    /^ats: options gate refused iron_condor: MAX_RISK condor=\$50\.00: max loss \$\d+\.\d\d exceeds it$/,
  );
  assert.equal(posts(fake).length, 0);
  const orders = await runCli(['broker', 'orders', '--broker', 'alpaca', '--json'], { cwd, env });
  assert.deepEqual(JSON.parse(orders.stdout), []);
});

test('broker buy <OCC>: with or without O:, a day limit order of whole contracts; a malformed OCC exits 2', async (t) => {
  const { fake, env, cwd } = await setup(t);
  fake.setPrice('AAPL240119C00200000', 1.4);
  const r = await runCli(['broker', 'buy', 'AAPL240119C00200000', '1', '--limit', '1.5', '--broker', 'alpaca'], {
    cwd,
    env,
  });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /buy 1 O:AAPL240119C00200000 limit 1\.50/);
  assert.deepEqual(posts(fake)[0], {
    symbol: 'AAPL240119C00200000',
    qty: '1',
    side: 'buy',
    type: 'limit',
    time_in_force: 'day',
    client_order_id: posts(fake)[0]!.client_order_id,
    limit_price: '1.50',
  });
  for (const [bad, why] of [
    ['AAPL241319C00190000', /invalid option symbol "AAPL241319C00190000": bad date "241319": no such day/],
    ['O:AAPL240119X00190000', /bad type letter "X": expected C or P/],
    ['AAPL240119C0019', /bad strike field "0019": expected 8 digits/],
  ] as const) {
    const e = await runCli(['broker', 'sell', bad, '1', '--broker', 'alpaca'], { cwd, env });
    assert.equal(e.code, 2, e.stderr);
    assert.match(e.stderr, why);
  }
  const gtc = await runCli(['broker', 'buy', 'AAPL240119C00200000', '1', '1.5', '--tif', 'gtc', '--broker', 'alpaca'], {
    cwd,
    env,
  });
  assert.equal(gtc.code, 2, gtc.stderr);
  assert.match(gtc.stderr, /option orders are day orders/);
  assert.equal(posts(fake).length, 1);
});

function put(strike: number, bid: number, ask: number): OptionChainRow {
  return {
    ticker: `O:AAPL240119P00${strike}000`,
    underlying: 'AAPL',
    expiry: '2024-01-19',
    type: 'put',
    strike,
    bid,
    ask,
    last: null,
    dayClose: null,
    volume: null,
    openInterest: null,
    iv: 0.2,
    delta: null,
    gamma: null,
    theta: null,
    vega: null,
    underlyingPrice: 192.5,
    quoteTs: null,
    session: '2023-12-29',
    greeksSource: 'polygon',
    priceSource: 'mid',
  };
}

test("broker strategy with a stored chain: the limit is the net of the legs' mids plus the offset", async (t) => {
  const { fake, env, cwd } = await setup(t);
  const db = join(cwd, 'ats.db');
  const store = openStore(db);
  replaceChainSnapshot(store, 'AAPL', '2023-12-29', [put(180, 0.4, 0.5), put(185, 1, 1.2)], Date.now());
  store.close();
  const args = [...SPREAD, '--strikes', '180,185', '--limit-offset', '0.05', '--broker', 'alpaca', '--json'];
  const r = await runCli(args, { cwd, env: { ...env, ATS_DB: db } });
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as StrategyJson;
  assert.match(out.source, /^market chain \(snapshot of 2023-12-29/);
  // By hand: buy the 180 put at its mid 0.45, sell the 185 put at 1.10: a credit of 0.65; 0.05 more marketable.
  assert.ok(Math.abs(out.mid + 0.65) < 1e-12);
  assert.equal(out.limit, -0.6);
  assert.equal(posts(fake)[0]?.limit_price, '-0.60');
});
