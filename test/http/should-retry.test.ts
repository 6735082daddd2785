import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BrokerError, ConfigError, DataError, TemporaryError } from '../../src/lib/errors.js';
import { shouldRetry } from '../../src/lib/http/should-retry.js';
import { parseRetryAfter } from '../../src/lib/http/retry-after.js';
import { scrubError } from '../../src/lib/http/redact.js';

const NOW = Date.UTC(2024, 0, 2, 15, 0, 0);

/** Shapes as axios 1.x builds them: AxiosError with response.{status,headers} and config. */
function axiosError(status: number, headers: Record<string, string> = {}): Error {
  return Object.assign(new Error(`Request failed with status code ${status}`), {
    name: 'AxiosError',
    code: status >= 500 ? 'ERR_BAD_RESPONSE' : 'ERR_BAD_REQUEST',
    config: { method: 'get', url: 'https://api.polygon.io/v2/aggs/x?apiKey=SECRETKEY123' },
    response: { status, headers, data: { status: 'ERROR' } },
  });
}
const codeError = (code: string, message = code): Error => Object.assign(new Error(message), { code });
/** undici fetch: TypeError('fetch failed') whose cause carries the socket code. */
const fetchFailed = (code: string): Error => new TypeError('fetch failed', { cause: codeError(code) });

const table: Array<[name: string, err: unknown, retry: boolean, retryAfterMs?: number]> = [
  ['axios 408', axiosError(408), true],
  ['axios 425', axiosError(425), true],
  ['axios 429 without Retry-After', axiosError(429), true],
  ['axios 429 Retry-After seconds', axiosError(429, { 'retry-after': '7' }), true, 7000],
  ['axios 503 Retry-After HTTP-date', axiosError(503, { 'Retry-After': 'Tue, 02 Jan 2024 15:00:30 GMT' }), true, 30000],
  ['axios 500', axiosError(500), true],
  ['axios 502', axiosError(502), true],
  ['axios 503', axiosError(503), true],
  ['axios 504', axiosError(504), true],
  ['axios 400', axiosError(400), false],
  ['axios 401 bad key', axiosError(401), false],
  ['axios 403 plan lacks endpoint', axiosError(403), false],
  ['axios 404', axiosError(404), false],
  ['axios 409', axiosError(409), false],
  ['axios 422 order rejected (Alpaca)', axiosError(422), false],
  ['axios 501 not implemented', axiosError(501), false],
  ['fetch-style statusCode 429', Object.assign(new Error('x'), { statusCode: 429 }), true],
  ['fetch-style status 503', Object.assign(new Error('x'), { status: 503 }), true],
  ['fetch-style status 404', Object.assign(new Error('x'), { status: 404 }), false],
  ['TemporaryError', new TemporaryError('rate limited', { retryAfterMs: 1500 }), true, 1500],
  ['ConfigError', new ConfigError('bad key'), false],
  ['DataError', new DataError('malformed'), false],
  ['BrokerError (order rejected)', new BrokerError('insufficient buying power'), false],
  ['ECONNRESET', codeError('ECONNRESET'), true],
  ['ECONNREFUSED', codeError('ECONNREFUSED'), true],
  ['ETIMEDOUT', codeError('ETIMEDOUT'), true],
  ['EPIPE', codeError('EPIPE'), true],
  ['EAI_AGAIN (DNS try again)', codeError('EAI_AGAIN'), true],
  ['ENOTFOUND (misconfigured host)', codeError('ENOTFOUND'), false],
  ['fetch failed / UND_ERR_SOCKET', fetchFailed('UND_ERR_SOCKET'), true],
  ['fetch failed / UND_ERR_CONNECT_TIMEOUT', fetchFailed('UND_ERR_CONNECT_TIMEOUT'), true],
  ['fetch failed / UND_ERR_HEADERS_TIMEOUT', fetchFailed('UND_ERR_HEADERS_TIMEOUT'), true],
  ['fetch failed / UND_ERR_BODY_TIMEOUT', fetchFailed('UND_ERR_BODY_TIMEOUT'), true],
  ['fetch failed / ECONNREFUSED', fetchFailed('ECONNREFUSED'), true],
  ['fetch failed / ENOTFOUND', fetchFailed('ENOTFOUND'), false],
  [
    'fetch failed / AggregateError ECONNREFUSED',
    new TypeError('fetch failed', { cause: new AggregateError([codeError('ECONNREFUSED')]) }),
    true,
  ],
  [
    'axios body cut short: status 200 + ERR_BAD_RESPONSE',
    Object.assign(new Error('stream has been aborted'), {
      code: 'ERR_BAD_RESPONSE',
      status: 200,
      response: { status: 200, headers: {} },
    }),
    true,
  ],
  ['axios socket hang up', codeError('ECONNRESET', 'socket hang up'), true],
  ['axios timeout ECONNABORTED', codeError('ECONNABORTED', 'timeout of 1000ms exceeded'), true],
  ['truncated JSON (SyntaxError)', new SyntaxError('Unexpected end of JSON input'), true],
  ['SyntaxError as cause', new Error('parse failed', { cause: new SyntaxError('Unexpected token') }), true],
  ['AbortSignal.timeout', Object.assign(new Error('timed out'), { name: 'TimeoutError' }), true],
  ['user abort', Object.assign(new Error('aborted'), { name: 'AbortError' }), false],
  ['plain Error', new Error('boom'), false],
  ['thrown string', 'boom', false],
  ['scrubbed 429 keeps status and Retry-After', scrubError(axiosError(429, { 'retry-after': '3' })), true, 3000],
  ['scrubbed ECONNRESET keeps code', scrubError(codeError('ECONNRESET')), true],
];

