import type { Store } from './open.js';

/** One finished collection (a symbol's collect or backfill), recorded after the fact. */
export interface CollectionLogEntry {
  startedAt: number;
  finishedAt: number;
  command: string;
  symbol: string | null;
  source: string;
  status: 'ok' | 'error';
  newBars: number;
  gapsFilled: number;
  requests: number;
  message: string | null;
}

export function recordCollection(store: Store, e: CollectionLogEntry): void {
  store.db
    .prepare(
      `INSERT INTO collection_log (started_at, finished_at, command, symbol, source, status, new_bars, gaps_filled, requests, message)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      e.startedAt,
      e.finishedAt,
      e.command,
      e.symbol,
      e.source,
      e.status,
      e.newBars,
      e.gapsFilled,
      e.requests,
      e.message,
    );
}
