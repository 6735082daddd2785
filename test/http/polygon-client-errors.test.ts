/**
 * The retry layer against the REAL error objects of @polygon.io/client-js v8 (axios 1.x inside),
 * produced by the fake Polygon's injected faults. Guards the hand-made shapes of should-retry.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { GetStocksAggregatesSortEnum, GetStocksAggregatesTimespanEnum, restClient } from '@polygon.io/client-js';
import { TemporaryError } from '../../src/lib/errors.js';
import { scrubError } from '../../src/lib/http/redact.js';
import { withRetry } from '../../src/lib/http/retry.js';
import { shouldRetry } from '../../src/lib/http/should-retry.js';
import { startFakePolygon } from '../fakes/polygon-server.js';
import type { Fault } from '../fakes/polygon-server.js';

const KEY = 'client-key-789xyz';
const NOW = Date.UTC(2024, 0, 10, 18);
const DAY = GetStocksAggregatesTimespanEnum.Day;

async function fakeAndClient(t: { after: (fn: () => Promise<void>) => void }, pageSize?: number) {
  const fake = await startFakePolygon({ apiKey: KEY, now: () => NOW, ...(pageSize === undefined ? {} : { pageSize }) });
  t.after(() => fake.close());
  return { fake, rest: restClient(KEY, fake.url) };
}

const cases: Array<[Fault, boolean, number | undefined]> = [
  [{ kind: '429', retryAfterSec: 7 }, true, 7000],
  [{ kind: '500' }, true, undefined],
  [{ kind: '401' }, false, undefined],
  [{ kind: 'reset' }, true, undefined],
  [{ kind: 'truncated' }, true, undefined], // axios: status 200 + ERR_BAD_RESPONSE "stream has been aborted"
];

for (const [fault, retry, retryAfterMs] of cases) {
  test(`client-js error for fault ${fault.kind}: shouldRetry=${retry}, scrubbed copy has no key`, async (t) => {
    const { fake, rest } = await fakeAndClient(t);
    fake.inject(fault);
    const err = await rest.getStocksAggregates('AAPL', 1, DAY, '2024-01-02', '2024-01-05').catch((e: unknown) => e);
    assert.ok(err instanceof Error);
    assert.ok(inspect(err, { depth: 6 }).includes(KEY)); // the raw axios error leaks the key…
    const d = shouldRetry(err, NOW);
    assert.equal(d.retry, retry, d.reason);
    assert.equal(d.retryAfterMs, retryAfterMs);
    const clean = scrubError(err, [KEY], NOW);
    assert.ok(!inspect(clean, { depth: 10, showHidden: true }).includes(KEY)); // …the scrubbed one does not
    assert.ok(!JSON.stringify(clean).includes(KEY));
    assert.deepEqual(shouldRetry(clean, NOW), d);
  });
}

test('client-js: 403 NOT_AUTHORIZED is not retried and keeps its body message', async (t) => {
  const fake = await startFakePolygon({ apiKey: KEY, plan: { forbidden: ['/v2/snapshot'] } });
  t.after(() => fake.close());
  const err = await restClient(KEY, fake.url)
    .getStocksSnapshotTicker('AAPL')
    .catch((e: unknown) => e);
  assert.equal(shouldRetry(err).retry, false);
  const clean = scrubError(err, [KEY]);
  assert.equal(clean.status, 403);
  assert.match(String(clean.body), /NOT_AUTHORIZED/);
});

test('withRetry over client-js: two 500s then success, three requests', async (t) => {
  const { fake, rest } = await fakeAndClient(t);
  fake.inject({ kind: '500', times: 2 });
  const body = (await withRetry(() => rest.getStocksAggregates('AAPL', 1, DAY, '2024-01-02', '2024-01-05'), {
    sleep: async () => {},
    secrets: [KEY],
  })) as { resultsCount: number };
  assert.equal(body.resultsCount, 4);
  assert.equal(fake.barRequests(), 3);
});

test('withRetry over client-js: exhaustion gives a TemporaryError without the key', async (t) => {
  const { fake, rest } = await fakeAndClient(t);
  fake.inject({ kind: 'reset', times: 5 });
  const err = await withRetry(() => rest.getStocksAggregates('AAPL', 1, DAY, '2024-01-02', '2024-01-05'), {
    sleep: async () => {},
    secrets: [KEY],
  }).catch((e: unknown) => e);
  assert.ok(err instanceof TemporaryError);
  assert.equal(fake.barRequests(), 5);
  assert.match(
    err.message,
    /^GET http:\/\/127\.0\.0\.1:\d+\/v2\/aggs\/ticker\/AAPL\/range\/1\/day\/2024-01-02\/2024-01-05 failed: ECONNRESET after 5 attempts$/,
  );
  assert.ok(!inspect(err, { depth: 10 }).includes(KEY));
});

/**
 * Documents a client-js v8.2 quirk the market-data code must handle: with { pagination: true } it
 * follows next_url (appending &apiKey=) but concatenates LATER pages FIRST.
 */
test('client-js pagination: follows next_url with the key in the query, pages come back later-first', async (t) => {
  const { fake } = await fakeAndClient(t, 2);
  const rest = restClient(KEY, fake.url, { pagination: true });
  const body = (await rest.getStocksAggregates(
    'AAPL',
    1,
    DAY,
    '2024-01-02',
    '2024-01-09',
    true,
    GetStocksAggregatesSortEnum.Asc,
    50000,
  )) as {
    results: Array<{ t: number }>;
  };
  const days = body.results.map((b) => new Date(b.t + 5 * 3_600_000).toISOString().slice(0, 10));
  assert.deepEqual(days, ['2024-01-08', '2024-01-09', '2024-01-04', '2024-01-05', '2024-01-02', '2024-01-03']);
  assert.deepEqual(
    fake.requests.map((r) => r.auth),
    ['query', 'query', 'query'],
  );
  assert.deepEqual(Object.keys(fake.requests[1]?.query ?? {}), ['cursor']);
});
