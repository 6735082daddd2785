import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, TemporaryError } from '../../src/lib/errors.js';
import { backoffDelayMs, withRetry } from '../../src/lib/http/retry.js';
import type { RetryInfo } from '../../src/lib/http/retry.js';
import { RateLimiter } from '../../src/lib/http/rate-limit.js';
import { ScrubbedHttpError } from '../../src/lib/http/redact.js';

const KEY = 'pk_live_SECRET_4242';

function httpError(status: number, retryAfter?: string): Error {
  return Object.assign(new Error(`Request failed with status code ${status}`), {
    config: { method: 'get', url: `https://api.polygon.io/v2/aggs/ticker/AAPL/range/1/day/a/b?apiKey=${KEY}` },
    response: { status, headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter }, data: {} },
  });
}

/** A fake sleep that records the delays instead of waiting. */
function recorder(): { sleep: (ms: number) => Promise<void>; delays: number[] } {
  const delays: number[] = [];
  return {
    delays,
    sleep: (ms) => {
      delays.push(ms);
      return Promise.resolve();
    },
  };
}

test('withRetry: succeeds on the third attempt, sleeping between attempts', async () => {
  const { sleep, delays } = recorder();
  const attempts: number[] = [];
  const result = await withRetry(
    (attempt) => {
      attempts.push(attempt);
      return attempt < 3 ? Promise.reject(httpError(503)) : Promise.resolve('ok');
    },
    { sleep, random: () => 1 },
  );
  assert.equal(result, 'ok');
  assert.deepEqual(attempts, [1, 2, 3]);
  assert.deepEqual(delays, [500, 1000]); // random()=1 → the full ceiling base·2^(n−1)
});

test('withRetry: delays grow exponentially and stop at maxDelayMs', async () => {
  const { sleep, delays } = recorder();
  await assert.rejects(
    withRetry(async () => Promise.reject(httpError(500)), {
      sleep,
      random: () => 0.999999,
      maxAttempts: 8,
      baseDelayMs: 100,
      maxDelayMs: 1000,
    }),
    TemporaryError,
  );
  assert.deepEqual(delays, [99, 199, 399, 799, 999, 999, 999]);
});

test('backoffDelayMs: full jitter stays within [0, ceiling)', () => {
  for (const r of [0, 0.25, 0.5, 0.999]) {
    for (let attempt = 1; attempt <= 10; attempt++) {
      const d = backoffDelayMs(attempt, { random: () => r });
      const ceiling = Math.min(30_000, 500 * 2 ** (attempt - 1));
      assert.ok(d >= 0 && d < ceiling, `attempt ${attempt} r ${r} → ${d}`);
    }
  }
  assert.equal(backoffDelayMs(1, { random: () => 0 }), 0);
  assert.equal(backoffDelayMs(3, { random: () => 0.5 }), 1000);
});

test('withRetry: Retry-After is a floor on the delay', async () => {
  const { sleep, delays } = recorder();
  let n = 0;
  await withRetry(() => (n++ === 0 ? Promise.reject(httpError(429, '12')) : Promise.resolve(1)), {
    sleep,
    random: () => 0.5,
  });
  assert.deepEqual(delays, [12_000]);
});

test('withRetry: Retry-After beyond maxRetryAfterMs gives up at once with TemporaryError', async () => {
  const { sleep, delays } = recorder();
  let calls = 0;
  const err = await withRetry(
    () => {
      calls++;
      return Promise.reject(httpError(429, '3600'));
    },
    { sleep, maxRetryAfterMs: 120_000 },
  ).catch((e: unknown) => e);
  assert.ok(err instanceof TemporaryError);
  assert.equal(calls, 1);
  assert.deepEqual(delays, []);
  assert.equal(err.retryAfterMs, 3_600_000);
  assert.match(err.message, /3600s/);
});

test('withRetry: non-retryable failure is thrown after one attempt; our errors unchanged', async () => {
  let calls = 0;
  const config = new ConfigError('POLYGON_API_KEY is not set');
  const err = await withRetry(() => {
    calls++;
    return Promise.reject(config);
  }).catch((e: unknown) => e);
  assert.equal(err, config);
  assert.equal(calls, 1);
});

test('withRetry: non-retryable foreign error is rethrown scrubbed, status kept', async () => {
  const err = await withRetry(async () => Promise.reject(httpError(401)), { sleep: async () => {} }).catch(
    (e: unknown) => e,
  );
  assert.ok(err instanceof ScrubbedHttpError);
  assert.equal(err.status, 401);
  assert.ok(!JSON.stringify(err).includes(KEY));
  assert.ok(!String(err.stack).includes(KEY));
});

