import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectDaily, lastSessions } from '../../src/lib/collect/collect-daily.js';
import { backfillDaily } from '../../src/lib/collect/backfill.js';
import { collectUniverse, THREADED_WRITER_MIN_SYMBOLS } from '../../src/lib/collect/collect-symbols.js';
import { silentLogger } from '../../src/lib/log.js';
import { loadBars } from '../../src/lib/store/bars.js';
import { ConfigError, TemporaryError } from '../../src/lib/errors.js';
import { nyMidnight } from '../../src/lib/time.js';
import { fakeBars, polygonRig, KEY } from '../helpers/polygon.js';

const BARS = { AAPL: fakeBars('2023-01-03', '2023-12-29', 1), MSFT: fakeBars('2023-01-03', '2023-12-29', 2) };

/** Stored bars equal the served ones exactly: nothing lost, nothing duplicated, nothing altered. */
function assertStoredEqualsServed(
  store: Parameters<typeof loadBars>[0],
  symbol: 'AAPL' | 'MSFT',
  from: string,
  to: string,
): void {
  const lo = nyMidnight(from);
  const hi = nyMidnight(to);
  const stored = loadBars(store, symbol, '1d').map((b) => [
    b.ts,
    b.open,
    b.high,
    b.low,
    b.close,
    b.volume,
    b.vwap,
    b.trades,
  ]);
  const served = BARS[symbol]
    .filter((b) => b.t >= lo && b.t <= hi)
    .map((b) => [b.t, b.o, b.h, b.l, b.c, b.v, b.vw, b.n]);
  assert.deepEqual(stored, served);
}

test('incremental collect: the first run fetches the window, the second requests no bars', async (t) => {
  const { fake, source, store } = await polygonRig(t, BARS);
  const first = await collectDaily(store, source, 'AAPL', { days: 60, asOf: '2023-12-29' });
  assert.equal(first.newBars, 60);
  assert.equal(fake.barRequests(), 1);
  const second = await collectDaily(store, source, 'AAPL', { days: 60, asOf: '2023-12-29' });
  assert.equal(second.newBars, 0);
  assert.equal(second.requests, 0);
  assert.equal(fake.barRequests(), 1, 'the second run made no bar request');
  assert.ok(fake.requests.every((r) => !JSON.stringify(r.query).includes(KEY)));
});

test('gaps inside the window are filled with one request per missing run', async (t) => {
  const { fake, source, store } = await polygonRig(t, BARS);
  await collectDaily(store, source, 'MSFT', { days: 100, asOf: '2023-12-29' });
  for (const d of ['2023-10-02', '2023-10-03', '2023-11-15'])
    store.db.prepare('DELETE FROM bars WHERE symbol = ? AND ts = ?').run('MSFT', nyMidnight(d));
  const before = fake.barRequests();
  const r = await collectDaily(store, source, 'MSFT', { days: 100, asOf: '2023-12-29' });
  assert.equal(r.gapsFilled, 3);
  assert.equal(fake.barRequests() - before, 2, 'two runs: Oct 2–3 and Nov 15');
  assertStoredEqualsServed(store, 'MSFT', lastSessions('2023-12-29', 100)[0]!, '2023-12-29');
});

test('pagination: later pages first from the client are put in order with no duplicate', async (t) => {
  const { fake, source, store } = await polygonRig(t, BARS, { pageSize: 7 });
  const bars = await source.dailyBars('AAPL', '2023-01-03', '2023-12-29');
  assert.equal(bars.length, BARS.AAPL.length);
  for (let i = 1; i < bars.length; i++) assert.ok(bars[i]!.ts > bars[i - 1]!.ts, 'strictly increasing');
  assert.ok(fake.barRequests() > 30, 'every page was followed');
  assert.ok(fake.requests.filter((r) => r.path.startsWith('/v2/aggs')).every((r) => r.auth !== 'none'));
  await backfillDaily(store, source, 'AAPL', '2023-01-03', '2023-12-29');
  assertStoredEqualsServed(store, 'AAPL', '2023-01-03', '2023-12-29');
});

const FAULTS = [
  { kind: '429', retryAfterSec: 0 },
  { kind: '500' },
  { kind: 'hang' }, // never answered: the client's timeout fires, whatever the machine's speed
  { kind: 'truncated' },
  { kind: 'truncated', cut: 'short' },
  { kind: 'reset' },
] as const;

for (const fault of FAULTS) {
  test(`fault ${fault.kind}${'cut' in fault ? `/${fault.cut}` : ''}: retried, then no lost and no duplicated bar`, async (t) => {
    // A shorter client timeout only where the fake hangs: still far above a local answer, and every
    // request keeps two spare attempts (the rig allows four).
    const timeoutMs = fault.kind === 'hang' ? 2000 : undefined;
    const { fake, source, store } = await polygonRig(t, BARS, { pageSize: 50, timeoutMs });
    fake.inject({ ...fault, times: 2, match: '/v2/aggs' });
    const r = await backfillDaily(store, source, 'AAPL', '2023-01-03', '2023-12-29');
    assert.equal(r.added, BARS.AAPL.length);
    assertStoredEqualsServed(store, 'AAPL', '2023-01-03', '2023-12-29');
  });
}

