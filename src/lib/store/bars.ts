import type { Bar, BarSeries, Timeframe } from '../types.js';
import type { Store } from './open.js';

export interface UpsertResult {
  inserted: number;
  updated: number;
}

/**
 * Insert or replace bars in one transaction. Returns how many rows were new and how many
 * replaced an existing (symbol, timeframe, ts) row with different values.
 */
export function upsertBars(store: Store, bars: readonly Bar[], source: string): UpsertResult {
  const db = store.db;
  // INSERT OR IGNORE then a guarded UPDATE: one statement per new row (the common case) and no
  // write at all for an unchanged row, so re-running a collection rewrites nothing.
  const insert = db.prepare(
    `INSERT OR IGNORE INTO bars (symbol, timeframe, ts, open, high, low, close, volume, vwap, trades, source)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const update = db.prepare(
    `UPDATE bars SET open = ?, high = ?, low = ?, close = ?, volume = ?, vwap = ?, trades = ?, source = ?
     WHERE symbol = ? AND timeframe = ? AND ts = ?
       AND (open IS NOT ? OR high IS NOT ? OR low IS NOT ? OR close IS NOT ? OR volume IS NOT ?)`,
  );
  const result: UpsertResult = { inserted: 0, updated: 0 };
  db.transaction(() => {
    for (const b of bars) {
      const ins = insert.run(b.symbol, b.timeframe, b.ts, b.open, b.high, b.low, b.close, b.volume, b.vwap, b.trades, source);
      if (ins.changes > 0) {
        result.inserted++;
        continue;
      }
      const upd = update.run(
        b.open, b.high, b.low, b.close, b.volume, b.vwap, b.trades, source,
        b.symbol, b.timeframe, b.ts,
        b.open, b.high, b.low, b.close, b.volume,
      );
      result.updated += upd.changes;
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

interface BarRow {
  symbol: string;
  timeframe: Timeframe;
  ts: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  vwap: number | null;
  trades: number | null;
}

/** Stored bars of one symbol, oldest first, optionally limited to [fromTs, toTs]. Raw: nulls are kept. */
export function loadBars(store: Store, symbol: string, timeframe: Timeframe, fromTs = -Infinity, toTs = Infinity): Bar[] {
  return store.db
    .prepare<[string, string, number, number], BarRow>(
      `SELECT symbol, timeframe, ts, open, high, low, close, volume, vwap, trades
       FROM bars WHERE symbol = ? AND timeframe = ? AND ts >= ? AND ts <= ? ORDER BY ts`,
    )
    .all(symbol, timeframe, Number.isFinite(fromTs) ? fromTs : -1e18, Number.isFinite(toTs) ? toTs : 1e18);
}

/** Column form of one symbol's daily bars for analytics (nulls become NaN). */
export function loadSeries(store: Store, symbol: string, fromTs = -Infinity, toTs = Infinity): BarSeries {
  const rows = loadBars(store, symbol, '1d', fromTs, toTs);
  const n = rows.length;
  const s: BarSeries = {
    symbol,
    ts: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    s.ts[i] = r.ts;
    s.open[i] = r.open ?? NaN;
    s.high[i] = r.high ?? NaN;
    s.low[i] = r.low ?? NaN;
    s.close[i] = r.close ?? NaN;
    s.volume[i] = r.volume ?? NaN;
  }
  return s;
}

/** Symbols that have at least one daily bar. */
export function storedSymbols(store: Store, timeframe: Timeframe = '1d'): string[] {
  return store.db
    .prepare<[string], { symbol: string }>('SELECT DISTINCT symbol FROM bars WHERE timeframe = ? ORDER BY symbol')
    .all(timeframe)
    .map((r) => r.symbol);
}
