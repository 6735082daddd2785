import type { Store } from './open.js';

export type ScheduleRunStatus = 'running' | 'ok' | 'failed' | 'skipped';

export interface ScheduleRunRecord {
  id: number;
  session: string;
  startedAt: number;
  finishedAt: number | null;
  status: ScheduleRunStatus;
  exitCode: number | null;
  message: string;
}

interface Row {
  id: number;
  session: string;
  started_at: number;
  finished_at: number | null;
  status: ScheduleRunStatus;
  exit_code: number | null;
  message: string;
}

const fromRow = (r: Row): ScheduleRunRecord => ({
  id: r.id,
  session: r.session,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  status: r.status,
  exitCode: r.exit_code,
  message: r.message,
});

export function readScheduleValue(store: Store, key: string): string | null {
  const row = store.db.prepare<[string], { value: string }>('SELECT value FROM schedule_state WHERE key = ?').get(key);
  return row?.value ?? null;
}

export function writeScheduleValue(store: Store, key: string, value: string, nowMs: number): void {
  store.db
    .prepare('INSERT OR REPLACE INTO schedule_state (key, value, updated_at) VALUES (?, ?, ?)')
    .run(key, value, nowMs);
}

export function startScheduleRun(store: Store, session: string, startedAt: number): number {
  const info = store.db
    .prepare(`INSERT INTO schedule_runs (session, started_at, status) VALUES (?, ?, 'running')`)
    .run(session, startedAt);
  return Number(info.lastInsertRowid);
}

export function finishScheduleRun(
  store: Store,
  id: number,
  r: { status: Exclude<ScheduleRunStatus, 'running'>; finishedAt: number; exitCode: number | null; message: string },
): void {
  store.db
    .prepare('UPDATE schedule_runs SET status = ?, finished_at = ?, exit_code = ?, message = ? WHERE id = ?')
    .run(r.status, r.finishedAt, r.exitCode, r.message, id);
}

/** Has the scheduler already acted on this session (started, finished, failed or skipped it)? */
export function sessionScheduled(store: Store, session: string): boolean {
  return (
    store.db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM schedule_runs WHERE session = ?').get(session)!
      .n > 0
  );
}

export function lastScheduleRun(store: Store): ScheduleRunRecord | null {
  const row = store.db.prepare<[], Row>('SELECT * FROM schedule_runs ORDER BY id DESC LIMIT 1').get();
  return row ? fromRow(row) : null;
}
