import type { Bar, BarSeries, Timeframe } from './types.js';

/**
 * Bars of one symbol and timeframe as columns, one Float64Array per field, all the same length
 * (NaN = missing). The form a large collection travels in: no object per bar, and the buffers can be
 * transferred to the store's writer thread as they are.
 */
export interface BarColumnSet extends Omit<BarSeries, 'symbol'> {
  vwap: Float64Array;
  trades: Float64Array;
}

export const COLUMN_NAMES = ['ts', 'open', 'high', 'low', 'close', 'volume', 'vwap', 'trades'] as const;

export function allocateColumns(length: number): BarColumnSet {
  return {
    ts: new Float64Array(length),
    open: new Float64Array(length),
    high: new Float64Array(length),
    low: new Float64Array(length),
    close: new Float64Array(length),
    volume: new Float64Array(length),
    vwap: new Float64Array(length),
    trades: new Float64Array(length),
  };
}

/** Rows `index[0..n)` of `c`, in that order, as new columns. */
export function pickRows(c: BarColumnSet, index: ArrayLike<number>, n = index.length): BarColumnSet {
  const out = allocateColumns(n);
  for (const name of COLUMN_NAMES) {
    const from = c[name];
    const to = out[name];
    for (let k = 0; k < n; k++) to[k] = from[index[k]!]!;
  }
  return out;
}

/** Rows [start, end) as views on the same buffers. */
export function sliceColumns(c: BarColumnSet, start: number, end: number): BarColumnSet {
  return {
    ts: c.ts.subarray(start, end),
    open: c.open.subarray(start, end),
    high: c.high.subarray(start, end),
    low: c.low.subarray(start, end),
    close: c.close.subarray(start, end),
    volume: c.volume.subarray(start, end),
    vwap: c.vwap.subarray(start, end),
    trades: c.trades.subarray(start, end),
  };
}

/** The pages end to end, as new columns. */
export function concatColumns(pages: readonly BarColumnSet[]): BarColumnSet {
  const out = allocateColumns(pages.reduce((n, p) => n + p.ts.length, 0));
  let at = 0;
  for (const p of pages) {
    for (const name of COLUMN_NAMES) out[name].set(p[name], at);
    at += p.ts.length;
  }
  return out;
}

export function barsToColumns(bars: readonly Bar[]): BarColumnSet {
  const { symbol: _symbol, ...prices } = toSeries('', bars);
  return {
    ...prices,
    vwap: Float64Array.from(bars, (b) => b.vwap ?? NaN),
    trades: Float64Array.from(bars, (b) => b.trades ?? NaN),
  };
}

const orNull = (v: number): number | null => (v === v ? v : null);

/** Back to bar objects (NaN → null, as the mappers give a missing field). */
export function columnsToBars(symbol: string, timeframe: Timeframe, c: BarColumnSet): Bar[] {
  const out = new Array<Bar>(c.ts.length);
  for (let i = 0; i < out.length; i++) {
    out[i] = {
      symbol,
      timeframe,
      ts: c.ts[i]!,
      open: orNull(c.open[i]!) as number,
      high: orNull(c.high[i]!) as number,
      low: orNull(c.low[i]!) as number,
      close: orNull(c.close[i]!) as number,
      volume: orNull(c.volume[i]!) as number,
      vwap: orNull(c.vwap[i]!),
      trades: orNull(c.trades[i]!),
    };
  }
  return out;
}

/** Row objects to the column form used by the pure analytics; a null (raw store row) becomes NaN. */
export function toSeries(symbol: string, bars: readonly Bar[]): BarSeries {
  const n = bars.length;
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
    const b = bars[i]!;
    s.ts[i] = b.ts;
    s.open[i] = b.open ?? NaN;
    s.high[i] = b.high ?? NaN;
    s.low[i] = b.low ?? NaN;
    s.close[i] = b.close ?? NaN;
    s.volume[i] = b.volume ?? NaN;
  }
  return s;
}
