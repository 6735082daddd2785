/** Worker side of tune-pool.ts: scores the configurations it is sent on the study's shared data. */
import { parentPort, workerData } from 'node:worker_threads';
import { DataError } from '../errors.js';
import { evaluateTask, type TuneBase, type TuneTask } from './tune-eval.js';
import type { Labeled } from './train-model.js';

const { data, base } = workerData as { data: Labeled; base: TuneBase };
parentPort?.on('message', (task: TuneTask) => {
  evaluateTask(data, base, task).then(
    (score) => parentPort?.postMessage({ score }),
    (err: unknown) =>
      parentPort?.postMessage({
        error: err instanceof Error ? err.message : String(err),
        dataError: err instanceof DataError,
      }),
  );
});
