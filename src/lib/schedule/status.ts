/**
 * What the schedule looks like now, for `ats schedule status` and the dashboard: the run time, the next run
 * (skipping weekends and NYSE holidays, earlier on half days), the pause flag and the last thing the scheduler did.
 */
import { dirname, join } from 'node:path';
import type { Config } from '../config.js';
import type { Store } from '../store/open.js';
import { lastScheduleRun, readScheduleValue, type ScheduleRunRecord } from '../store/schedule.js';
import { recentRuns } from '../store/run-log.js';
import { formatLocal, formatNy } from './format-time.js';
import { DEFAULT_RUN_AT, nextRunAfter, parseTimeOfDay, type TimeOfDay } from './run-time.js';
import { isPaused } from './scheduler.js';

export { setPaused } from './scheduler.js';

export interface ScheduleStatus {
  /** Daily run time, `HH:MM` New York (early-close sessions shift it, see run-time.ts). */
  at: string;
  /** Arguments given to `ats daily` by the installed job or the running loop. */
  args: string;
  paused: boolean;
  nextRun: { session: string; atMs: number; ny: string; local: string };
  lastResult: ScheduleRunRecord | null;
  /** The latest `ats daily` in the run log, however it was started (scheduler, cron, by hand). */
  lastDaily: {
    session: string;
    status: string;
    startedAt: number;
    finishedAt: number | null;
    error: string | null;
  } | null;
  logFile: string;
}

/** The log the scheduler writes: next to the store, so a container's data volume keeps it. */
export function scheduleLogPath(cfg: Config): string {
  return join(dirname(cfg.db), 'logs', 'schedule.log');
}

/** The run time last saved by `schedule install` or `schedule run`, else the default 16:30. */
export function savedRunTime(store: Store): TimeOfDay {
  return parseTimeOfDay(readScheduleValue(store, 'at') ?? DEFAULT_RUN_AT);
}

export function scheduleStatus(store: Store, cfg: Config, nowMs: number): ScheduleStatus {
  const at = savedRunTime(store);
  const next = nextRunAfter(nowMs, at);
  return {
    at: at.text,
    args: readScheduleValue(store, 'args') ?? '',
    paused: isPaused(store),
    nextRun: { session: next.session, atMs: next.atMs, ny: formatNy(next.atMs), local: formatLocal(next.atMs) },
    lastResult: lastScheduleRun(store),
    lastDaily: lastDaily(store),
    logFile: scheduleLogPath(cfg),
  };
}

function lastDaily(store: Store): ScheduleStatus['lastDaily'] {
  const run = recentRuns(store, 1)[0];
  if (!run) return null;
  const { session, status, startedAt, finishedAt, error } = run;
  return { session, status, startedAt, finishedAt, error };
}
