/**
 * Every entry daily --trade places carries its exits at the broker, and broker sync then finds nothing missing;
 * broker sync reports each protection problem and --repair fixes it once (paper simulator, CLI children).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DailyRun } from '../../src/lib/pipeline/daily.js';
import type { PlannedTrade } from '../../src/lib/pipeline/steps/orders.js';
import type { SyncResult } from '../../src/commands/broker.js';
import type { LedgerOrder } from '../../src/lib/store/orders.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const SYMBOLS = 'AAPL,AMZN,GOOGL,META,MSFT,NVDA,TSLA';

test('daily --trade on paper: each entry is a bracket with the planned stop and take-profit; sync finds none missing', async (t) => {
  const cwd = tempDir(t);
  const daily = await runCli(
    [
      'daily',
      '--symbols',
      SYMBOLS,
      '--days',
      '1000',
      '--asof',
      '2023-12-29',
      '--trade',
      '--force-model', // orders on the sample need the gate forced open (no out-of-sample edge)
      '--threshold',
      '0.5',
      '--json',
      '--quiet',
    ],
    { cwd, env: { ATS_REWARD_RISK: '3' } },
  );
  assert.equal(daily.code, 0, daily.stderr);
  const run = JSON.parse(daily.stdout) as DailyRun;
  assert.match(run.steps.find((s) => s.name === 'protect')?.summary ?? '', /0 position\(s\): all protected/);
  const trades = (run.results.trades as PlannedTrade[]).filter((x) => x.shares > 0);
  assert.ok(trades.length >= 1, JSON.stringify(run.results.trades));
  const orders = JSON.parse(
    (await runCli(['broker', 'orders', '--json'], { cwd, env: { ATS_ASOF: '2023-12-29' } })).stdout,
  ) as LedgerOrder[];
  for (const tr of trades) {
    const mine = orders.filter((o) => o.symbol === tr.symbol);
    const entry = mine.find((o) => o.intent === 'entry');
    const stop = mine.find((o) => o.type === 'stop');
    const tp = mine.find((o) => o.type === 'limit');
    assert.equal(entry?.status, 'filled', tr.symbol);
    assert.deepEqual([stop?.side, stop?.qty, stop?.stopPrice, stop?.status], ['sell', tr.shares, tr.stop, 'new']);
    assert.deepEqual([tp?.side, tp?.qty, tp?.limitPrice], ['sell', tr.shares, tr.takeProfit]);
    // entry − 2 ATR below, 3 × the stop distance above (ATS_REWARD_RISK=3), both to the cent
    assert.ok(Math.abs(tr.stop - tr.entry * (1 - 2 * tr.atrPct)) <= 0.005, `${tr.symbol} stop ${tr.stop}`);
    assert.ok(Math.abs(tr.takeProfit - (tr.entry + 3 * (tr.entry - tr.stop))) <= 0.005, `${tr.symbol} tp`);
  }
  const sync = await runCli(['broker', 'sync', '--json'], { cwd, env: { ATS_ASOF: '2023-12-29' } });
  assert.equal(sync.code, 0, sync.stdout + sync.stderr);
  const report = JSON.parse(sync.stdout) as SyncResult;
  assert.deepEqual(report.protection.findings, []);
  assert.equal(report.protection.positions.length, trades.length);
  for (const p of report.protection.positions) assert.deepEqual([p.stops.length, p.takeProfits.length], [1, 1]);
});

test('broker sync reports missing, duplicated and orphaned protection; --repair fixes each once', async (t) => {
  const cwd = tempDir(t);
  const cli = (...args: string[]) => runCli(args, { cwd, env: { ATS_ASOF: '2023-12-29' } });
  assert.equal((await cli('collect', '--symbols', 'AAPL,MSFT,TSLA', '--days', '60')).code, 0);
  for (const args of [
    ['broker', 'buy', 'AAPL', '10'],
    ['broker', 'buy', 'MSFT', '5'],
    ['broker', 'sell', 'MSFT', '5', '--type', 'stop', '--stop', '350', '--tif', 'gtc', '--run-id', 'a'],
    ['broker', 'sell', 'MSFT', '5', '--type', 'stop', '--stop', '355', '--tif', 'gtc', '--run-id', 'b'],
    ['broker', 'buy', 'TSLA', '2'],
    ['broker', 'sell', 'TSLA', '2', '--type', 'stop', '--stop', '200', '--tif', 'gtc'],
    ['broker', 'sell', 'TSLA', '2'],
  ]) {
    const r = await cli(...args);
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  }
  const seen = await cli('broker', 'sync');
  assert.equal(seen.code, 9, 'problems left: exit 9');
  assert.match(seen.stdout, /protection: 2 position\(s\), 1 missing, 1 duplicated, 1 orphaned/);
  assert.match(seen.stdout, /MISSING: AAPL: position of 10 has no stop at the broker/);
  assert.match(seen.stdout, /DUPLICATED: MSFT: stops cover 10 shares, the position holds 5/);
  assert.match(seen.stdout, /ORPHANED: TSLA: sell stop 2 @ 200/);

  const fixed = await cli('broker', 'sync', '--repair');
  assert.equal(fixed.code, 0, fixed.stdout + fixed.stderr);
  // AAPL's ATR(14) on 2023-12-29 from the stored sample bars gives the stop (the line names the rule and numbers)
  assert.match(fixed.stdout, /repaired: AAPL: placed sell stop 10 @ [0-9.]+ \(entry [0-9.]+ − 2 ATR\(14\) [0-9.]+\)/);
  assert.match(fixed.stdout, /repaired: MSFT: canceled sell stop 5 @ 350 \(a duplicate of a better stop\)/);
  assert.match(fixed.stdout, /repaired: TSLA: canceled sell stop 2 @ 200 \(protects no position\)/);

  const again = await cli('broker', 'sync', '--repair', '--json');
  assert.equal(again.code, 0, again.stderr);
  const report = JSON.parse(again.stdout) as SyncResult;
  assert.deepEqual([report.protection.findings, report.protection.repairs], [[], []], 'nothing repaired twice');
});

test('daily --trade on the fake Alpaca: bracket bodies with both legs; sync finds none missing', async (t) => {
  const { startFakeAlpaca } = await import('../fakes/alpaca-server.js');
  const { readFileSync } = await import('node:fs');
  const { parseBarsCsv } = await import('../../src/lib/market/csv-bars.js');
  const close = (s: string) => {
    const bars = parseBarsCsv(readFileSync(`data/sample/${s}.csv`, 'utf8'), s);
    return bars.find((b) => b.ts === Math.max(...bars.map((x) => x.ts)))?.close ?? 0;
  };
  const alpaca = await startFakeAlpaca({
    cash: 100_000,
    prices: Object.fromEntries(SYMBOLS.split(',').map((s) => [s, close(s)])),
  });
  t.after(() => alpaca.close());
  const cwd = tempDir(t);
  const env = {
    APCA_API_KEY_ID: alpaca.keyId,
    APCA_API_SECRET_KEY: alpaca.secretKey,
    APCA_API_BASE_URL: alpaca.url,
    ATS_ASOF: '2023-12-29',
  };
  const args = [
    'daily',
    '--symbols',
    SYMBOLS,
    '--days',
    '1000',
    '--trade',
    '--force-model',
    '--threshold',
    '0.5',
    '--broker',
    'alpaca',
  ];
  const daily = await runCli([...args, '--json', '--quiet'], { cwd, env });
  assert.equal(daily.code, 0, daily.stderr);
  const posts = alpaca.requests.filter((r) => r.method === 'POST' && r.path === '/v2/orders');
  assert.ok(posts.length >= 1);
  for (const p of posts) {
    const body = p.body as Record<string, { stop_price?: string; limit_price?: string } | string>;
    assert.equal(body.order_class, 'bracket');
    assert.equal(body.time_in_force, 'gtc');
    assert.match((body.stop_loss as { stop_price: string }).stop_price, /^\d+\.\d{2}$/);
    assert.match((body.take_profit as { limit_price: string }).limit_price, /^\d+\.\d{2}$/);
  }
  const sync = await runCli(['broker', 'sync', '--broker', 'alpaca', '--json'], { cwd, env });
  const report = JSON.parse(sync.stdout) as SyncResult;
  assert.deepEqual(report.protection.findings, [], sync.stdout);
  assert.equal(report.protection.positions.length, posts.length);
  for (const p of report.protection.positions) assert.deepEqual([p.stops.length, p.takeProfits.length], [1, 1]);
});
