import type { Store } from './open.js';

export interface CollectionLogEntry {
  command: string;
  symbol: string | null;
  source: string;
  status: 'ok' | 'error' | 'running';
  newBars: number;
  gapsFilled: number;
  requests: number;
  message: string | null;
}

export function startCollection(store: Store, command: string, symbol: string | null, source: string, nowMs: number): number {
  const info = store.db
    .prepare(`INSERT INTO collection_log (started_at, command, symbol, source, status) VALUES (?, ?, ?, ?, 'running')`)
    .run(nowMs, command, symbol, source);
  return Number(info.lastInsertRowid);
}

export function finishCollection(store: Store, id: number, entry: Omit<CollectionLogEntry, 'command' | 'symbol' | 'source'>, nowMs: number): void {
  store.db
    .prepare(
      `UPDATE collection_log SET finished_at = ?, status = ?, new_bars = ?, gaps_filled = ?, requests = ?, message = ? WHERE id = ?`,
    )
    .run(nowMs, entry.status, entry.newBars, entry.gapsFilled, entry.requests, entry.message, id);
}

export function recentCollections(store: Store, limit = 20): Array<CollectionLogEntry & { id: number; startedAt: number; finishedAt: number | null }> {
  return store.db
    .prepare<[number], CollectionLogEntry & { id: number; startedAt: number; finishedAt: number | null }>(
      `SELECT id, started_at AS startedAt, finished_at AS finishedAt, command, symbol, source, status,
         new_bars AS newBars, gaps_filled AS gapsFilled, requests, message
       FROM collection_log ORDER BY id DESC LIMIT ?`,
    )
    .all(limit);
}
