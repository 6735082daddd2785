import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startFakePolygon, type FakePolygonOptions } from '../fakes/polygon-server.js';
import { chainVol } from '../fakes/polygon/chain.js';
import { runCli } from '../helpers/cli.js';
import { fakeBars, KEY } from '../helpers/polygon.js';
import { tempDir } from '../helpers/tmp.js';
import { openStore } from '../../src/lib/store/open.js';
import { storedChain, type OptionChainRow } from '../../src/lib/store/option-chain.js';
import { storedSymbols } from '../../src/lib/store/bars.js';

const ASOF = '2023-12-29';
// The fake lists Friday expiries after the session: 2024-01-05, -12, -19, -26.
const EXPIRIES = ['2024-01-05', '2024-01-12', '2024-01-19', '2024-01-26'];

async function rig(t: { after: (fn: () => Promise<void>) => void }, extra: Partial<FakePolygonOptions> = {}) {
  const bars = { AAPL: fakeBars('2023-06-01', ASOF, 1), MSFT: fakeBars('2023-06-01', ASOF, 2) };
  const fake = await startFakePolygon({ apiKey: KEY, bars: (s) => bars[s as 'AAPL'] ?? [], ...extra });
  t.after(() => fake.close());
  const env = {
    POLYGON_API_KEY: KEY,
    POLYGON_BASE_URL: fake.url,
    POLYGON_RATE_LIMIT: '0',
    ATS_HTTP_ATTEMPTS: '2',
    ATS_HTTP_BACKOFF_MS: '5',
  };
  return { fake, env, spot: { AAPL: bars.AAPL.at(-1)!.c, MSFT: bars.MSFT.at(-1)!.c } };
}

function chainOf(cwd: string, symbol: string, expiry: string): OptionChainRow[] {
  const store = openStore(join(cwd, 'data', 'ats.db'));
  try {
    return storedChain(store, symbol, expiry, ASOF);
  } finally {
    store.close();
  }
}

const collect = (extra: string[]) => [
  'collect',
  '--symbols',
  'AAPL',
  '--days',
  '5',
  '--asof',
  ASOF,
  '--options',
  ...extra,
];

test('collect --options --expiries 2: every page through the client, first two expiries stored, missing greeks computed', async (t) => {
  const { fake, env, spot } = await rig(t, { chainPageMax: 7 });
  const cwd = tempDir(t);
  const r = await runCli([...collect(['--expiries', '2']), '--json'], { cwd, env });
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { chains: Array<{ expiries: string[]; contracts: number }> };
  assert.deepEqual(out.chains[0]!.expiries, EXPIRIES.slice(0, 2));
  const pages = fake.requests.filter((q) => q.path === '/v3/snapshot/options/AAPL');
  assert.ok(pages.length > 2, `several pages (${pages.length})`);
  assert.ok(pages.slice(1).every((q) => q.query.cursor !== undefined && q.query.apiKey === undefined));
  const rows = chainOf(cwd, 'AAPL', EXPIRIES[0]!);
  assert.ok(rows.length > 10);
  assert.equal(out.chains[0]!.contracts, rows.length + chainOf(cwd, 'AAPL', EXPIRIES[1]!).length);
  assert.equal(chainOf(cwd, 'AAPL', EXPIRIES[2]!).length, 0, 'the third expiry is not stored');
  for (const row of rows) {
    assert.match(row.ticker, /^O:AAPL240105[CP]\d{8}$/);
    if (row.bid! > 0) assert.equal(row.priceSource, 'mid');
    assert.ok(row.bid! < row.ask!);
    assert.equal(row.underlyingPrice, spot.AAPL);
  }
  // The fake leaves IV and greeks out of every 5th contract: ours, from the mid (the fake's BSM price ± 2%).
  const model = rows.filter((x) => x.greeksSource === 'model');
  assert.ok(model.length > 0);
  for (const row of model.filter((x) => Math.abs(x.strike / spot.AAPL - 1) < 0.05))
    assert.ok(Math.abs(row.iv! - chainVol(spot.AAPL, row.strike)) < 0.02, `${row.ticker} iv ${row.iv}`);
  assert.equal(r.stderr.match(/no IV\/greeks for/g)?.length, 1, 'said once');
});

