import type Database from 'better-sqlite3';
import type { Bar, BarSeries, Timeframe } from '../types.js';
import { columnsToBars, sliceColumns, toSeries, type BarColumnSet } from '../bar-columns.js';
import type { Store } from './open.js';

export interface UpsertResult {
  inserted: number;
  updated: number;
}

const BATCH = 64;
const COLS = 10;
const statementCache = new WeakMap<Store['db'], Map<string, Database.Statement>>();

function cached(store: Store, key: string, sql: () => string): Database.Statement {
  let m = statementCache.get(store.db);
  if (!m) statementCache.set(store.db, (m = new Map<string, Database.Statement>()));
  let st = m.get(key);
  if (!st) m.set(key, (st = store.db.prepare(sql())));
  return st;
}

const quoted = (source: string): string => `'${source.replace(/'/g, "''")}'`;

function insertSql(rows: number, source: string): string {
  const tuple = `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ${quoted(source)})`;
  return `INSERT OR IGNORE INTO bars (symbol, timeframe, ts, open, high, low, close, volume, vwap, trades, source)
    VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`;
}

/** One symbol and timeframe bound once per statement instead of once per row (~15 % less work per row). */
function insertColumnsSql(rows: number, source: string): string {
  return `INSERT OR IGNORE INTO bars (symbol, timeframe, ts, open, high, low, close, volume, vwap, trades, source)
    SELECT ?, ?, column1, column2, column3, column4, column5, column6, column7, column8, ${quoted(source)}
    FROM (VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')})`;
}

type Param = string | number | null;

/** How one kind of input becomes statement parameters; see upsertRows. */
interface RowSource {
  count: number;
  /** The INSERT OR IGNORE statement for `n` rows. */
  insert(n: number): Database.Statement;
  /** Parameters of rows [start, start + n) for that statement. */
  fill(params: Param[], start: number, n: number): void;
  /** Row `i` as a bar, for the UPDATE of rows that already existed. */
  barAt(i: number): Bar;
}

/**
 * Insert or replace bars in one transaction. Returns how many rows were new and how many replaced an
 * existing (symbol, timeframe, ts) row with different values. New rows go in multi-row INSERT OR IGNORE
 * statements of 64 (far fewer native calls than one per row); when a batch meets existing rows, a
 * guarded UPDATE per row of that batch rewrites only rows whose values changed, so re-running a
 * collection writes nothing.
 */
export function upsertBars(store: Store, bars: readonly Bar[], source: string): UpsertResult {
  return upsertRows(store, source, {
    count: bars.length,
    insert: (n) => cached(store, `insert:${n}:${source}`, () => insertSql(n, source)),
    fill: (params, start, n) => {
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
    },
    barAt: (i) => bars[i]!,
  });
}

const orNull = (v: number): number | null => (v === v ? v : null);

/** upsertBars for one symbol's bars in column form (NaN = null), without an object per bar. */
export function upsertColumns(
  store: Store,
  symbol: string,
  timeframe: Timeframe,
  c: BarColumnSet,
  source: string,
): UpsertResult {
  return upsertRows(store, source, {
    count: c.ts.length,
    insert: (n) => cached(store, `insert-columns:${n}:${source}`, () => insertColumnsSql(n, source)),
    fill: (params, start, n) => {
      params.length = 2 + n * 8;
      params[0] = symbol;
      params[1] = timeframe;
      for (let i = 0; i < n; i++) {
        const r = start + i;
        const o = 2 + i * 8;
        params[o] = c.ts[r]!;
        params[o + 1] = orNull(c.open[r]!);
        params[o + 2] = orNull(c.high[r]!);
        params[o + 3] = orNull(c.low[r]!);
        params[o + 4] = orNull(c.close[r]!);
        params[o + 5] = orNull(c.volume[r]!);
        params[o + 6] = orNull(c.vwap[r]!);
        params[o + 7] = orNull(c.trades[r]!);
      }
    },
    barAt: (i) => columnsToBars(symbol, timeframe, sliceColumns(c, i, i + 1))[0]!,
  });
}

