import type { Store } from './open.js';

export interface StepRecord {
  name: string;
  status: 'ok' | 'skipped' | 'failed' | 'stopped' | 'resumed';
  ms: number;
  summary: string;
}

export interface DailyRunRecord {
  id: number;
  session: string;
  configHash: string;
  startedAt: number;
  finishedAt: number | null;
  status: 'running' | 'ok' | 'failed' | 'stopped' | 'closed';
  pid: number;
  symbols: string[];
  dataFrom: string | null;
  dataTo: string | null;
  steps: StepRecord[];
  orders: unknown[];
  error: string | null;
}

interface Row {
  id: number;
  session: string;
  config_hash: string;
  started_at: number;
  finished_at: number | null;
  status: DailyRunRecord['status'];
  pid: number;
  symbols: string;
  data_from: string | null;
  data_to: string | null;
  steps: string;
  orders: string;
  error: string | null;
}

const fromRow = (r: Row): DailyRunRecord => ({
  id: r.id,
  session: r.session,
  configHash: r.config_hash,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  status: r.status,
  pid: r.pid,
  symbols: JSON.parse(r.symbols) as string[],
  dataFrom: r.data_from,
  dataTo: r.data_to,
  steps: JSON.parse(r.steps) as StepRecord[],
  orders: JSON.parse(r.orders) as unknown[],
  error: r.error,
});

export function startRun(
  store: Store,
  r: { session: string; configHash: string; startedAt: number; pid: number; symbols: string[] },
): number {
  const info = store.db
    .prepare(
      `INSERT INTO daily_runs (session, config_hash, started_at, status, pid, symbols) VALUES (?, ?, ?, 'running', ?, ?)`,
    )
    .run(r.session, r.configHash, r.startedAt, r.pid, JSON.stringify(r.symbols));
  return Number(info.lastInsertRowid);
}

/** Record progress after every step, so a crash leaves the run log pointing at the failed step. */
export function saveSteps(
  store: Store,
  id: number,
  steps: readonly StepRecord[],
  extra: { dataFrom?: string | null; dataTo?: string | null; orders?: unknown[] } = {},
): void {
  store.db
    .prepare(
      `UPDATE daily_runs SET steps = ?, data_from = COALESCE(?, data_from), data_to = COALESCE(?, data_to),
         orders = COALESCE(?, orders) WHERE id = ?`,
    )
    .run(
      JSON.stringify(steps),
      extra.dataFrom ?? null,
      extra.dataTo ?? null,
      extra.orders ? JSON.stringify(extra.orders) : null,
      id,
    );
}

export function finishRun(
  store: Store,
  id: number,
  status: DailyRunRecord['status'],
  finishedAt: number,
  error: string | null,
): void {
  store.db
    .prepare('UPDATE daily_runs SET status = ?, finished_at = ?, error = ? WHERE id = ?')
    .run(status, finishedAt, error, id);
}

/** The latest run of this session with the same configuration, if any. */
export function lastRunFor(store: Store, session: string, configHash: string): DailyRunRecord | null {
  const row = store.db
    .prepare<[string, string], Row>(
      'SELECT * FROM daily_runs WHERE session = ? AND config_hash = ? ORDER BY id DESC LIMIT 1',
    )
    .get(session, configHash);
  return row ? fromRow(row) : null;
}

export function recentRuns(store: Store, limit = 20): DailyRunRecord[] {
  return store.db.prepare<[number], Row>('SELECT * FROM daily_runs ORDER BY id DESC LIMIT ?').all(limit).map(fromRow);
}