test('starter plan (no quotes): said once for all symbols, prices from the day close', async (t) => {
  const { env } = await rig(t, { chainPlan: 'starter' });
  const cwd = tempDir(t);
  const r = await runCli(['collect', '--symbols', 'AAPL,MSFT', '--days', '5', '--asof', ASOF, '--options'], {
    cwd,
    env,
  });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr.match(/no bid\/ask for/g)?.length, 1, r.stderr);
  assert.match(r.stdout, /MSFT\s+option chain: \d+ contracts, expiries 2024-01-05, 2024-01-12, 2024-01-19/);
  const rows = chainOf(cwd, 'MSFT', EXPIRIES[0]!);
  assert.ok(
    rows.every((x) => x.bid === null && x.priceSource !== 'mid') && rows.some((x) => x.priceSource === 'close'),
  );
  assert.ok(rows.some((x) => x.greeksSource === 'model') && rows.some((x) => x.greeksSource === 'polygon'));
});

test('collect --options --dte 10-21: the expiries 10 to 21 calendar days away', async (t) => {
  const { env } = await rig(t);
  const cwd = tempDir(t);
  const r = await runCli([...collect(['--dte', '10-21']), '--json'], { cwd, env });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual((JSON.parse(r.stdout) as { chains: Array<{ expiries: string[] }> }).chains[0]!.expiries, [
    '2024-01-12',
    '2024-01-19',
  ]);
});

test('a plan without chain snapshots (403): one line, exit 3, nothing written', async (t) => {
  const { env } = await rig(t, { plan: { forbidden: ['/v3/snapshot/options'] } });
  const cwd = tempDir(t);
  const r = await runCli(collect([]), { cwd, env });
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /plan does not include option chain snapshot for AAPL \(HTTP 403/);
  assert.equal(r.stderr.match(/^ats: /gm)?.length, 1, r.stderr);
  const store = openStore(join(cwd, 'data', 'ats.db'));
  t.after(() => store.close());
  assert.deepEqual(storedSymbols(store), []);
});

for (const [args, message] of [
  [['--dte', '60-7'], /--dte must be a range/],
  [['--dte', '7-60', '--expiries', '2'], /--expiries or --dte, not both/],
] as const)
  test(`collect --options ${args.join(' ')}: exit 2`, async (t) => {
    const { env } = await rig(t);
    const r = await runCli(collect([...args]), { cwd: tempDir(t), env });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, message);
  });

test('options strategy --symbol --expiry: legs from the stored chain at mid with bid/ask and IV; unknown strike exit 2', async (t) => {
  const { env, spot } = await rig(t);
  const cwd = tempDir(t);
  const c = await runCli(collect(['--expiries', '2']), { cwd, env });
  assert.equal(c.code, 0, c.stderr);
  const chain = chainOf(cwd, 'AAPL', EXPIRIES[1]!);
  const puts = chain.filter((r) => r.type === 'put' && r.strike < spot.AAPL && r.bid! > 0 && r.iv !== null);
  const [low, high] = puts.slice(-2);
  const args = ['options', 'strategy', 'bull_put_spread', '--symbol', 'AAPL', '--expiry', EXPIRIES[1]!];
  const asOf = { ...env, ATS_ASOF: ASOF };
  const r = await runCli([...args, '--strikes', `${low!.strike},${high!.strike}`, '--json'], { cwd, env: asOf });
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as {
    source: string;
    netPremium: number;
    legs: Array<{ strike: number; price: number; iv: number; bid: number; ask: number; side: string }>;
  };
  assert.match(out.source, /^market chain \(snapshot of 2023-12-29/);
  for (const [leg, row] of [
    [out.legs[0]!, low!],
    [out.legs[1]!, high!],
  ] as const) {
    assert.equal(leg.strike, row.strike);
    assert.equal(leg.price, (row.bid! + row.ask!) / 2);
    assert.deepEqual([leg.bid, leg.ask, leg.iv], [row.bid, row.ask, row.iv]);
  }
  // Sell the higher put, buy the lower: credit = 100 × (mid high − mid low).
  const credit = 100 * ((high!.bid! + high!.ask!) / 2 - (low!.bid! + low!.ask!) / 2);
  assert.ok(Math.abs(out.netPremium - credit) < 1e-9);
  const text = await runCli([...args, '--strikes', `${low!.strike},${high!.strike}`], { cwd, env: asOf });
  assert.match(text.stdout, /bid \d+\.\d\d \/ ask \d+\.\d\d/);
  const bad = await runCli([...args, '--strikes', `${low!.strike},${high!.strike + 0.5}`], { cwd, env: asOf });
  assert.equal(bad.code, 2, bad.stderr);
  assert.match(bad.stderr, /^ats: strike [\d.]+ put is not in the stored AAPL chain for 2024-01-12/m);
});
