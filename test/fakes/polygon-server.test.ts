/**
 * The fake Polygon itself, checked against the recorded fixtures (test/fixtures/polygon/, see
 * SOURCES.txt) with undici's fetch.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fetch } from 'undici';
import { fixturePath } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';
import { startFakePolygon } from './polygon-server.js';
import type { FakePolygon, FakePolygonOptions } from './polygon-server.js';

const KEY = 'test-key-123';
/** 2024-01-10 18:00 UTC (13:00 New York, market open): "now" for prev/snapshot/market status. */
const NOW = Date.UTC(2024, 0, 10, 18);
type Json = Record<string, unknown>;

function load(name: string): Json {
  return JSON.parse(readFileSync(fixturePath('polygon', name), 'utf8')) as Json;
}

async function withFake(
  t: { after: (fn: () => Promise<void>) => void },
  opts: Partial<FakePolygonOptions> = {},
): Promise<FakePolygon> {
  const fake = await startFakePolygon({ apiKey: KEY, now: () => NOW, ...opts });
  t.after(() => fake.close());
  return fake;
}

async function get(
  url: string,
  auth: 'query' | 'bearer' | 'none' | { apiKey: string } = 'query',
): Promise<{ status: number; headers: Headers; text: string; body: Json }> {
  const u = new URL(url);
  const headers: Record<string, string> = {};
  if (auth === 'query') u.searchParams.set('apiKey', KEY);
  else if (auth === 'bearer') headers.authorization = `Bearer ${KEY}`;
  else if (auth !== 'none') u.searchParams.set('apiKey', auth.apiKey);
  const res = await fetch(u, { headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers as unknown as Headers, text, body: JSON.parse(text) as Json };
}

const withoutRequestId = (b: Json): Json => {
  const { request_id: _drop, ...rest } = b;
  return rest;
};

test('auth: missing key, wrong key, Bearer header; the request log never holds the key', async (t) => {
  const fake = await withFake(t);
  const path = `${fake.url}/v3/reference/tickers/AAPL`;
  const missing = await get(path, 'none');
  assert.equal(missing.status, 401);
  assert.deepEqual(withoutRequestId(missing.body), withoutRequestId(load('error_api_key_not_provided.json')));
  const wrong = await get(path, { apiKey: 'nope' });
  assert.equal(wrong.status, 401);
  assert.deepEqual(withoutRequestId(wrong.body), withoutRequestId(load('error_401_unknown_api_key.json')));
  assert.equal((await get(path, 'bearer')).status, 200);
  assert.equal((await get(path, 'query')).status, 200);
  assert.deepEqual(
    fake.requests.map((r) => r.auth),
    ['none', 'query', 'header', 'query'],
  );
  assert.ok(!JSON.stringify(fake.requests).includes(KEY));
});

test('aggregates: given bars come back exactly as the recorded mock (keys, order, values)', async (t) => {
  const mock = load('mock_v2_aggs_ticker_AAPL_range_1_day_2005-04-01_2005-04-04.json');
  const fake = await withFake(t, { bars: () => mock.results as never });
  const res = await get(
    `${fake.url}/v2/aggs/ticker/AAPL/range/1/day/2005-04-01/2005-04-04?adjusted=true&sort=asc&limit=50000`,
  );
  assert.equal(res.status, 200);
  assert.deepEqual(withoutRequestId(res.body), withoutRequestId(mock));
  assert.deepEqual(Object.keys(res.body), Object.keys(mock));
  assert.match(String(res.body.request_id), /^[0-9a-f]{32}$/);
  assert.equal(fake.barRequests(), 1);
});

test('aggregates: generated daily bars sit on NYSE sessions at New York midnight and are consistent', async (t) => {
  const fake = await withFake(t, { now: () => Date.UTC(2024, 5, 1) });
  const res = await get(`${fake.url}/v2/aggs/ticker/MSFT/range/1/day/2024-01-01/2024-01-19`);
  const bars = res.body.results as Array<Record<string, number>>;
  const days = bars.map((b) => new Date((b.t as number) + 5 * 3_600_000).toISOString().slice(0, 10));
  // 2024-01-01 New Year's Day and 2024-01-15 Martin Luther King Jr. Day are NYSE holidays.
  assert.deepEqual(days, [
    '2024-01-02',
    '2024-01-03',
    '2024-01-04',
    '2024-01-05',
    '2024-01-08',
    '2024-01-09',
    '2024-01-10',
    '2024-01-11',
    '2024-01-12',
    '2024-01-16',
    '2024-01-17',
    '2024-01-18',
    '2024-01-19',
  ]);
  assert.equal(bars[0]?.t, Date.UTC(2024, 0, 2, 5)); // 00:00 EST = 05:00 UTC, like the mock's 1112331600000
  for (const b of bars) {
    assert.deepEqual(Object.keys(b), ['v', 'vw', 'o', 'c', 'h', 'l', 't', 'n']);
    assert.ok(b.l! <= Math.min(b.o!, b.c!) && b.h! >= Math.max(b.o!, b.c!) && b.v! > 0);
  }
  // Deterministic: the same request gives the same bars.
  const again = await get(`${fake.url}/v2/aggs/ticker/MSFT/range/1/day/2024-01-01/2024-01-19`);
  assert.deepEqual(again.body.results, bars);
});

test('aggregates: pagination — next_url carries a cursor and no apiKey; pages join up without gaps', async (t) => {
  const fake = await withFake(t, { pageSize: 4, now: () => Date.UTC(2024, 5, 1) });
  const whole = await get(`${fake.url}/v2/aggs/ticker/AAPL/range/1/day/2024-01-01/2024-03-31?limit=50000`);
  assert.equal(whole.body.next_url === undefined, false); // pageSize caps even a large limit
  const all: Json[] = [];
  let next: string | undefined = `${fake.url}/v2/aggs/ticker/AAPL/range/1/day/2024-01-01/2024-03-31?limit=50000`;
  let pages = 0;
  while (next !== undefined) {
    const page = await get(next);
    all.push(...(page.body.results as Json[]));
    next = page.body.next_url as string | undefined;
    pages++;
    if (next !== undefined) {
      const u = new URL(next);
      assert.equal(u.origin, fake.url);
      assert.deepEqual([...u.searchParams.keys()], ['cursor']);
      assert.ok(!next.includes('apiKey') && !next.includes(KEY));
      // Shape of the recorded example: /range/1/day/<epoch ms>/<original to>?cursor=...
      assert.match(u.pathname, /^\/v2\/aggs\/ticker\/AAPL\/range\/1\/day\/\d{13}\/2024-03-31$/);
    }
  }
  // The recorded example (openapi_v2_aggs_ticker_range.json) has the same form, its cursor decoding to "limit=2&sort=asc".
  const example = new URL(String(load('openapi_v2_aggs_ticker_range.json').next_url));
  assert.match(example.pathname, /^\/v2\/aggs\/ticker\/AAPL\/range\/1\/day\/\d{13}\/2020-01-10$/);
  assert.equal(Buffer.from(example.searchParams.get('cursor') ?? '', 'base64url').toString(), 'limit=2&sort=asc');
  const ts = all.map((b) => b.t as number);
  assert.equal(ts.length, 61); // NYSE sessions in Q1 2024 (Jan 21, Feb 20, Mar 20)
  assert.equal(pages, 16);
  assert.deepEqual(
    ts,
    [...ts].sort((a, b) => a - b),
  );
  assert.equal(new Set(ts).size, ts.length);
  assert.equal(fake.barRequests(), 17);
});

test('aggregates: sort=desc pages newest first; limit caps a page', async (t) => {
  const fake = await withFake(t, { now: () => Date.UTC(2024, 5, 1) });
  const first = await get(`${fake.url}/v2/aggs/ticker/AAPL/range/1/day/2024-01-01/2024-01-31?sort=desc&limit=5`);
  const ts = (first.body.results as Json[]).map((b) => b.t as number);
  assert.equal(ts.length, 5);
  assert.deepEqual(
    ts,
    [...ts].sort((a, b) => b - a),
  );
  assert.equal(ts[0], Date.UTC(2024, 0, 31, 5));
  const second = await get(first.body.next_url as string);
  const ts2 = (second.body.results as Json[]).map((b) => b.t as number);
  assert.ok((ts2[0] as number) < (ts[4] as number));
  assert.equal(ts2.length, 5);
});

test('aggregates: minute bars cover the session 09:30–16:00 New York, 13:00 on an early close', async (t) => {
  const fake = await withFake(t, { now: () => Date.UTC(2025, 0, 1) });
  const day = (await get(`${fake.url}/v2/aggs/ticker/AAPL/range/1/day/2024-03-15/2024-03-15`)).body.results as Json[];
  const minutes = (await get(`${fake.url}/v2/aggs/ticker/AAPL/range/1/minute/2024-03-15/2024-03-15`)).body
    .results as Array<Record<string, number>>;
  assert.equal(minutes.length, 390);
  assert.equal(minutes[0]?.t, Date.UTC(2024, 2, 15, 13, 30)); // 09:30 EDT
  assert.equal(minutes[389]?.t, Date.UTC(2024, 2, 15, 19, 59)); // last minute starts 15:59 EDT
  const d = day[0] as Record<string, number>;
  assert.equal(minutes[0]?.o, d.o);
  assert.equal(minutes[389]?.c, d.c);
  for (const m of minutes) assert.ok(m.h! <= d.h! && m.l! >= d.l!);
  // 2024-11-29, the day after Thanksgiving, closes at 13:00: 210 minutes.
  const short = await get(`${fake.url}/v2/aggs/ticker/AAPL/range/1/minute/2024-11-29/2024-11-29`);
  assert.equal(short.body.resultsCount, 210);
});

test('unknown ticker: aggregates 200 with resultsCount 0 and no results; reference 404', async (t) => {
  const fake = await withFake(t);
  fake.setBars('ZZZZ', []);
  const aggs = await get(`${fake.url}/v2/aggs/ticker/ZZZZ/range/1/day/2024-01-02/2024-01-05`);
  assert.equal(aggs.status, 200);
  assert.equal(aggs.body.resultsCount, 0);
  assert.equal('results' in aggs.body, false);
  assert.equal((await get(`${fake.url}/v3/reference/tickers/ZZZZ`)).status, 404);
  assert.equal((await get(`${fake.url}/v2/snapshot/locale/us/markets/stocks/tickers/ZZZZ`)).status, 404);
  assert.equal((await get(`${fake.url}/v2/aggs/ticker/ZZZZ/prev`)).body.resultsCount, 0);
});

test('plan: forbidden prefixes answer 403 NOT_AUTHORIZED with the recorded body', async (t) => {
  const fake = await withFake(t, { plan: { forbidden: ['/v2/snapshot', '/v3/trades'] } });
  const res = await get(`${fake.url}/v2/snapshot/locale/us/markets/stocks/tickers/AAPL`);
  assert.equal(res.status, 403);
  assert.deepEqual(withoutRequestId(res.body), withoutRequestId(load('error_403_not_authorized.json')));
  assert.equal((await get(`${fake.url}/v2/aggs/ticker/AAPL/prev`)).status, 200);
});

test('prev and snapshot: shapes of the recorded mocks; nanosecond timestamps written exactly', async (t) => {
  const fake = await withFake(t);
  const prev = await get(`${fake.url}/v2/aggs/ticker/AAPL/prev`);
  const mockPrev = load('mock_v2_aggs_ticker_AAPL_prev.json');
  assert.deepEqual(Object.keys(prev.body), Object.keys(mockPrev));
  const bar = (prev.body.results as Json[])[0] as Json;
  assert.deepEqual(Object.keys(bar), Object.keys((mockPrev.results as Json[])[0] as Json));
  assert.equal(bar.t, Date.UTC(2024, 0, 9, 5)); // NOW is during 2024-01-10: prev = 2024-01-09
  const snap = await get(`${fake.url}/v2/snapshot/locale/us/markets/stocks/tickers/AAPL`);
  const mockSnap = load('mock_v2_snapshot_locale_us_markets_stocks_tickers_AAPL.json');
  const keys = (o: unknown): string[] => Object.keys(o as Json).sort();
  assert.deepEqual(keys(snap.body.ticker), keys(mockSnap.ticker));
  for (const k of ['day', 'lastQuote', 'lastTrade', 'min', 'prevDay']) {
    assert.deepEqual(keys((snap.body.ticker as Json)[k]), keys((mockSnap.ticker as Json)[k]), k);
  }
  // "t" of lastTrade is 19 digits in the raw text, not a float rendering like 1.7e18.
  assert.match(snap.text, /"lastTrade":\{[^}]*"t":17049\d{14}[,}]/);
});

