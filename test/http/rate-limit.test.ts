import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RateLimiter } from '../../src/lib/http/rate-limit.js';

/** A clock that only moves when the limiter sleeps. */
function fakeClock(): { now: () => number; sleep: (ms: number) => Promise<void>; slept: number[] } {
  let t = 1_000_000;
  const slept: number[] = [];
  return {
    now: () => t,
    slept,
    sleep: (ms) => {
      slept.push(ms);
      t += ms;
      return Promise.resolve();
    },
  };
}

test('RateLimiter: Polygon free plan 5/min — the 6th request waits until the 1st is a minute old', async () => {
  const clock = fakeClock();
  const limiter = new RateLimiter({ perMinute: 5, now: clock.now, sleep: clock.sleep });
  const start = clock.now();
  const grantedAt: number[] = [];
  for (let i = 0; i < 5; i++) {
    await limiter.acquire();
    grantedAt.push(clock.now() - start);
  }
  assert.deepEqual(grantedAt, [0, 0, 0, 0, 0]);
  assert.equal(limiter.waitMs(), 60_000);
  await limiter.acquire();
  assert.equal(clock.now() - start, 60_000);
  assert.deepEqual(clock.slept, [60_000]);
});

test('RateLimiter: spaced requests do not wait; window frees as old grants expire', async () => {
  const clock = fakeClock();
  const limiter = new RateLimiter({ perMinute: 5, now: clock.now, sleep: clock.sleep });
  const start = clock.now();
  for (let i = 0; i < 5; i++) {
    await limiter.acquire();
    await clock.sleep(12_000); // the caller takes 12 s per request: exactly 5 per minute
  }
  clock.slept.length = 0;
  await limiter.acquire();
  assert.deepEqual(clock.slept, []); // the first grant is 60 s old: its slot is free
  assert.equal(clock.now() - start, 60_000);
  // Now grants at 12,24,36,48,60 s: the next waits until 72 s.
  assert.equal(limiter.waitMs(), 12_000);
});

test('RateLimiter: concurrent callers are served in order, never more than N per window', async () => {
  const clock = fakeClock();
  const limiter = new RateLimiter({ perMinute: 2, now: clock.now, sleep: clock.sleep });
  const start = clock.now();
  const order: Array<[number, number]> = [];
  await Promise.all([0, 1, 2, 3, 4].map((i) => limiter.acquire().then(() => order.push([i, clock.now() - start]))));
  assert.deepEqual(order, [
    [0, 0],
    [1, 0],
    [2, 60_000],
    [3, 60_000],
    [4, 120_000],
  ]);
});

test('RateLimiter: perMinute <= 0, Infinity or undefined is unlimited', async () => {
  for (const perMinute of [0, -1, Infinity, undefined]) {
    const limiter = new RateLimiter({
      perMinute,
      sleep: () => assert.fail('unlimited limiter must not sleep'),
    });
    assert.equal(limiter.unlimited, true);
    for (let i = 0; i < 100; i++) await limiter.acquire();
    assert.equal(limiter.waitMs(), 0);
  }
});

test('RateLimiter: a wait of a second or more is announced once, with its length; short waits are not', async () => {
  const clock = fakeClock();
  const notices: Array<[number, number]> = [];
  const limiter = new RateLimiter({
    perMinute: 5,
    now: clock.now,
    sleep: clock.sleep,
    onWait: (ms, perMinute) => notices.push([ms, perMinute]),
  });
  for (let i = 0; i < 5; i++) await limiter.acquire();
  assert.deepEqual(notices, []);
  await clock.sleep(59_500); // the 6th request comes 0.5 s before a slot frees: too short to mention
  await limiter.acquire();
  assert.deepEqual(notices, []);
  // At 60 s the first five grants have expired: four more fill the window without waiting.
  for (let i = 0; i < 4; i++) await limiter.acquire();
  assert.deepEqual(notices, []);
  await limiter.acquire(); // the window is full of grants made at 60 s: wait until 120 s
  assert.deepEqual(notices, [[60_000, 5]]);
});
