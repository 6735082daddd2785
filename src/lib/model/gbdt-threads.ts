/**
 * Runs a kernel task on the main thread and, with two threads, on one worker at the same time. The
 * handshake uses Atomics on the shared control words (microseconds) rather than postMessage, because a
 * tree needs a few dozen round trips and the main thread blocks in Atomics.wait while the worker works.
 */
import { Worker } from 'node:worker_threads';
import { InternalError } from '../errors.js';
import { CTRL, type SharedBuffers, type SharedViews } from './gbdt-shared.js';
import { runTaskShare, TASK } from './gbdt-kernels.js';

export interface TaskRunner {
  readonly threads: number;
  run(task: number): void;
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
    run(task: number): void {
      ctrl[CTRL.task] = task;
      Atomics.store(ctrl, CTRL.cursor, 0);
      seq++;
      Atomics.store(ctrl, CTRL.command, seq);
      Atomics.notify(ctrl, CTRL.command);
      runTaskShare(views, task, 0);
      for (;;) {
        const done = Atomics.load(ctrl, CTRL.done);
        if (done === seq) break;
        Atomics.wait(ctrl, CTRL.done, done, 10_000);
      }
      if (Atomics.load(ctrl, CTRL.error) !== 0) throw new InternalError(`GBDT worker failed on task ${task}`);
    },
    async close(): Promise<void> {
      ctrl[CTRL.task] = TASK.exit;
      Atomics.store(ctrl, CTRL.command, ++seq);
      Atomics.notify(ctrl, CTRL.command);
      await worker.terminate();
    },
  };
}