test('trades and quotes: recorded shapes, nanosecond sip_timestamp, cursor pagination, order', async (t) => {
  const fake = await withFake(t);
  const trades = await get(`${fake.url}/v3/trades/AAPL?timestamp=2024-01-09&limit=3&order=asc`);
  const mockTrade = (load('mock_v3_trades_AAPL_limit2.json').results as Json[])[0] as Json;
  const row = (trades.body.results as Json[])[0] as Json;
  for (const k of Object.keys(row)) assert.ok(k in mockTrade, `${k} not in the recorded trade`);
  const sips = [...trades.text.matchAll(/"sip_timestamp":(\d+)/g)].map((m) => BigInt(m[1] as string));
  assert.equal(sips.length, 3);
  assert.ok((sips[0] as bigint) >= BigInt(Date.UTC(2024, 0, 9, 14, 30)) * 1_000_000n);
  assert.ok((sips[0] as bigint) < (sips[1] as bigint));
  const next = new URL(trades.body.next_url as string);
  assert.deepEqual([...next.searchParams.keys()], ['cursor']);
  const page2 = await get(next.href);
  const sips2 = [...page2.text.matchAll(/"sip_timestamp":(\d+)/g)].map((m) => BigInt(m[1] as string));
  assert.ok((sips2[0] as bigint) > (sips[2] as bigint));
  const quotes = await get(`${fake.url}/v3/quotes/AAPL?timestamp=2024-01-09&limit=2`);
  const mockQuote = (load('mock_v3_quotes_AAPL_page1.json').results as Json[])[0] as Json;
  assert.deepEqual(Object.keys((quotes.body.results as Json[])[0] as Json).sort(), Object.keys(mockQuote).sort());
  const qs = [...quotes.text.matchAll(/"sip_timestamp":(\d+)/g)].map((m) => BigInt(m[1] as string));
  assert.ok((qs[0] as bigint) > (qs[1] as bigint)); // default order desc, like the recorded page
});