for (const [name, err, retry, retryAfterMs] of table) {
  test(`shouldRetry: ${name} → ${retry ? 'retry' : 'fail'}`, () => {
    const d = shouldRetry(err, NOW);
    assert.equal(d.retry, retry, d.reason);
    assert.equal(d.retryAfterMs, retryAfterMs);
    assert.ok(d.reason.length > 0);
  });
}

test('shouldRetry: reason names the status', () => {
  assert.equal(shouldRetry(axiosError(429), NOW).reason, 'HTTP 429');
});

test('parseRetryAfter: delta-seconds, HTTP-date, past date, garbage', () => {
  assert.equal(parseRetryAfter('120', NOW), 120_000);
  assert.equal(parseRetryAfter(' 0 ', NOW), 0);
  assert.equal(parseRetryAfter('1.5', NOW), 1500);
  assert.equal(parseRetryAfter(['2'], NOW), 2000); // Node header arrays
  // RFC 9110 IMF-fixdate, 90 s after NOW
  assert.equal(parseRetryAfter('Tue, 02 Jan 2024 15:01:30 GMT', NOW), 90_000);
  assert.equal(parseRetryAfter('Tue, 02 Jan 2024 14:00:00 GMT', NOW), 0);
  assert.equal(parseRetryAfter('-5', NOW), undefined);
  assert.equal(parseRetryAfter('soon', NOW), undefined);
  assert.equal(parseRetryAfter('1-2', NOW), undefined);
  assert.equal(parseRetryAfter('', NOW), undefined);
  assert.equal(parseRetryAfter(undefined, NOW), undefined);
});

/** Real errors from undici fetch, so the table's hand-made shapes are checked against the real thing. */
test('shouldRetry: real fetch errors — refused connection and reset socket retry', async (t) => {
  const server = createServer((req) => req.socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const { port } = server.address() as AddressInfo;

  const reset = await fetch(`http://127.0.0.1:${port}/`).catch((e: unknown) => e);
  assert.equal(shouldRetry(reset).retry, true, String(reset));

  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const closedPort = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const refused = await fetch(`http://127.0.0.1:${closedPort}/`).catch((e: unknown) => e);
  const d = shouldRetry(refused);
  assert.equal(d.retry, true);
  assert.equal(d.reason, 'ECONNREFUSED');
});

test('shouldRetry: real truncated JSON body from fetch retries', async (t) => {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"results":[{"t":1');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const { port } = server.address() as AddressInfo;
  const err = await fetch(`http://127.0.0.1:${port}/`)
    .then((r) => r.json())
    .catch((e: unknown) => e);
  assert.ok(err instanceof SyntaxError);
  assert.equal(shouldRetry(err).retry, true);
});
