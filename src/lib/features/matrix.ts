import { DataError } from '../errors.js';
import type { BarSeries } from '../types.js';
import { buildContext, columnLayout, seriesColumns, type FeatureOptions } from './extended.js';
import { FEATURE_WARMUP } from './feature-set.js';
import { binaryTarget, crossSectionalTargets, resolveTargetSpec, type TargetSpec } from './targets.js';

/**
 * Point-in-time training matrix: one row per (symbol, session) whose features all exist, row-major X.
 * Every feature of a row uses only that symbol's bars at or before the row's session; y looks ahead
 * by the target horizon and is NaN where that future is not in the data.
 */
export interface FeatureMatrix {
  featureNames: string[];
  rows: number;
  cols: number;
  /** rows x cols, row-major. */
  X: Float64Array;
  /** Symbol of each row. */
  symbol: string[];
  /** Session timestamp (UTC epoch ms, the bar's ts) of each row. */
  ts: Float64Array;
  /** Target of each row (1/0), NaN when unknown (the last `horizon` sessions of a series). */
  y: Float64Array;
}

/** Column names of the matrix built with these options (default: no intraday columns, no lags), in order. */
export function featureNames(o: FeatureOptions = {}): string[] {
  return columnLayout({ intraday: o.minute !== undefined, lags: o.lags ?? 0 }).names;
}

function checkSeries(s: BarSeries): number {
  const n = s.close.length;
  for (const [name, col] of [
    ['ts', s.ts],
    ['open', s.open],
    ['high', s.high],
    ['low', s.low],
    ['volume', s.volume],
  ] as const) {
    if (col.length !== n) throw new DataError(`${s.symbol}: ${name} has ${col.length} bars but close has ${n}`);
  }
  return n;
}

/**
 * Copies the row of bar t into X at `row` if every required feature is finite; returns whether it did.
 * (A row with a non-finite feature, e.g. zero volume in the relative-volume window, is skipped; an optional
 * one, the intraday set, stays NaN: the trainers treat NaN as missing.)
 */
function copyRow(columns: Float64Array[], optional: boolean[], t: number, X: Float64Array, row: number): boolean {
  const cols = columns.length;
  const base = row * cols;
  for (let j = 0; j < cols; j++) {
    const v = columns[j]![t]!;
    if (!Number.isFinite(v)) {
      if (!optional[j]) return false;
      X[base + j] = NaN;
    } else X[base + j] = v;
  }
  return true;
}

/** Builds the training matrix over every computable session of every series (oldest first per symbol). */
export function buildFeatureMatrix(
  series: readonly BarSeries[],
  target: Partial<TargetSpec> = {},
  options: FeatureOptions = {},
): FeatureMatrix {
  const spec = resolveTargetSpec(target);
  const ctx = buildContext(series, options);
  const { names, optional } = ctx.layout;
  const cols = names.length;
  let capacity = 0;
  for (const s of series) capacity += Math.max(0, checkSeries(s) - FEATURE_WARMUP);
  const X = new Float64Array(capacity * cols);
  const ts = new Float64Array(capacity);
  const y = new Float64Array(capacity);
  const symbol: string[] = [];
  let rows = 0;
  const crossSectional = spec.kind === 'cross-sectional' ? crossSectionalTargets(series, spec) : null;
  for (const [k, s] of series.entries()) {
    const n = s.close.length;
    if (n <= FEATURE_WARMUP) continue;
    const columns = seriesColumns(s, ctx);
    const labels = crossSectional ? crossSectional[k]! : binaryTarget(s.close, spec);
    for (let t = FEATURE_WARMUP; t < n; t++) {
      if (!copyRow(columns, optional, t, X, rows)) continue;
      ts[rows] = s.ts[t]!;
      y[rows] = labels[t]!;
      symbol.push(s.symbol);
      rows++;
    }
  }
  return trimmed(names, rows, X, symbol, ts, y);
}

/**
 * Features of only the LAST session of each series, for daily scoring (y is NaN: the future is
 * unknown). Values are bit-identical to that session's row in buildFeatureMatrix: the EMA/Wilder
 * features depend on the whole history, so the series is not truncated, but no matrix of all
 * sessions is built. A series whose last session has a non-finite feature (too short, no volume)
 * gets no row.
 */
export function buildLatestFeatureRows(series: readonly BarSeries[], options: FeatureOptions = {}): FeatureMatrix {
  const ctx = buildContext(series, options);
  const { names, optional } = ctx.layout;
  const cols = names.length;
  const X = new Float64Array(series.length * cols);
  const ts = new Float64Array(series.length);
  const symbol: string[] = [];
  let rows = 0;
  for (const s of series) {
    const n = checkSeries(s);
    if (n <= FEATURE_WARMUP) continue;
    if (!copyRow(seriesColumns(s, ctx), optional, n - 1, X, rows)) continue;
    ts[rows] = s.ts[n - 1]!;
    symbol.push(s.symbol);
    rows++;
  }
  return trimmed(names, rows, X, symbol, ts, new Float64Array(rows).fill(Number.NaN));
}

/** The matrix with its buffers cut to the rows actually filled (copies only when rows were skipped). */
function trimmed(
  names: string[],
  rows: number,
  X: Float64Array,
  symbol: string[],
  ts: Float64Array,
  y: Float64Array,
): FeatureMatrix {
  const cols = names.length;
  const cut = (a: Float64Array, size: number): Float64Array => (a.length === size ? a : a.slice(0, size));
  return {
    featureNames: [...names],
    rows,
    cols,
    X: cut(X, rows * cols),
    symbol,
    ts: cut(ts, rows),
    y: cut(y, rows),
  };
}