test('options contracts: filters, recorded row shape, cursor pages', async (t) => {
  const fake = await withFake(t);
  const q =
    'underlying_ticker=AAPL&contract_type=call&expiration_date.gte=2024-01-10&expiration_date.lte=2024-01-19&limit=5';
  const first = await get(`${fake.url}/v3/reference/options/contracts?${q}`);
  const mockRow = (load('mock_v3_reference_options_contracts_page1.json').results as Json[])[0] as Json;
  const rows: Json[] = [...(first.body.results as Json[])];
  assert.deepEqual(Object.keys(rows[0] as Json).sort(), Object.keys(mockRow).sort());
  let next = first.body.next_url as string | undefined;
  while (next !== undefined) {
    assert.ok(!next.includes(KEY));
    const page = await get(next);
    rows.push(...(page.body.results as Json[]));
    next = page.body.next_url as string | undefined;
  }
  assert.ok(rows.length > 5);
  const expiries = new Set(rows.map((r) => r.expiration_date));
  assert.deepEqual([...expiries].sort(), ['2024-01-12', '2024-01-19']);
  for (const r of rows) {
    assert.equal(r.contract_type, 'call');
    assert.match(String(r.ticker), /^O:AAPL240(112|119)C\d{8}$/);
  }
});

test('splits and dividends: recorded rows filtered by ticker; ticker details; market status', async (t) => {
  const fake = await withFake(t);
  const splits = await get(`${fake.url}/v3/reference/splits?ticker=GOOGL`);
  assert.deepEqual(splits.body.results, [
    { execution_date: '2022-07-18', split_from: 1, split_to: 20, ticker: 'GOOGL' },
  ]);
  const divs = await get(`${fake.url}/v3/reference/dividends?ticker=AIRTP&limit=1000`);
  assert.ok((divs.body.results as Json[]).length >= 1);
  for (const d of divs.body.results as Json[]) assert.equal(d.ticker, 'AIRTP');
  // The recorded splits page holds 10 rows: in pages of 4 → 4, 4, 2, newest execution_date first.
  const sizes: number[] = [];
  const dates: string[] = [];
  for (let next: string | undefined = `${fake.url}/v3/reference/splits?limit=4`; next !== undefined;) {
    const page = await get(next);
    sizes.push((page.body.results as Json[]).length);
    dates.push(...(page.body.results as Json[]).map((r) => String(r.execution_date)));
    next = page.body.next_url as string | undefined;
  }
  assert.deepEqual(sizes, [4, 4, 2]);
  assert.deepEqual(dates, [...dates].sort().reverse());
  const details = await get(`${fake.url}/v3/reference/tickers/AAPL`);
  assert.deepEqual(withoutRequestId(details.body), withoutRequestId(load('mock_v3_reference_tickers_AAPL.json')));
  const status = await get(`${fake.url}/v1/marketstatus/now`);
  assert.deepEqual(Object.keys(status.body), Object.keys(load('mock_v1_marketstatus_now.json')));
  assert.equal(status.body.market, 'open');
  assert.equal(status.body.serverTime, '2024-01-10T13:00:00-05:00');
});

