import { hostname } from 'node:os';
import { AtsError, ExitCode } from '../errors.js';
import type { Store } from './open.js';

export class LockedError extends AtsError {
  constructor(message: string) {
    super(message, ExitCode.locked);
  }
}

/** Is `pid` a live process on this host? (signal 0 tests existence without sending anything) */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Take the named lock in the store for this process. A lock held by a live process on this host is a
 * LockedError (exit 8); one left by a dead process (crash, kill -9) is taken over and reported.
 * Returns the stale owner's pid when one was taken over.
 */
export function acquireLock(
  store: Store,
  name: string,
  pid: number,
  nowMs: number,
  alive: (pid: number) => boolean = processAlive,
): { tookOverFrom: number | null } {
  const host = hostname();
  return store.db
    .transaction(() => {
      const held = store.db
        .prepare<[string], { pid: number; host: string; acquired_at: number }>(
          'SELECT pid, host, acquired_at FROM locks WHERE name = ?',
        )
        .get(name);
      let tookOverFrom: number | null = null;
      if (held) {
        const sameHost = held.host === host;
        if (held.pid === pid && sameHost) return { tookOverFrom: null };
        if (!sameHost || alive(held.pid)) {
          const since = new Date(held.acquired_at).toISOString();
          throw new LockedError(
            `another ats ${name} run is in progress (pid ${held.pid} on ${held.host}, since ${since}); wait for it to finish`,
          );
        }
        tookOverFrom = held.pid;
      }
      store.db
        .prepare('INSERT OR REPLACE INTO locks (name, pid, host, acquired_at) VALUES (?, ?, ?, ?)')
        .run(name, pid, host, nowMs);
      return { tookOverFrom };
    })
    .immediate();
}

export function releaseLock(store: Store, name: string, pid: number): void {
  store.db.prepare('DELETE FROM locks WHERE name = ? AND pid = ? AND host = ?').run(name, pid, hostname());
}
