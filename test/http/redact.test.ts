import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { scrubError } from '../../src/lib/http/redact.js';
import { scrubSecrets } from '../../src/lib/secrets.js';
import { shouldRetry } from '../../src/lib/http/should-retry.js';

const POLYGON_KEY = 'Zq9xPolygonKey_77';
const ALPACA_ID = 'PKALPACAID123456';
const ALPACA_SECRET = 'alpacaSecret/with+chars=';

test('scrubSecrets: apiKey query params, auth headers and literal secrets', () => {
  assert.equal(
    scrubSecrets('GET https://api.polygon.io/v2/aggs?adjusted=true&apiKey=abc123&limit=5'),
    'GET https://api.polygon.io/v2/aggs?adjusted=true&apiKey=***&limit=5',
  );
  assert.equal(scrubSecrets('/v3/quotes/AAPL?apikey=abc'), '/v3/quotes/AAPL?apikey=***');
  assert.equal(scrubSecrets('Authorization: Bearer abc.def'), 'Authorization: ***');
  assert.equal(scrubSecrets('{"Authorization":"Bearer abc"}'), '{"Authorization":"***"}');
  assert.equal(
    scrubSecrets('{"APCA-API-KEY-ID":"PK1","APCA-API-SECRET-KEY":"s2"}'),
    '{"APCA-API-KEY-ID":"***","APCA-API-SECRET-KEY":"***"}',
  );
  assert.equal(scrubSecrets(`key is ${POLYGON_KEY}!`, [POLYGON_KEY]), 'key is ***!');
  assert.equal(scrubSecrets(`q=${encodeURIComponent(ALPACA_SECRET)}`, [ALPACA_SECRET]), 'q=***');
  assert.equal(scrubSecrets('nothing secret here', [POLYGON_KEY]), 'nothing secret here');
  assert.equal(scrubSecrets('a short one', ['a']), 'a short one'); // too short to mask safely
});

/** Shaped like an axios 1.x AxiosError of a Polygon call (the client puts apiKey in the query). */
function axiosLikeError(): Error {
  const url = `https://api.polygon.io/v2/aggs/ticker/AAPL/range/1/day/2024-01-02/2024-01-05?apiKey=${POLYGON_KEY}`;
  const config = {
    method: 'get',
    url,
    params: { apiKey: POLYGON_KEY },
    headers: {
      Authorization: `Bearer ${POLYGON_KEY}`,
      'APCA-API-KEY-ID': ALPACA_ID,
      'APCA-API-SECRET-KEY': ALPACA_SECRET,
    },
  };
  const err = Object.assign(new Error(`Request failed with status code 429 for ${url}`), {
    name: 'AxiosError',
    code: 'ERR_BAD_REQUEST',
    config,
    request: { path: `/v2/aggs/ticker/AAPL?apiKey=${POLYGON_KEY}`, _header: `Authorization: Bearer ${POLYGON_KEY}` },
    response: {
      status: 429,
      headers: { 'retry-after': '9' },
      config,
      data: { status: 'ERROR', error: 'You have exceeded the maximum requests per minute', echo: POLYGON_KEY },
    },
  });
  err.stack = `AxiosError: Request failed for ${url}\n    at settle (axios.js:1:1)`;
  return err;
}

test('scrubError: nothing carrying a key survives, status/code/Retry-After kept', () => {
  const secrets = [POLYGON_KEY, ALPACA_ID, ALPACA_SECRET];
  const original = axiosLikeError();
  // The check must be able to fail: the original leaks the key everywhere.
  assert.ok(inspect(original, { depth: 10 }).includes(POLYGON_KEY));
  const clean = scrubError(original, secrets);
  const views = [
    JSON.stringify(clean),
    inspect(clean, { depth: 10, showHidden: true }),
    String(clean.stack),
    clean.message,
    JSON.stringify(Object.getOwnPropertyNames(clean).map((k) => (clean as unknown as Record<string, unknown>)[k])),
  ];
  for (const view of views) {
    for (const secret of secrets) assert.ok(!view.includes(secret), `leaked ${secret} in ${view}`);
  }
  assert.equal(clean.status, 429);
  assert.equal(clean.code, 'ERR_BAD_REQUEST');
  assert.equal(clean.retryAfterMs, 9000);
  assert.equal(clean.method, 'GET');
  assert.equal(clean.url, 'https://api.polygon.io/v2/aggs/ticker/AAPL/range/1/day/2024-01-02/2024-01-05?apiKey=***');
  assert.match(String(clean.body), /maximum requests per minute/);
  assert.equal(clean.name, 'AxiosError');
  const decision = shouldRetry(clean, 0);
  assert.deepEqual([decision.retry, decision.retryAfterMs], [true, 9000]);
});

test('scrubError: pattern redaction works even without the literal secret list', () => {
  const clean = scrubError(axiosLikeError());
  assert.ok(!clean.message.includes(POLYGON_KEY));
  assert.ok(!String(clean.url).includes(POLYGON_KEY));
  assert.ok(!String(clean.stack).includes(POLYGON_KEY));
});

test('scrubError: cause chain is scrubbed and keeps the socket code', () => {
  const cause = Object.assign(new Error(`connect to ?apiKey=${POLYGON_KEY} reset`), { code: 'ECONNRESET' });
  const clean = scrubError(new TypeError('fetch failed', { cause }), [POLYGON_KEY]);
  assert.ok(!inspect(clean, { depth: 10 }).includes(POLYGON_KEY));
  assert.equal((clean.cause as { code?: string }).code, 'ECONNRESET');
  assert.equal(shouldRetry(clean).retry, true);
});

test('scrubError: non-Error values become an Error', () => {
  const clean = scrubError(`failed with ${POLYGON_KEY}`, [POLYGON_KEY]);
  assert.ok(clean instanceof Error);
  assert.equal(clean.message, 'failed with ***');
});

test('scrubError: a thrown plain object names its keys, not "[object Object]", and keeps its status', () => {
  const clean = scrubError({ status: 503, detail: `key ${POLYGON_KEY}` }, [POLYGON_KEY]);
  assert.equal(clean.message, 'non-Error object thrown (keys: status, detail)');
  assert.equal(clean.status, 503);
  assert.ok(!inspect(clean, { depth: 10 }).includes(POLYGON_KEY));
});
