/** Worker side of gbdt-threads.ts: waits for a task, joins it unless closed, runs thread 1's share, signals done. */
import { parentPort, workerData } from 'node:worker_threads';
import { CTRL, sharedViews, type SharedBuffers } from './gbdt-shared.js';
import { runTaskShare, TASK } from './gbdt-kernels.js';

const views = sharedViews(workerData as SharedBuffers);
const ctrl = views.ctrl;
let seen = Atomics.load(ctrl, CTRL.command);
parentPort?.postMessage('ready');
for (;;) {
  Atomics.wait(ctrl, CTRL.command, seen);
  const seq = Atomics.load(ctrl, CTRL.command);
  if (seq === seen) continue;
  seen = seq;
  const task = ctrl[CTRL.task]!;
  if (task === TASK.exit) break;
  if (Atomics.compareExchange(ctrl, CTRL.gate, seq, -seq) !== seq) continue; // the main thread did it all
  try {
    runTaskShare(views, task, 1);
  } catch {
    Atomics.store(ctrl, CTRL.error, 1);
  }
  Atomics.store(ctrl, CTRL.done, seq);
  Atomics.notify(ctrl, CTRL.done);
}
