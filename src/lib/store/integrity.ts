import type { Store } from './open.js';

/**
 * SQLite's own consistency check of every page, index and constraint (https://www.sqlite.org/pragma.html#pragma_integrity_check).
 * Reads the whole file, so it is for `ats verify`, not for every open. Returns the problems found, none when healthy.
 */
export function integrityProblems(store: Store, maxProblems = 10): string[] {
  const rows = store.db.pragma(`integrity_check(${maxProblems})`) as Array<{ integrity_check: string }>;
  const problems = rows.map((r) => r.integrity_check);
  return problems.length === 1 && problems[0] === 'ok' ? [] : problems;
}

/** The schema version the migrations brought the store to. */
export function schemaVersion(store: Store): number {
  return Number(store.db.pragma('user_version', { simple: true }));
}
