/**
 * Preloaded into an `ats daily` child by the crash tests (`node --import`, see CRASH_PRELOAD): the process
 * kills itself with SIGKILL — like kill -9 or a power cut, no cleanup, no handler — at the moment the
 * pipeline reports that it starts the step named in ATS_TEST_CRASH_AT_STEP. The product knows nothing of
 * this: the trigger is the step progress `ats daily` writes to stderr ("▶ <step> …"), and the kill happens
 * inside that write, before the step's work begins, so which step dies does not depend on timing.
 */
const step = process.env.ATS_TEST_CRASH_AT_STEP;

if (step) {
  const write = process.stderr.write.bind(process.stderr) as (...args: unknown[]) => boolean;
  process.stderr.write = (...args: unknown[]) => {
    const written = write(...args);
    if (String(args[0]).startsWith(`▶ ${step} `)) process.kill(process.pid, 'SIGKILL');
    return written;
  };
}
