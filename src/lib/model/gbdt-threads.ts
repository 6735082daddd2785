/**
 * Runs a kernel task on the main thread and, with two threads, on one worker at the same time. The
 * handshake uses Atomics on the shared control words (microseconds) rather than postMessage, because a
 * tree needs a few dozen round trips and the main thread blocks in Atomics.wait while the worker works.
 * The worker joins a task through a gate: when the main thread has claimed every work item before the
 * worker woke up (a busy machine can delay a wake-up by milliseconds), it closes the gate and goes on
 * instead of waiting; run() says how many threads took part, so callers merge only what was written.
 */
import { Worker } from 'node:worker_threads';
import { InternalError } from '../errors.js';
import { CTRL, type SharedBuffers, type SharedViews } from './gbdt-shared.js';
import { runTaskShare, TASK } from './gbdt-kernels.js';

export interface TaskRunner {
  readonly threads: number;
  /** Runs a task to completion; returns the number of threads that took part (1 or 2). */
  run(task: number): number;
  close(): Promise<void>;
}

export async function startTaskRunner(
  buffers: SharedBuffers,
  views: SharedViews,
  threads: number,
): Promise<TaskRunner> {
  if (threads === 1) {
    const run = (task: number) => {
      views.ctrl[CTRL.cursor] = 0;
      runTaskShare(views, task, 0);
      return 1;
    };
    return { threads: 1, run, close: async () => {} };
  }
  const worker = new Worker(new URL('./gbdt-worker.js', import.meta.url), { workerData: buffers });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  const ctrl = views.ctrl;
  let seq = Atomics.load(ctrl, CTRL.command);
  return {
    threads: 2,
    run(task: number): number {
      ctrl[CTRL.task] = task;
      Atomics.store(ctrl, CTRL.cursor, 0);
      seq++;
      Atomics.store(ctrl, CTRL.gate, seq);
      Atomics.store(ctrl, CTRL.command, seq);
      Atomics.notify(ctrl, CTRL.command);
      runTaskShare(views, task, 0);
      if (Atomics.compareExchange(ctrl, CTRL.gate, seq, 0) === seq) return 1;
      for (;;) {
        const done = Atomics.load(ctrl, CTRL.done);
        if (done === seq) break;
        Atomics.wait(ctrl, CTRL.done, done, 10_000);
      }
      if (Atomics.load(ctrl, CTRL.error) !== 0) throw new InternalError(`GBDT worker failed on task ${task}`);
      return 2;
    },
    async close(): Promise<void> {
      ctrl[CTRL.task] = TASK.exit;
      Atomics.store(ctrl, CTRL.command, ++seq);
      Atomics.notify(ctrl, CTRL.command);
      await worker.terminate();
    },
  };
}
