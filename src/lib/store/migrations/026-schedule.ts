/**
 * Migration 26: the scheduler (ats schedule). schedule_state holds small settings the scheduler and the dashboard
 * share (paused, the run time, the daily arguments); schedule_runs records one row per session the scheduler
 * acted on (ran, failed or skipped while paused), so a session is never started twice. Never edit once shipped.
 */
export default `
  CREATE TABLE schedule_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  );

  CREATE TABLE schedule_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    finished_at INTEGER,
    status TEXT NOT NULL CHECK (status IN ('running', 'ok', 'failed', 'skipped')),
    exit_code INTEGER,
    message TEXT NOT NULL DEFAULT ''
  );
  CREATE INDEX schedule_runs_session ON schedule_runs (session);
`;
