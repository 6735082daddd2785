import { parentPort, workerData } from 'node:worker_threads';
import { fromColumns, type BarColumns } from './bar-writer.js';
import { upsertBars, upsertColumns } from './bars.js';
import type { BarColumnSet } from '../bar-columns.js';
import type { Timeframe } from '../types.js';
import { openStore } from './open.js';
import { recordCollection, type CollectionLogEntry } from './collection-log.js';

/** Worker side of threadedBarWriter: its own connection; each batch (one symbol and timeframe) is one transaction. */
const store = openStore((workerData as { dbPath: string }).dbPath);
type ColumnsMessage = { symbol: string; timeframe: Timeframe; source: string; columns: BarColumnSet };

parentPort?.on(
  'message',
  (m: { id: number; batches?: BarColumns[]; columns?: ColumnsMessage; record?: CollectionLogEntry }) => {
    try {
      if (m.record) recordCollection(store, m.record);
      const c = m.columns;
      const result = c ? upsertColumns(store, c.symbol, c.timeframe, c.columns, c.source) : { inserted: 0, updated: 0 };
      for (const b of m.batches ?? []) {
        const r = upsertBars(store, fromColumns(b), b.source);
        result.inserted += r.inserted;
        result.updated += r.updated;
      }
      parentPort?.postMessage({ id: m.id, result });
    } catch (err) {
      // The SQLite code travels with the message so the caller can classify it (disk full, corrupt…).
      parentPort?.postMessage({ id: m.id, error: (err as Error).message, code: (err as { code?: unknown }).code });
    }
  },
);
