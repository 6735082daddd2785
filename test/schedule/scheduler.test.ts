import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/lib/store/open.js';
import { parseTimeOfDay } from '../../src/lib/schedule/run-time.js';
import { runScheduler, setPaused, withSchedulerLock, type SchedulerClock } from '../../src/lib/schedule/scheduler.js';
import { scheduleStatus } from '../../src/lib/schedule/status.js';
import { dailyProcessRunner } from '../../src/lib/schedule/daily-process.js';
import { defaultConfig } from '../../src/lib/config.js';
import { LockedError } from '../../src/lib/store/daily-lock.js';
import { finishRun, startRun } from '../../src/lib/store/run-log.js';
import { tempDir } from '../helpers/tmp.js';

// Sessions around Thanksgiving 2026 (NYSE 2026 holiday calendar, nyse.com): Wed 11-25 regular, Thu 11-26 closed,
// Fri 11-27 closes 13:00 → run 13:30 EST = 18:30Z, Mon 11-30 and Tue 12-01 regular → 16:30 EST = 21:30Z.

/** A clock that jumps to whatever instant the scheduler sleeps until, and stops the loop after `endMs`. */
function fakeClock(startMs: number, endMs: number): SchedulerClock & { advance: (ms: number) => void } {
  let t = startMs;
  return {
    now: () => t,
    sleepUntil: (ms) => {
      if (ms > endMs) return Promise.resolve(false);
      t = Math.max(t, ms);
      return Promise.resolve(true);
    },
    advance: (ms) => (t += ms),
  };
}

function freshStore(t: Parameters<typeof tempDir>[0]): Store {
  const store = openStore(join(tempDir(t), 'ats.db'));
  t.after(() => store.close());
  return store;
}

test('fake clock: one daily per session, holiday skipped, half day at 13:30, a failure does not stop the loop', async (t) => {
  const store = freshStore(t);
  const clock = fakeClock(Date.parse('2026-11-25T17:00:00Z'), Date.parse('2026-12-02T04:00:00Z'));
  const started: string[] = [];
  const log: string[] = [];
  await runScheduler({
    store,
    at: parseTimeOfDay('16:30'),
    log: (line) => log.push(line),
    clock,
    runDaily: (session) => {
      started.push(`${session}@${new Date(clock.now()).toISOString()}`);
      clock.advance(12 * 60_000); // the run takes 12 minutes
      if (session === '2026-11-25') return Promise.reject(new Error('store is locked by a crashed run'));
      if (session === '2026-11-27') return Promise.resolve({ exitCode: 7, message: 'quality gate failed' });
      return Promise.resolve({ exitCode: 0, message: 'daily 2026-11-30 completed' });
    },
  });
  assert.deepEqual(started, [
    '2026-11-25@2026-11-25T21:30:00.000Z',
    '2026-11-27@2026-11-27T18:30:00.000Z',
    '2026-11-30@2026-11-30T21:30:00.000Z',
    '2026-12-01@2026-12-01T21:30:00.000Z',
  ]);
  assert.ok(log.some((l) => l.includes('2026-11-25: ats daily failed (exit 1): could not start ats daily')));
  assert.ok(log.some((l) => l.includes('2026-11-27: ats daily failed (exit 7): quality gate failed')));
  const status = scheduleStatus(store, defaultConfig(process.cwd()), clock.now());
  assert.equal(status.lastResult?.session, '2026-12-01');
  assert.equal(status.lastResult?.status, 'ok');
  assert.equal(status.nextRun.session, '2026-12-02');
  assert.equal(status.nextRun.ny, '2026-12-02 16:30 America/New_York');
  assert.equal(status.lastDaily, null);
  const id = startRun(store, { session: '2026-12-01', configHash: 'h', startedAt: 1, pid: 1, symbols: ['AAPL'] });
  finishRun(store, id, 'failed', 2, 'quality gate');
  assert.deepEqual(scheduleStatus(store, defaultConfig(process.cwd()), clock.now()).lastDaily, {
    session: '2026-12-01',
    status: 'failed',
    startedAt: 1,
    finishedAt: 2,
    error: 'quality gate',
  });

  // A restarted scheduler on the same store after Friday's run does not start Friday again.
  const again: string[] = [];
  await runScheduler({
    store,
    at: parseTimeOfDay('16:30'),
    log: () => {},
    clock: fakeClock(Date.parse('2026-12-01T22:00:00Z'), Date.parse('2026-12-02T00:00:00Z')),
    runDaily: (session) => {
      again.push(session);
      return Promise.resolve({ exitCode: 0, message: '' });
    },
  });
  assert.deepEqual(again, []);
});

test('pause skips a session (recorded), resume lets the next one run; a late start catches up the same day', async (t) => {
  const store = freshStore(t);
  // Started at 17:00 New York on Friday 11-27 (after the 13:30 half-day run time): catches up at once.
  const clock = fakeClock(Date.parse('2026-11-27T22:00:00Z'), Date.parse('2026-12-02T04:00:00Z'));
  const started: string[] = [];
  await runScheduler({
    store,
    at: parseTimeOfDay('16:30'),
    clock,
    log: (line) => {
      if (line.includes('skipped, the schedule is paused')) setPaused(store, false);
    },
    runDaily: (session) => {
      started.push(session);
      if (session === '2026-11-27') setPaused(store, true);
      return Promise.resolve({ exitCode: 0, message: 'ok' });
    },
  });
  assert.deepEqual(started, ['2026-11-27', '2026-12-01']);
  const skipped = store.db
    .prepare<[], { session: string; status: string }>('SELECT session, status FROM schedule_runs ORDER BY id')
    .all();
  assert.deepEqual(
    skipped.map((r) => `${r.session} ${r.status}`),
    ['2026-11-27 ok', '2026-11-30 skipped', '2026-12-01 ok'],
  );
});

test('a second scheduler is refused with a clear message while the first holds the lock', async (t) => {
  const store = freshStore(t);
  await withSchedulerLock(store, process.pid, Date.now(), async () => {
    // The test runner's parent is alive: a lock it held would be genuine.
    await assert.rejects(
      withSchedulerLock(store, process.ppid, Date.now(), () => Promise.resolve()),
      (e: unknown) => e instanceof LockedError && /another ats schedule run is in progress/.test(e.message),
    );
  });
  // Released: the next one may take it.
  await withSchedulerLock(store, process.ppid, Date.now(), () => Promise.resolve());
});

test('the production runner starts `<bin> daily ARGS` and reports its exit code and last line', async (t) => {
  const dir = tempDir(t);
  const bin = join(dir, 'fake-ats.mjs');
  writeFileSync(bin, 'console.log(JSON.stringify(process.argv.slice(2))); process.exit(3);\n');
  const lines: string[] = [];
  const run = dailyProcessRunner({
    binPath: bin,
    cwd: dir,
    args: ['--symbols', 'AAPL,MSFT'],
    log: (l) => lines.push(l),
  });
  const outcome = await run('2026-12-03');
  assert.equal(outcome.exitCode, 3);
  assert.equal(outcome.message, '["daily","--symbols","AAPL,MSFT"]');
  assert.deepEqual(lines, ['  [daily 2026-12-03] ["daily","--symbols","AAPL,MSFT"]']);
});
