import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The upper bound for waiting on an event. It only fails a run that is truly stuck: a busy machine (two
 * cores shared with other work) may be ten times slower than an idle one, and a test never waits for it
 * unless the event is late.
 */
export const GENEROUS_MS = 60_000;

export interface WaitOptions {
  /** What is awaited, for the failure message ("the third bar request"). */
  what: string;
  /** Give up after this long (default GENEROUS_MS). */
  timeoutMs?: number;
  /** Poll interval (default 20 ms): how often the predicate is asked, never a wait for the event itself. */
  intervalMs?: number;
  /** Shown with the failure: the state that did not become true. */
  describe?: () => string;
}

/**
 * Resolves with the predicate's first truthy value, polled until it comes; rejects with `what` (and
 * `describe()`) after the timeout. The predicate may be async; a throw from it fails the wait at once.
 */
export async function waitFor<T>(predicate: () => T | Promise<T>, opts: WaitOptions): Promise<NonNullable<T>> {
  const deadline = Date.now() + (opts.timeoutMs ?? GENEROUS_MS);
  for (;;) {
    const value = await predicate();
    if (value !== undefined && value !== null && value !== false && value !== 0 && value !== '') return value;
    if (Date.now() > deadline) {
      const state = opts.describe ? `; ${opts.describe()}` : '';
      throw new Error(`timed out after ${opts.timeoutMs ?? GENEROUS_MS} ms waiting for ${opts.what}${state}`);
    }
    await sleep(opts.intervalMs ?? 20);
  }
}
