/**
 * A pool of worker threads that score tuning configurations (tune-worker.ts), one at a time each. The
 * study's data is copied once into SharedArrayBuffers, which every worker reads without a copy of its own.
 */
import { Worker } from 'node:worker_threads';
import { DataError, InternalError } from '../errors.js';
import type { Labeled } from './train-model.js';
import type { TuneBase, TuneScore, TuneTask } from './tune-eval.js';

function shared<T extends Float64Array | Int32Array>(a: T): T {
  const Ctor = a.constructor as new (b: SharedArrayBuffer) => T;
  const out = new Ctor(new SharedArrayBuffer(a.byteLength));
  out.set(a);
  return out;
}

function shareLabeled(d: Labeled): Labeled {
  return {
    X: shared(d.X),
    y: shared(d.y),
    cols: d.cols,
    index: { sessions: shared(d.index.sessions), ofRow: shared(d.index.ofRow) },
    matrixRow: shared(d.matrixRow),
  };
}

export interface TunePool {
  readonly workers: number;
  /**
   * Scores the tasks, `onScore` called (on the main thread) as each finishes, in finishing order. Once `stop()`
   * says so, no further task starts; the running ones finish.
   */
  run(tasks: readonly TuneTask[], onScore: (s: TuneScore) => void, stop?: () => boolean): Promise<void>;
  close(): Promise<void>;
}

export function startTunePool(data: Labeled, base: TuneBase, workers: number): TunePool {
  const workerData = { data: shareLabeled(data), base };
  const pool = Array.from(
    { length: workers },
    () => new Worker(new URL('./tune-worker.js', import.meta.url), { workerData }),
  );
  return {
    workers,
    run(tasks, onScore, stop = () => false) {
      const queue = [...tasks];
      return new Promise<void>((resolve, reject) => {
        let busy = 0;
        let failed = false;
        const next = (w: Worker): void => {
          const task = stop() ? undefined : queue.shift();
          if (task === undefined || failed) {
            if (busy === 0 && !failed) resolve();
            return;
          }
          busy++;
          const onError = (err: Error) => {
            failed = true;
            reject(new InternalError(`tuning worker failed: ${err.message}`, { cause: err }));
          };
          w.once('error', onError);
          w.once('message', (m: { score?: TuneScore; error?: string; dataError?: boolean }) => {
            w.off('error', onError);
            busy--;
            if (m.error !== undefined || !m.score) {
              failed = true;
              const message = `tuning trial ${task.trial} failed: ${m.error ?? 'no result'}`;
              // Too little data for a fold is the user's data, not our bug (exit 4, as in ats train).
              reject(m.dataError ? new DataError(message) : new InternalError(message));
              return;
            }
            try {
              onScore(m.score);
            } catch (err) {
              failed = true;
              reject(err instanceof Error ? err : new Error(String(err)));
              return;
            }
            next(w);
          });
          w.postMessage(task);
        };
        if (queue.length === 0) resolve();
        else pool.forEach(next);
      });
    },
    async close() {
      await Promise.all(pool.map((w) => w.terminate()));
    },
  };
}
