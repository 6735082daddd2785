import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DailyRunner, SchedulerClock } from './scheduler.js';

/**
 * Runs `ats daily ARGS` as a child process: a crash or a failure there ends that run only, never the scheduler.
 * Its stdout and stderr go to the schedule log, line by line.
 */
export function dailyProcessRunner(opts: {
  binPath: string;
  cwd: string;
  args: readonly string[];
  log: (line: string) => void;
}): DailyRunner {
  return (session) =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [opts.binPath, 'daily', ...opts.args], {
        cwd: opts.cwd,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let last = '';
      const lines = (chunk: Buffer): void => {
        for (const line of chunk.toString().split('\n')) {
          if (line.trim() === '') continue;
          last = line.trim();
          opts.log(`  [daily ${session}] ${line}`);
        }
      };
      child.stdout.on('data', lines);
      child.stderr.on('data', lines);
      child.on('error', reject);
      child.on('close', (code, signal) => {
        resolve({ exitCode: code ?? 1, message: signal ? `killed by ${signal}` : last || `exit ${code}` });
      });
    });
}

/** The wall clock, sleeping in slices of at most a minute (timers drift across a laptop's suspend). */
export function wallClock(signal: AbortSignal): SchedulerClock {
  return {
    now: () => Date.now(),
    sleepUntil: async (ms) => {
      while (!signal.aborted && Date.now() < ms) {
        try {
          await sleep(Math.min(ms - Date.now(), 60_000), undefined, { signal });
        } catch {
          break;
        }
      }
      return !signal.aborted;
    },
  };
}
