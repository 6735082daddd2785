/**
 * Quantile binning. Every value is first rounded to float32 (the precision onnxruntime compares in),
 * and a value falls in bin k of a feature when k edges are below it, i.e. k is the first index with
 * fround(x) <= edges[k] (the last value bin when it exceeds every edge). NaN goes to NAN_BIN. Because
 * edges are float32 numbers, "bin <= k" during training is exactly "fround(x) <= edges[k]" at
 * prediction time, in our TypeScript predictor and in onnxruntime's float32 BRANCH_LEQ alike.
 */
import { hash32 } from './rng.js';

export const NAN_BIN = 255;
/** Edges are stored padded to this width with +Infinity so the bin search has a fixed 8 steps. */
export const EDGE_WIDTH = 256;
const SAMPLE_ROWS = 200_000;

/** A float32 cut m with a <= m < b between consecutive distinct float32 values a < b. */
function cutBetween(a: number, b: number): number {
  const m = Math.fround((a + b) / 2);
  return m >= a && m < b ? m : a;
}

export function sampleSize(rows: number): number {
  return Math.min(rows, SAMPLE_ROWS);
}

/** Row i of the seeded quantile sample: one row per equal stride, so the whole range is covered. */
export function sampleRow(i: number, rows: number, seed: number): number {
  if (rows <= SAMPLE_ROWS) return i;
  const stride = rows / SAMPLE_ROWS;
  return Math.min(rows - 1, Math.floor((i + hash32(i, seed) / 4294967296) * stride));
}

/** Ascending float32 edges (at most maxBins - 1) splitting sorted non-NaN values into quantile bins. */
export function quantileEdges(sorted: Float64Array, maxBins: number): number[] {
  const n = sorted.length;
  const out: number[] = [];
  if (n === 0) return out;
  let distinct = 1;
  for (let i = 1; i < n && distinct <= maxBins; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  if (distinct <= maxBins) {
    for (let i = 1; i < n; i++) if (sorted[i] !== sorted[i - 1]) out.push(cutBetween(sorted[i - 1]!, sorted[i]!));
    return out;
  }
  for (let k = 1; k < maxBins; k++) {
    let i = Math.floor((k * n) / maxBins);
    const c = sorted[i]!;
    while (i < n && sorted[i] === c) i++;
    if (i >= n) break;
    const edge = cutBetween(c, sorted[i]!);
    if (out.length === 0 || edge > out[out.length - 1]!) out.push(edge);
  }
  return out;
}

/** The seeded quantile sample, transposed: sample[f * size + i] is feature f of sampled row i. */
export function transposedSample(X: Float64Array, rows: number, cols: number, seed: number): Float64Array {
  const size = sampleSize(rows);
  const out = new Float64Array(size * cols);
  for (let i = 0; i < size; i++) {
    const o = sampleRow(i, rows, seed) * cols;
    for (let f = 0; f < cols; f++) out[f * size + i] = Math.fround(X[o + f]!);
  }
  return out;
}

/** Edges of feature f from its column of the transposed sample, written padded at edges[f * EDGE_WIDTH]. */
export function featureEdges(column: Float64Array, f: number, maxBins: number, edges: Float64Array): number {
  const values = new Float64Array(column.length);
  let n = 0;
  for (let i = 0; i < column.length; i++) {
    const v = column[i]!;
    if (v === v) values[n++] = v;
  }
  const cut = quantileEdges(values.subarray(0, n).sort(), maxBins);
  edges.fill(Infinity, f * EDGE_WIDTH, (f + 1) * EDGE_WIDTH);
  edges.set(cut, f * EDGE_WIDTH);
  return cut.length;
}

/** Number of feature f's edges below fround(v), by a fixed-step search over the padded edges. */
export function binOf(v: number, edges: Float64Array, f: number): number {
  const x = Math.fround(v);
  if (x !== x) return NAN_BIN;
  const b = f * EDGE_WIDTH;
  let i = 0;
  i += edges[b + i + 127]! < x ? 128 : 0;
  i += edges[b + i + 63]! < x ? 64 : 0;
  i += edges[b + i + 31]! < x ? 32 : 0;
  i += edges[b + i + 15]! < x ? 16 : 0;
  i += edges[b + i + 7]! < x ? 8 : 0;
  i += edges[b + i + 3]! < x ? 4 : 0;
  i += edges[b + i + 1]! < x ? 2 : 0;
  i += edges[b + i]! < x ? 1 : 0;
  return i;
}
