import type Database from 'better-sqlite3';
import type { Bar, BarSeries, Timeframe } from '../types.js';
import { toSeries } from '../market/csv-bars.js';
import type { Store } from './open.js';

export interface UpsertResult {
  inserted: number;
  updated: number;
}

/**
 * Insert or replace bars in one transaction. Returns how many rows were new and how many
 * replaced an existing (symbol, timeframe, ts) row with different values.
 */
const BATCH = 64;
const COLS = 10;
const statementCache = new WeakMap<Store['db'], Map<string, Database.Statement>>();

function cached(store: Store, key: string, sql: () => string): Database.Statement {
  let m = statementCache.get(store.db);
  if (!m) statementCache.set(store.db, (m = new Map()));
  let st = m.get(key);
  if (!st) m.set(key, (st = store.db.prepare(sql())));
  return st;
}

function insertSql(rows: number, source: string): string {
  const tuple = `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '${source.replace(/'/g, "''")}')`;
  return `INSERT OR IGNORE INTO bars (symbol, timeframe, ts, open, high, low, close, volume, vwap, trades, source)
    VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`;
}

/**
 * Insert or replace bars in one transaction. Returns how many rows were new and how many replaced an
 * existing (symbol, timeframe, ts) row with different values. New rows go in multi-row INSERT OR IGNORE
 * statements of 64 (far fewer native calls than one per row); when a batch meets existing rows, a
 * guarded UPDATE per row of that batch rewrites only rows whose values changed, so re-running a
 * collection writes nothing.
 */
export function upsertBars(store: Store, bars: readonly Bar[], source: string): UpsertResult {
  const result: UpsertResult = { inserted: 0, updated: 0 };
  if (bars.length === 0) return result;
  const update = cached(store, 'update', () => `UPDATE bars SET open = ?, high = ?, low = ?, close = ?, volume = ?, vwap = ?, trades = ?, source = ?
     WHERE symbol = ? AND timeframe = ? AND ts = ?
       AND (open IS NOT ? OR high IS NOT ? OR low IS NOT ? OR close IS NOT ? OR volume IS NOT ?)`);
  const params: Array<string | number | null> = [];
  store.db.transaction(() => {
    for (let start = 0; start < bars.length; start += BATCH) {
      const n = Math.min(BATCH, bars.length - start);
      const insert = cached(store, `insert:${n}:${source}`, () => insertSql(n, source));
      params.length = n * COLS;
      for (let i = 0; i < n; i++) {
        const b = bars[start + i]!;
        const o = i * COLS;
        params[o] = b.symbol;
        params[o + 1] = b.timeframe;
        params[o + 2] = b.ts;
        params[o + 3] = b.open;
        params[o + 4] = b.high;
        params[o + 5] = b.low;
        params[o + 6] = b.close;
        params[o + 7] = b.volume;
        params[o + 8] = b.vwap;
        params[o + 9] = b.trades;
      }
      const inserted = insert.run(params).changes;
      result.inserted += inserted;
      if (inserted === n) continue;
      for (let i = 0; i < n; i++) {
        const b = bars[start + i]!;
        result.updated += update.run(
          b.open, b.high, b.low, b.close, b.volume, b.vwap, b.trades, source,
          b.symbol, b.timeframe, b.ts,
          b.open, b.high, b.low, b.close, b.volume,
        ).changes;
      }
    }
  })();
  return result;
}

export function lastBarTs(store: Store, symbol: string, timeframe: Timeframe): number | null {
  const row = store.db
    .prepare<[string, string], { ts: number | null }>('SELECT MAX(ts) AS ts FROM bars WHERE symbol = ? AND timeframe = ?')
    .get(symbol, timeframe);
  return row?.ts ?? null;
}

/** Timestamps of stored bars in [fromTs, toTs], ascending. */
export function barTimestamps(store: Store, symbol: string, timeframe: Timeframe, fromTs: number, toTs: number): number[] {
  return store.db
    .prepare<[string, string, number, number], { ts: number }>(
      'SELECT ts FROM bars WHERE symbol = ? AND timeframe = ? AND ts BETWEEN ? AND ? ORDER BY ts',
    )
    .all(symbol, timeframe, fromTs, toTs)
    .map((r) => r.ts);
}


/** Stored bars of one symbol, oldest first, optionally limited to [fromTs, toTs]. Raw: nulls are kept. */
export function loadBars(store: Store, symbol: string, timeframe: Timeframe, fromTs = -Infinity, toTs = Infinity): Bar[] {
  return store.db
    .prepare<[string, string, number, number], Bar>(
      `SELECT symbol, timeframe, ts, open, high, low, close, volume, vwap, trades
       FROM bars WHERE symbol = ? AND timeframe = ? AND ts >= ? AND ts <= ? ORDER BY ts`,
    )
    .all(symbol, timeframe, Number.isFinite(fromTs) ? fromTs : -1e18, Number.isFinite(toTs) ? toTs : 1e18);
}

/** Column form of one symbol's daily bars for analytics (nulls become NaN). */
export function loadSeries(store: Store, symbol: string, fromTs = -Infinity, toTs = Infinity): BarSeries {
  return toSeries(symbol, loadBars(store, symbol, '1d', fromTs, toTs));
}

/** Symbols that have at least one daily bar. */
export function storedSymbols(store: Store, timeframe: Timeframe = '1d'): string[] {
  return store.db
    .prepare<[string], { symbol: string }>('SELECT DISTINCT symbol FROM bars WHERE timeframe = ? ORDER BY symbol')
    .all(timeframe)
    .map((r) => r.symbol);
}