test('faults: 429 with Retry-After, 500, 401, consumed in order and only on matching paths', async (t) => {
  const fake = await withFake(t);
  fake.inject({ kind: '429', retryAfterSec: 7, match: '/v2/aggs' });
  fake.inject({ kind: '500', match: '/v2/aggs' });
  fake.inject({ kind: '401', times: 2, match: '/v2/aggs' });
  const aggs = `${fake.url}/v2/aggs/ticker/AAPL/prev`;
  assert.equal((await get(`${fake.url}/v1/marketstatus/now`)).status, 200); // not matched
  const limited = await get(aggs);
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get('retry-after'), '7');
  assert.deepEqual(withoutRequestId(limited.body), withoutRequestId(load('error_429_rate_limit_UNVERIFIED.json')));
  assert.equal((await get(aggs)).status, 500);
  assert.equal((await get(aggs)).status, 401);
  assert.equal((await get(aggs)).status, 401);
  assert.equal((await get(aggs)).status, 200);
  assert.equal(fake.barRequests(), 5);
});

test('faults: slow delays the answer, reset drops the socket, truncated cuts the body', async (t) => {
  const fake = await withFake(t);
  const url = `${fake.url}/v2/aggs/ticker/AAPL/range/1/day/2023-01-01/2023-12-31?apiKey=${KEY}`;
  fake.inject({ kind: 'slow', delayMs: 300 });
  const started = Date.now();
  assert.equal((await fetch(url)).status, 200);
  assert.ok(Date.now() - started >= 290);

  fake.inject({ kind: 'reset' });
  const reset = await fetch(url).catch((e: unknown) => e);
  assert.ok(reset instanceof TypeError, String(reset));

  fake.inject({ kind: 'truncated' });
  const cut = await fetch(url)
    .then((r) => r.text())
    .catch((e: unknown) => e);
  assert.ok(cut instanceof TypeError, `expected a terminated body, got ${String(cut).slice(0, 80)}`);

  fake.inject({ kind: 'truncated', cut: 'short' });
  const short = await fetch(url);
  assert.equal(short.status, 200);
  await assert.rejects(short.json(), SyntaxError);
  assert.equal((await fetch(url)).status, 200);
});

