import { parentPort, workerData } from 'node:worker_threads';
import { fromColumns, type BarColumns } from './bar-writer.js';
import { upsertBars } from './bars.js';
import { openStore } from './open.js';
import { recordCollection, type CollectionLogEntry } from './collection-log.js';

/** Worker side of threadedBarWriter: its own connection; each batch (one symbol and timeframe) is one transaction. */
const store = openStore((workerData as { dbPath: string }).dbPath);
parentPort?.on('message', (m: { id: number; batches?: BarColumns[]; record?: CollectionLogEntry }) => {
  try {
    if (m.record) recordCollection(store, m.record);
    const result = { inserted: 0, updated: 0 };
    for (const b of m.batches ?? []) {
      const r = upsertBars(store, fromColumns(b), b.source);
      result.inserted += r.inserted;
      result.updated += r.updated;
    }
    parentPort?.postMessage({ id: m.id, result });
  } catch (err) {
    parentPort?.postMessage({ id: m.id, error: (err as Error).message });
  }
});