function upsertRows(store: Store, source: string, rows: RowSource): UpsertResult {
  const result: UpsertResult = { inserted: 0, updated: 0 };
  if (rows.count === 0) return result;
  const update = cached(
    store,
    'update',
    () => `UPDATE bars SET open = ?, high = ?, low = ?, close = ?, volume = ?, vwap = ?, trades = ?, source = ?
     WHERE symbol = ? AND timeframe = ? AND ts = ?
       AND (open IS NOT ? OR high IS NOT ? OR low IS NOT ? OR close IS NOT ? OR volume IS NOT ?)`,
  );
  const params: Param[] = [];
  store.db.transaction(() => {
    for (let start = 0; start < rows.count; start += BATCH) {
      const n = Math.min(BATCH, rows.count - start);
      rows.fill(params, start, n);
      const inserted = rows.insert(n).run(params).changes;
      result.inserted += inserted;
      if (inserted === n) continue;
      for (let i = 0; i < n; i++) {
        const b = rows.barAt(start + i);
        result.updated += update.run(
          b.open,
          b.high,
          b.low,
          b.close,
          b.volume,
          b.vwap,
          b.trades,
          source,
          b.symbol,
          b.timeframe,
          b.ts,
          b.open,
          b.high,
          b.low,
          b.close,
          b.volume,
        ).changes;
      }
    }
  })();
  return result;
}

export function lastBarTs(store: Store, symbol: string, timeframe: Timeframe): number | null {
  const row = store.db
    .prepare<[string, string], { ts: number | null }>(
      'SELECT MAX(ts) AS ts FROM bars WHERE symbol = ? AND timeframe = ?',
    )
    .get(symbol, timeframe);
  return row?.ts ?? null;
}

/** Timestamps of stored bars in [fromTs, toTs], ascending. */
export function barTimestamps(
  store: Store,
  symbol: string,
  timeframe: Timeframe,
  fromTs: number,
  toTs: number,
): number[] {
  return store.db
    .prepare<[string, string, number, number], { ts: number }>(
      'SELECT ts FROM bars WHERE symbol = ? AND timeframe = ? AND ts BETWEEN ? AND ? ORDER BY ts',
    )
    .all(symbol, timeframe, fromTs, toTs)
    .map((r) => r.ts);
}

/** Stored bars of one symbol, oldest first, optionally limited to [fromTs, toTs]. Raw: nulls are kept. */
export function loadBars(
  store: Store,
  symbol: string,
  timeframe: Timeframe,
  fromTs = -Infinity,
  toTs = Infinity,
): Bar[] {
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

/** Column form of one symbol's minute bars (timeframe '1m'), for the intraday features. */
export function loadMinuteSeries(store: Store, symbol: string, fromTs = -Infinity, toTs = Infinity): BarSeries {
  return toSeries(symbol, loadBars(store, symbol, '1m', fromTs, toTs));
}

/** Symbols that have at least one daily bar. */
export function storedSymbols(store: Store, timeframe: Timeframe = '1d'): string[] {
  return store.db
    .prepare<[string], { symbol: string }>('SELECT DISTINCT symbol FROM bars WHERE timeframe = ? ORDER BY symbol')
    .all(timeframe)
    .map((r) => r.symbol);
}

/** A daily bar's prices, as an order working through later sessions needs them. */
export interface DailyRange {
  ts: number;
  open: number;
  high: number;
  low: number;
}

/** The daily bars of a symbol after `afterTs` up to `toTs` (bar start times, inclusive), oldest first. */
export function dailyBarsAfter(store: Store, symbol: string, afterTs: number, toTs: number): DailyRange[] {
  return store.db
    .prepare<[string, number, number], DailyRange>(
      "SELECT ts, open, high, low FROM bars WHERE symbol = ? AND timeframe = '1d' AND ts > ? AND ts <= ? ORDER BY ts",
    )
    .all(symbol, afterTs, Number.isFinite(toTs) ? toTs : 1e18);
}
