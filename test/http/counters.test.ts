import { test } from 'node:test';
import assert from 'node:assert/strict';
import { httpCounts } from '../../src/lib/http/counters.js';
import { RateLimiter } from '../../src/lib/http/rate-limit.js';
import { withRetry } from '../../src/lib/http/retry.js';

test('the retry policy and the rate limiter count what they did', async () => {
  const before = httpCounts();
  let calls = 0;
  const result = await withRetry(
    () =>
      ++calls < 3
        ? Promise.reject(Object.assign(new Error('unavailable'), { response: { status: 503, headers: {} } }))
        : Promise.resolve('done'),
    { sleep: () => Promise.resolve(), baseDelayMs: 1 },
  );
  assert.equal(result, 'done');
  const after = httpCounts();
  assert.equal((after.retries.get('HTTP 503') ?? 0) - (before.retries.get('HTTP 503') ?? 0), 2);

  let now = 0;
  const limiter = new RateLimiter({
    perMinute: 1,
    now: () => now,
    sleep: (ms) => {
      now += ms;
      return Promise.resolve();
    },
  });
  await limiter.acquire();
  await limiter.acquire(); // waits the whole minute
  const waited = httpCounts();
  assert.equal(waited.rateLimitWaits - after.rateLimitWaits, 1);
  assert.equal(waited.rateLimitWaitMs - after.rateLimitWaitMs, 60_000);
});
