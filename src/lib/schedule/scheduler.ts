/**
 * The scheduler loop (`ats schedule run`) and its single step (`--once`, what cron and systemd start). Both take
 * the clock from outside, so tests drive weeks of sessions on a fake clock. A session is acted on at most once
 * (schedule_runs); a failed run is recorded and the loop waits for the next session; pause is read from the store
 * at every run, so the dashboard or `ats schedule pause` can change it while the loop sleeps.
 */
import { acquireLock, releaseLock } from '../store/daily-lock.js';
import type { Store } from '../store/open.js';
import {
  finishScheduleRun,
  readScheduleValue,
  sessionScheduled,
  startScheduleRun,
  writeScheduleValue,
} from '../store/schedule.js';
import { isSession, holidayName } from '../market/calendar.js';
import { nyDate } from '../time.js';
import type { SessionDate } from '../types.js';
import { dueSession, nextRunAfter, type TimeOfDay } from './run-time.js';
import { formatNy } from './format-time.js';

export interface DailyOutcome {
  exitCode: number;
  message: string;
}

/** Starts `ats daily` for the session (a child process in production) and reports how it ended. */
export type DailyRunner = (session: SessionDate) => Promise<DailyOutcome>;

export interface SchedulerClock {
  now: () => number;
  /** Wait until the instant; false = stop the loop (a signal, or the end of a test). */
  sleepUntil: (ms: number) => Promise<boolean>;
}

export interface SchedulerDeps {
  store: Store;
  at: TimeOfDay;
  runDaily: DailyRunner;
  log: (line: string) => void;
  now: () => number;
}

export type OnceAction = 'ran' | 'failed' | 'skipped-paused' | 'already-done' | 'not-due';

export interface OnceResult {
  action: OnceAction;
  session: SessionDate | null;
  message: string;
  /** The exit code of `ats daily` when it ran. */
  exitCode?: number;
}

export const SCHEDULER_LOCK = 'schedule';

export function isPaused(store: Store): boolean {
  return readScheduleValue(store, 'paused') === '1';
}

export function setPaused(store: Store, paused: boolean, nowMs = Date.now()): void {
  writeScheduleValue(store, 'paused', paused ? '1' : '0', nowMs);
}

/** Run today's session if its run time has passed and the scheduler has not acted on it yet. */
export async function runDueSession(deps: SchedulerDeps): Promise<OnceResult> {
  const { store, at, log } = deps;
  const now = deps.now();
  const session = dueSession(now, at);
  if (session === null) {
    const today = nyDate(now);
    const why = isSession(today)
      ? `${today}: before the run time`
      : `${today} is not an NYSE session${holidayName(today) ? ` (${holidayName(today)})` : ''}`;
    const next = nextRunAfter(now, at);
    return { action: 'not-due', session: null, message: `${why}; next run ${formatNy(next.atMs)}` };
  }
  if (sessionScheduled(store, session)) {
    return { action: 'already-done', session, message: `${session}: already run by the scheduler` };
  }
  const id = startScheduleRun(store, session, now);
  if (isPaused(store)) {
    const message = `${session}: skipped, the schedule is paused (ats schedule resume)`;
    finishScheduleRun(store, id, { status: 'skipped', finishedAt: deps.now(), exitCode: null, message });
    log(message);
    return { action: 'skipped-paused', session, message };
  }
  log(`${session}: starting ats daily`);
  let outcome: DailyOutcome;
  try {
    outcome = await deps.runDaily(session);
  } catch (err) {
    outcome = { exitCode: 1, message: `could not start ats daily: ${(err as Error).message}` };
  }
  const ok = outcome.exitCode === 0;
  const message = `${session}: ats daily ${ok ? 'finished' : `failed (exit ${outcome.exitCode})`}: ${outcome.message}`;
  finishScheduleRun(store, id, {
    status: ok ? 'ok' : 'failed',
    finishedAt: deps.now(),
    exitCode: outcome.exitCode,
    message: outcome.message,
  });
  log(message);
  return { action: ok ? 'ran' : 'failed', session, message, exitCode: outcome.exitCode };
}

/** Hold the scheduler lock around `fn`: a second scheduler (or a cron --once beside a running loop) is refused. */
export async function withSchedulerLock<T>(store: Store, pid: number, nowMs: number, fn: () => Promise<T>): Promise<T> {
  acquireLock(store, SCHEDULER_LOCK, pid, nowMs);
  try {
    return await fn();
  } finally {
    releaseLock(store, SCHEDULER_LOCK, pid);
  }
}

/** The loop: run what is due, sleep until the next session's run time, repeat until the clock says stop. */
export async function runScheduler(deps: Omit<SchedulerDeps, 'now'> & { clock: SchedulerClock }): Promise<void> {
  const step: SchedulerDeps = { ...deps, now: deps.clock.now };
  for (;;) {
    await runDueSession(step);
    const next = nextRunAfter(deps.clock.now(), deps.at);
    deps.log(`next run: ${next.session} at ${formatNy(next.atMs)}`);
    if (!(await deps.clock.sleepUntil(next.atMs))) return;
  }
}
