import { join } from 'node:path';
import { packageRoot, type CommandContext } from './context.js';
import { ExitCode } from '../lib/errors.js';
import { detectInstaller, installedJob, installJob, parseInstaller, removeJob } from '../lib/schedule/install.js';
import { DEFAULT_RUN_AT, parseTimeOfDay } from '../lib/schedule/run-time.js';
import { rotatingLog } from '../lib/schedule/rotating-log.js';
import { runDueSession, runScheduler, withSchedulerLock } from '../lib/schedule/scheduler.js';
import { splitArgs } from '../lib/schedule/split-args.js';
import { savedRunTime, scheduleLogPath, scheduleStatus, setPaused } from '../lib/schedule/status.js';
import { dailyProcessRunner, wallClock } from '../lib/schedule/daily-process.js';
import { readScheduleValue, writeScheduleValue } from '../lib/store/schedule.js';

type Sub = 'install' | 'remove' | 'status' | 'run' | 'pause' | 'resume';
interface Rendered {
  result: unknown;
  text: string;
  exitCode?: number;
}

const binPath = (): string => join(packageRoot, 'bin', 'ats.js');

export async function scheduleCommand(sub: Sub, ctx: CommandContext, opts: Record<string, unknown>): Promise<Rendered> {
  switch (sub) {
    case 'install':
      return install(ctx, opts);
    case 'remove': {
      const removed = removeJob();
      return {
        result: { removed },
        text: removed.length ? `removed: ${removed.join(', ')}` : 'no ats schedule was installed',
      };
    }
    case 'status':
      return status(ctx);
    case 'run':
      return run(ctx, opts);
    case 'pause':
    case 'resume': {
      const store = await ctx.openStore();
      setPaused(store, sub === 'pause', ctx.now());
      return { result: { paused: sub === 'pause' }, text: sub === 'pause' ? 'schedule paused' : 'schedule resumed' };
    }
  }
}

async function install(ctx: CommandContext, opts: Record<string, unknown>): Promise<Rendered> {
  // Validate everything before touching the crontab, the units or the store.
  const at = parseTimeOfDay(typeof opts.at === 'string' ? opts.at : DEFAULT_RUN_AT);
  const args = typeof opts.args === 'string' ? opts.args.trim() : '';
  splitArgs(args);
  const using = parseInstaller(opts.using) ?? detectInstaller();
  const written = installJob(using, { at, args, node: process.execPath, bin: binPath(), cwd: process.cwd() });
  const store = await ctx.openStore();
  writeScheduleValue(store, 'at', at.text, ctx.now());
  writeScheduleValue(store, 'args', args, ctx.now());
  const s = scheduleStatus(store, ctx.cfg, ctx.now());
  return {
    result: { installed: using, written, ...s },
    text: [`installed (${using}): ${written.join(', ')}`, `next run: ${s.nextRun.ny} (${s.nextRun.local})`].join('\n'),
  };
}

async function status(ctx: CommandContext): Promise<Rendered> {
  const store = await ctx.openStore();
  const s = scheduleStatus(store, ctx.cfg, ctx.now());
  const installed = installedJob();
  const last = s.lastResult;
  const text = [
    `installed: ${installed ?? 'no'}`,
    `run time:  ${s.at} America/New_York${s.args ? `, ats daily ${s.args}` : ''}`,
    `paused:    ${s.paused ? 'yes (ats schedule resume)' : 'no'}`,
    `next run:  ${s.nextRun.ny} (${s.nextRun.local})`,
    `last:      ${last ? `${last.session} ${last.status}${last.message ? `: ${last.message}` : ''}` : 'none'}`,
    `last daily: ${describeDaily(s.lastDaily)}`,
    `log:       ${s.logFile}`,
  ].join('\n');
  return { result: { installed, ...s }, text };
}

function describeDaily(d: ReturnType<typeof scheduleStatus>['lastDaily']): string {
  return d ? `${d.session} ${d.status}${d.error ? `: ${d.error}` : ''}` : 'none';
}

async function run(ctx: CommandContext, opts: Record<string, unknown>): Promise<Rendered> {
  const atFlag = typeof opts.at === 'string' ? parseTimeOfDay(opts.at) : null;
  const argsFlag = typeof opts.args === 'string' ? opts.args.trim() : null;
  if (argsFlag !== null) splitArgs(argsFlag);
  const store = await ctx.openStore();
  if (atFlag) writeScheduleValue(store, 'at', atFlag.text, ctx.now());
  if (argsFlag !== null) writeScheduleValue(store, 'args', argsFlag, ctx.now());
  const at = atFlag ?? savedRunTime(store);
  const args = splitArgs(argsFlag ?? readScheduleValue(store, 'args') ?? '');
  const file = rotatingLog(scheduleLogPath(ctx.cfg));
  const log = (line: string): void => {
    file.write(`${new Date(ctx.now()).toISOString()} ${ctx.scrub(line)}`);
    if (!line.startsWith('  [daily')) ctx.log.info(line);
  };
  const runDaily = dailyProcessRunner({ binPath: binPath(), cwd: process.cwd(), args, log });
  if (opts.once) {
    // cron and systemd discard the job's output: whatever stops it goes to the schedule log too.
    const r = await withSchedulerLock(store, process.pid, ctx.now(), () =>
      runDueSession({ store, at, runDaily, log, now: ctx.now }),
    ).catch((err: unknown) => {
      log(`schedule run --once: ${(err as Error).message}`);
      throw err;
    });
    if (r.action === 'not-due' || r.action === 'already-done') log(r.message);
    return { result: r, text: r.message, exitCode: r.action === 'failed' ? (r.exitCode ?? 1) : ExitCode.ok };
  }
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  log(`scheduler started (pid ${process.pid}): ats daily ${args.join(' ')} at ${at.text} America/New_York`);
  try {
    await withSchedulerLock(store, process.pid, ctx.now(), () =>
      runScheduler({ store, at, runDaily, log, clock: wallClock(stop.signal) }),
    );
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  }
  log('scheduler stopped');
  return { result: { stopped: true }, text: 'scheduler stopped' };
}
