/**
 * Preloaded into an `ats` child by the crash tests (`node --import`, see CRASH_PRELOAD): the process kills
 * itself with SIGKILL — like kill -9 or a power cut: no cleanup, no handler — at a point the test names.
 * The product knows nothing of it, and which point is hit does not depend on timing:
 * - ATS_TEST_CRASH_AT_STEP=<step>: as `ats daily` shows on stderr that it starts that step ("▶ <step> …"),
 *   before the step's work begins. Only the live view on a terminal shows a step starting (piped output has one
 *   line per finished step), so stderr is marked as a terminal for this child;
 * - ATS_TEST_CRASH_AFTER_APPEND=<file name>: right after the first append to a file of that name (e.g.
 *   orders.csv: an order was placed and recorded, and the step that placed it has not finished).
 */
import fs from 'node:fs';
import { basename } from 'node:path';
import { syncBuiltinESMExports } from 'node:module';

const crash = (): never => {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable: SIGKILL');
};

const step = process.env.ATS_TEST_CRASH_AT_STEP;
if (step) {
  Object.defineProperty(process.stderr, 'isTTY', { value: true });
  const starting = new RegExp(`^▶ ${step} +…$`, 'm');
  const write = process.stderr.write.bind(process.stderr) as (...args: unknown[]) => boolean;
  process.stderr.write = (...args: unknown[]) => {
    const written = write(...args);
    if (starting.test(String(args[0]))) crash();
    return written;
  };
}

const file = process.env.ATS_TEST_CRASH_AFTER_APPEND;
if (file) {
  const append = fs.appendFileSync;
  fs.appendFileSync = (...args: Parameters<typeof append>) => {
    append(...args);
    if (typeof args[0] === 'string' && basename(args[0]) === file) crash();
  };
  syncBuiltinESMExports(); // `import { appendFileSync } from 'node:fs'` sees the wrapper too
}