test('faults: after lets the first requests through, hang never answers, clearFaults forgets', async (t) => {
  const fake = await withFake(t);
  const url = `${fake.url}/v2/aggs/ticker/AAPL/range/1/day/2023-01-01/2023-12-31?apiKey=${KEY}`;
  fake.inject({ kind: 'hang', match: '/v2/aggs', after: 2, times: 5 });
  assert.equal((await fetch(url)).status, 200);
  assert.equal((await fetch(`${fake.url}/v1/marketstatus/now?apiKey=${KEY}`)).status, 200); // not matched
  assert.equal((await fetch(url)).status, 200);
  const abort = new AbortController();
  const hung = fetch(url, { signal: abort.signal }).then(
    () => 'answered',
    () => 'given up',
  );
  await waitFor(() => fake.barRequests() === 3, { what: 'the third bar request' });
  let settled = false;
  void hung.then(() => (settled = true));
  // answered requests on other connections go on while it hangs
  assert.equal((await fetch(`${fake.url}/v1/marketstatus/now?apiKey=${KEY}`)).status, 200);
  assert.equal(settled, false, 'the third bar request is still unanswered');
  abort.abort();
  assert.equal(await hung, 'given up');
  fake.clearFaults();
  assert.equal((await fetch(url)).status, 200);
});
