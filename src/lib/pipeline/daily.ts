import { createHash } from 'node:crypto';
import { AtsError, ExitCode } from '../errors.js';
import { holidayName, isSession } from '../market/calendar.js';
import { weekday } from '../time.js';
import type { SessionDate } from '../types.js';
import { acquireLock, releaseLock } from '../store/daily-lock.js';
import { finishRun, lastRunFor, saveSteps, startRun, type StepRecord } from '../store/run-log.js';
import { classifyStoreError } from '../store/store-errors.js';
import { QualityGateError } from './steps/quality.js';
import type { DailyContext, DailyStep } from './steps.js';

export interface DailyRun {
  session: SessionDate;
  source: string;
  status: 'ok' | 'failed' | 'stopped' | 'not-a-session' | 'already-done';
  runId: number | null;
  resumedFrom: number | null;
  steps: StepRecord[];
  message: string;
  exitCode: number;
  results: DailyContext['results'];
  orders: unknown[];
  /** Peak resident memory and CPU time of the process, filled in by the command. */
  resources?: { peakRssMb: number; cpuMs: number };
}

export interface RunDailyInput {
  ctx: DailyContext;
  steps: readonly DailyStep[];
  /** The calendar day the run is for (New York); a non-session day does nothing. */
  today: SessionDate;
  pid: number;
  onStep?: (steps: readonly StepRecord[], running: string | null) => void;
  /** After the last step: every step's record (skipped and stopped ones included). */
  onFinish?: (steps: readonly StepRecord[]) => void;
}

/** Hash of what defines a run: the same session with the same configuration is the same run. */
export function configHash(ctx: DailyContext): string {
  const o = ctx.options;
  const defining = {
    symbols: ctx.symbols,
    days: o.days,
    skip: [...o.skip].sort(),
    trade: o.trade,
    top: o.top,
    threshold: o.threshold,
    source: ctx.source.name,
    universe: o.universeTop,
    weights: o.universeWeights,
    ...(o.forceModel ? { forceModel: true } : {}),
  };
  return createHash('sha256').update(JSON.stringify(defining)).digest('hex').slice(0, 16);
}

/**
 * The daily chain, safe to run again: a store lock keeps a second concurrent run out (exit 8, a dead
 * owner's lock is taken over); a run log records every step as it finishes, so after a crash the next
 * run resumes at the failed step, and after a success the same session with the same configuration
 * does nothing (no new order, no duplicate row) unless `rerun` is set.
 */
export async function runDaily(input: RunDailyInput): Promise<DailyRun> {
  const { ctx, steps, today } = input;
  const base = {
    session: ctx.asOf,
    source: ctx.source.name,
    runId: null,
    resumedFrom: null,
    results: ctx.results,
    orders: ctx.orders,
  };
  if (!isSession(today)) {
    const why = holidayName(today) ?? (weekday(today) === 0 || weekday(today) === 6 ? 'a weekend' : 'not a session');
    return {
      ...base,
      session: today,
      status: 'not-a-session',
      steps: [],
      exitCode: ExitCode.ok,
      message: `${today} is not an NYSE session (${why}): nothing to do`,
    };
  }
  const hash = configHash(ctx);
  const { tookOverFrom } = acquireLock(ctx.store, 'daily', input.pid, ctx.now());
  if (tookOverFrom !== null)
    ctx.log.warn(`took over a stale lock left by pid ${tookOverFrom} (it is no longer running)`);
  try {
    const prev = lastRunFor(ctx.store, ctx.asOf, hash);
    if (prev?.status === 'ok' && !ctx.options.rerun) {
      return {
        ...base,
        runId: prev.id,
        status: 'already-done',
        steps: prev.steps,
        orders: prev.orders,
        exitCode: ExitCode.ok,
        message: `the run for ${ctx.asOf} already completed (run ${prev.id}); nothing to do (--rerun to run it again)`,
      };
    }
    if (prev?.status === 'running')
      finishRun(ctx.store, prev.id, 'failed', ctx.now(), 'interrupted (the process died)');
    const done = new Set(
      prev && prev.status !== 'ok'
        ? prev.steps.filter((s) => s.status === 'ok' || s.status === 'resumed').map((s) => s.name)
        : [],
    );
    const runId = startRun(ctx.store, {
      session: ctx.asOf,
      configHash: hash,
      startedAt: ctx.now(),
      pid: input.pid,
      symbols: ctx.symbols,
    });
    const records: StepRecord[] = [];
    let status: DailyRun['status'] = 'ok';
    let exitCode: number = ExitCode.ok;
    let error: string | null = null;
    for (const step of steps) {
      if (status !== 'ok') {
        records.push({ name: step.name, status: 'stopped', ms: 0, summary: 'not run' });
        continue;
      }
      if (ctx.options.skip.includes(step.name)) {
        records.push({ name: step.name, status: 'skipped', ms: 0, summary: 'skipped by --skip' });
        continue;
      }
      if (done.has(step.name) && !step.rerunOnResume) {
        records.push({ name: step.name, status: 'resumed', ms: 0, summary: `done in run ${prev?.id}` });
        continue;
      }
      input.onStep?.(records, step.name);
      const t0 = performance.now();
      try {
        const summary = await step.run(ctx);
        records.push({ name: step.name, status: 'ok', ms: performance.now() - t0, summary });
      } catch (err) {
        const failure = classifyStoreError(err, ctx.store.path) ?? err;
        error = ctx.scrub(failure instanceof Error ? failure.message : String(failure));
        records.push({ name: step.name, status: 'failed', ms: performance.now() - t0, summary: error });
        status = failure instanceof QualityGateError ? 'stopped' : 'failed';
        exitCode = failure instanceof AtsError ? failure.exitCode : ExitCode.internal;
      }
      saveSteps(ctx.store, runId, records, { orders: ctx.orders });
      input.onStep?.(records, null);
    }
    input.onFinish?.(records);
    finishRun(ctx.store, runId, status, ctx.now(), error);
    const message =
      status === 'ok' ? `daily run for ${ctx.asOf} completed` : `daily run for ${ctx.asOf} ${status}: ${error}`;
    return {
      ...base,
      runId,
      resumedFrom: done.size > 0 ? (prev?.id ?? null) : null,
      status,
      steps: records,
      exitCode,
      message,
    };
  } finally {
    releaseLock(ctx.store, 'daily', input.pid);
  }
}
