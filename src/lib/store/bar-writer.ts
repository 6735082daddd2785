import { Worker } from 'node:worker_threads';
import { DataError } from '../errors.js';
import type { Bar, Timeframe } from '../types.js';
import { upsertBars, upsertColumns, type UpsertResult } from './bars.js';
import { COLUMN_NAMES, type BarColumnSet } from '../bar-columns.js';
import type { Store } from './open.js';
import { recordCollection, type CollectionLogEntry } from './collection-log.js';
import { classifyStoreError } from './store-errors.js';
import { asPromise } from '../as-promise.js';

/**
 * Where collected bars go. `inlineBarWriter` writes on the calling thread; `threadedBarWriter` hands
 * batches to a worker thread with its own connection to the same WAL database, so parsing the next
 * symbol's response overlaps with writing this one (a large universe on a 2-core box). Either way each
 * batch is one transaction and the promise settles after its commit.
 */
export interface BarWriter {
  write(bars: readonly Bar[], source: string): Promise<UpsertResult>;
  /** One symbol's bars in column form. The threaded writer transfers the buffers: `columns` is unusable afterwards. */
  writeColumns(symbol: string, timeframe: Timeframe, columns: BarColumnSet, source: string): Promise<UpsertResult>;
  /** The collection log goes through the same connection, so it never waits on the writer's lock. */
  record(entry: CollectionLogEntry): Promise<void>;
  close(): Promise<void>;
}

export function inlineBarWriter(store: Store): BarWriter {
  return {
    write: (bars, source) => asPromise(() => upsertBars(store, bars, source)),
    writeColumns: (symbol, timeframe, columns, source) =>
      asPromise(() => upsertColumns(store, symbol, timeframe, columns, source)),
    record: (entry) => asPromise(() => recordCollection(store, entry)),
    close: async () => {},
  };
}

/** Bars of one symbol and timeframe as transferable columns (vwap/trades NaN = null). */
export interface BarColumns {
  symbol: string;
  timeframe: Timeframe;
  source: string;
  data: Float64Array; // 8 values per bar: ts, open, high, low, close, volume, vwap, trades
}

export function toColumns(bars: readonly Bar[], source: string): BarColumns[] {
  const groups = new Map<string, Bar[]>();
  for (const b of bars) {
    const key = `${b.symbol}\u0000${b.timeframe}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(b);
  }
  return [...groups.values()].map((g) => {
    const data = new Float64Array(g.length * 8);
    g.forEach((b, i) => {
      const o = i * 8;
      data[o] = b.ts;
      data[o + 1] = b.open ?? NaN;
      data[o + 2] = b.high ?? NaN;
      data[o + 3] = b.low ?? NaN;
      data[o + 4] = b.close ?? NaN;
      data[o + 5] = b.volume ?? NaN;
      data[o + 6] = b.vwap ?? NaN;
      data[o + 7] = b.trades ?? NaN;
    });
    return { symbol: g[0]!.symbol, timeframe: g[0]!.timeframe, source, data };
  });
}

const orNull = (v: number): number | null => (Number.isNaN(v) ? null : v);

export function fromColumns(c: BarColumns): Bar[] {
  const out = new Array<Bar>(c.data.length / 8);
  for (let i = 0; i < out.length; i++) {
    const o = i * 8;
    const d = c.data;
    out[i] = {
      symbol: c.symbol,
      timeframe: c.timeframe,
      ts: d[o]!,
      open: orNull(d[o + 1]!) as number,
      high: orNull(d[o + 2]!) as number,
      low: orNull(d[o + 3]!) as number,
      close: orNull(d[o + 4]!) as number,
      volume: orNull(d[o + 5]!) as number,
      vwap: orNull(d[o + 6]!),
      trades: orNull(d[o + 7]!),
    };
  }
  return out;
}

interface Pending {
  resolve: (r: UpsertResult) => void;
  reject: (e: Error) => void;
}

export async function threadedBarWriter(dbPath: string): Promise<BarWriter> {
  const worker = new Worker(new URL('./bar-writer-worker.js', import.meta.url), { workerData: { dbPath } });
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let failure: Error | null = null;
  const failAll = (err: Error): void => {
    failure = err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  worker.on('message', (m: { id: number; result?: UpsertResult; error?: string; code?: unknown }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.error === undefined) p.resolve(m.result ?? { inserted: 0, updated: 0 });
    else p.reject(classifyStoreError({ message: m.error, code: m.code }, dbPath) ?? new DataError(m.error));
  });
  worker.on('error', (err) => failAll(new DataError(`the store writer thread failed: ${err.message}`)));
  worker.on('exit', (code) => {
    if (pending.size > 0) failAll(new DataError(`the store writer thread exited (${code})`));
  });
  await new Promise<void>((resolve, reject) => {
    worker.once('online', resolve);
    worker.once('error', reject);
  });
  const send = (message: object, transfer: ArrayBuffer[] = []): Promise<UpsertResult> => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise<UpsertResult>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...message }, transfer);
    });
  };
  return {
    write: (bars, source) => {
      const batches = toColumns(bars, source);
      return send(
        { batches },
        batches.map((b) => b.data.buffer as ArrayBuffer),
      );
    },
    writeColumns: (symbol, timeframe, columns, source) => {
      const buffers = new Set(COLUMN_NAMES.map((name) => columns[name].buffer as ArrayBuffer));
      return send({ columns: { symbol, timeframe, source, columns } }, [...buffers]);
    },
    record: async (entry) => {
      await send({ record: entry });
    },
    close: async () => {
      await worker.terminate();
    },
  };
}