test('a 429 with Retry-After is honoured before the retry', async (t) => {
  const { fake, source, store } = await polygonRig(t, BARS);
  fake.inject({ kind: '429', retryAfterSec: 1, match: '/v2/aggs' });
  const t0 = Date.now();
  await collectDaily(store, source, 'AAPL', { days: 5, asOf: '2023-12-29' });
  assert.ok(Date.now() - t0 >= 950, 'waited for Retry-After');
});

test('retries exhausted → TemporaryError without the key, and the store keeps what it had', async (t) => {
  const { fake, source, store } = await polygonRig(t, BARS);
  await collectDaily(store, source, 'AAPL', { days: 5, asOf: '2023-12-15' });
  fake.inject({ kind: '500', times: 10, match: '/v2/aggs' });
  await assert.rejects(collectDaily(store, source, 'AAPL', { days: 5, asOf: '2023-12-29' }), (e: unknown) => {
    assert.ok(e instanceof TemporaryError, String(e));
    assert.ok(!JSON.stringify({ m: (e as Error).message, s: (e as Error).stack }).includes(KEY));
    return true;
  });
  assert.equal(loadBars(store, 'AAPL', '1d').length, 5);
});

test('bad key (401) and plan limit (403) are ConfigErrors naming the endpoint, never retried', async (t) => {
  const bad = await polygonRig(t, BARS, { key: 'wrong-key-123456' });
  await assert.rejects(
    bad.source.dailyBars('AAPL', '2023-12-01', '2023-12-29'),
    (e: unknown) =>
      e instanceof ConfigError &&
      /HTTP 401/.test(e.message) &&
      /daily aggregates for AAPL/.test(e.message) &&
      !e.message.includes('wrong-key'),
  );
  assert.equal(bad.fake.barRequests(), 1);
  const plan = await polygonRig(t, BARS, { forbidden: ['/v3/reference/options'] });
  await assert.rejects(
    plan.source.optionContracts('AAPL', '2023-12-29'),
    (e: unknown) =>
      e instanceof ConfigError &&
      /HTTP 403 NOT_AUTHORIZED/.test(e.message) &&
      /option contracts for AAPL/.test(e.message),
  );
  assert.equal(plan.fake.requests.filter((r) => r.path.startsWith('/v3/reference/options')).length, 1);
});

test('extras: minute bars, option contracts of the nearest expiry, splits, dividends, details, snapshot, trades', async (t) => {
  const { source } = await polygonRig(t, BARS);
  const minutes = await source.minuteBars('AAPL', '2023-12-29');
  assert.ok(minutes.length >= 300 && minutes.every((b) => b.timeframe === '1m'));
  const contracts = await source.optionContracts('AAPL', '2023-12-29');
  assert.ok(contracts.length > 0);
  assert.equal(new Set(contracts.map((c) => c.expirationDate)).size, 1, 'one expiry: the nearest');
  assert.ok(contracts.every((c) => c.underlying === 'AAPL'));
  const details = await source.tickerDetails('AAPL');
  assert.equal(details?.symbol, 'AAPL');
  const snap = await source.snapshot('AAPL');
  assert.equal(snap?.symbol, 'AAPL');
  const trades = await source.recentTrades('AAPL', 10);
  assert.ok(
    trades.every((tr) => /^\d{19}$/.test(tr.tsNs)),
    'nanosecond timestamps kept exactly as digits',
  );
  await source.splits('AAPL');
  await source.dividends('AAPL');
});

test('a large universe is written through the writer thread: every bar and one log row per symbol', async (t) => {
  const symbols = Array.from({ length: 25 }, (_, i) => `Z${String.fromCharCode(65 + i)}`);
  const served = Object.fromEntries(symbols.map((s, i) => [s, fakeBars('2023-06-01', '2023-12-29', i + 10)]));
  const { source, store } = await polygonRig(t, served, { pageSize: 40 });
  assert.ok(symbols.length >= THREADED_WRITER_MIN_SYMBOLS);
  const report = await collectUniverse(store, source, symbols, {
    days: 100,
    asOf: '2023-12-29',
    now: Date.now,
    log: silentLogger,
  });
  assert.equal(report.symbols.length, 25);
  for (const [i, s] of symbols.entries()) {
    assert.equal(report.symbols[i]!.symbol, s, 'results keep the order of the symbols');
    const want = served[s]!.slice(-100).map((b) => [b.t, b.c]);
    assert.deepEqual(
      loadBars(store, s, '1d').map((b) => [b.ts, b.close]),
      want,
    );
  }
  const logged = store.db
    .prepare("SELECT COUNT(*) AS n FROM collection_log WHERE command = 'collect' AND status = 'ok'")
    .get() as { n: number };
  assert.equal(logged.n, 25);
});