test('withRetry: exhaustion → TemporaryError naming the request without its query string', async () => {
  const infos: RetryInfo[] = [];
  const err = await withRetry(async () => Promise.reject(httpError(502)), {
    sleep: async () => {},
    maxAttempts: 3,
    onRetry: (i) => infos.push(i),
  }).catch((e: unknown) => e);
  assert.ok(err instanceof TemporaryError);
  assert.equal(err.exitCode, 6);
  assert.equal(
    err.message,
    'GET https://api.polygon.io/v2/aggs/ticker/AAPL/range/1/day/a/b failed: HTTP 502 after 3 attempts',
  );
  assert.deepEqual(
    infos.map((i) => [i.attempt, i.reason]),
    [
      [1, 'HTTP 502'],
      [2, 'HTTP 502'],
    ],
  );
  assert.ok(err.cause instanceof ScrubbedHttpError);
  assert.equal(err.cause.status, 502);
  assert.ok(!JSON.stringify(err.cause).includes(KEY));
});

test('withRetry: a caller-given "what" loses its query string too', async () => {
  const err = await withRetry(async () => Promise.reject(httpError(500)), {
    sleep: async () => {},
    maxAttempts: 1,
    what: `fetch https://x.test/a?apiKey=${KEY}`,
  }).catch((e: unknown) => e);
  assert.ok(err instanceof TemporaryError);
  assert.equal(err.message, 'fetch https://x.test/a failed: HTTP 500 after 1 attempt');
});

test('withRetry: the limiter is asked before every attempt', async () => {
  let clock = 0;
  const limiter = new RateLimiter({
    perMinute: 2,
    now: () => clock,
    sleep: (ms) => {
      clock += ms;
      return Promise.resolve();
    },
  });
  const sentAt: number[] = [];
  await withRetry(
    (attempt) => {
      sentAt.push(clock);
      return attempt < 3 ? Promise.reject(httpError(500)) : Promise.resolve();
    },
    { limiter, sleep: async () => {}, random: () => 0 },
  );
  assert.deepEqual(sentAt, [0, 0, 60_000]);
});

/** axios's own timeout error: ECONNABORTED "timeout of N ms exceeded", the request in its config. */
function axiosTimeout(ms: number): Error {
  return Object.assign(new Error(`timeout of ${ms}ms exceeded`), {
    code: 'ECONNABORTED',
    config: { method: 'get', url: `https://api.polygon.io/v1/marketstatus/now?apiKey=${KEY}` },
  });
}

test('withRetry: a timeout says what timed out, after how long, and what to do; no query string', async () => {
  const infos: RetryInfo[] = [];
  const err = await withRetry(async () => Promise.reject(axiosTimeout(200)), {
    sleep: async () => {},
    maxAttempts: 2,
    timeoutMs: 200,
    what: 'Polygon market status',
    hint: 'check the network or POLYGON_BASE_URL; try again later',
    onRetry: (i) => infos.push(i),
  }).catch((e: unknown) => e);
  assert.ok(err instanceof TemporaryError);
  assert.equal(
    err.message,
    'Polygon market status timed out: no answer within 200 ms after 2 attempts ' +
      '(GET https://api.polygon.io/v1/marketstatus/now): check the network or POLYGON_BASE_URL; try again later',
  );
  assert.deepEqual(
    infos.map((i) => i.reason),
    ['no answer within 200 ms'],
  );
});

test('withRetry: the deadline stops retrying before the next backoff plus timeout would pass it', async () => {
  let clock = 0;
  const sentAt: number[] = [];
  const err = await withRetry(
    () => {
      sentAt.push(clock);
      clock += 1000; // each attempt hangs for the whole 1 s timeout
      return Promise.reject(axiosTimeout(1000));
    },
    {
      now: () => clock,
      sleep: (ms) => {
        clock += ms;
        return Promise.resolve();
      },
      random: () => 1,
      baseDelayMs: 1000,
      maxAttempts: 50,
      timeoutMs: 1000,
      deadlineMs: 10_000,
    },
  ).catch((e: unknown) => e);
  assert.ok(err instanceof TemporaryError);
  // attempts at 0, 2 s (1 s backoff), 5 s (2 s); the next would start at 10 s and hang until 11 s
  assert.deepEqual(sentAt, [0, 2000, 5000]);
  assert.ok(clock <= 10_000, `gave up at ${clock} ms`);
  assert.match(err.message, /after 3 attempts in 6 s; another would pass the 10 s deadline/);
});

test('withRetry: a hint may depend on the error (an HTTP answer vs no answer)', async () => {
  const hint = (e: unknown) => ((e as { response?: unknown }).response ? 'try again later' : 'check the network');
  const answered = await withRetry(async () => Promise.reject(httpError(503)), {
    sleep: async () => {},
    maxAttempts: 1,
    hint,
  }).catch((e: unknown) => e);
  assert.match((answered as Error).message, /HTTP 503 after 1 attempt: try again later$/);
});
