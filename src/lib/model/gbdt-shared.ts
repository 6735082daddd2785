/**
 * The training state shared between the main thread and the histogram worker. Everything lives in
 * SharedArrayBuffers so the worker reads rows and writes histograms without copies; views are rebuilt
 * on each side by sharedViews().
 */
import { EDGE_WIDTH, sampleSize } from './gbdt-binning.js';

export const HIST_WIDTH = 256; // 255 value bins + the NaN bin, per feature

/**
 * Control words in `ctrl`: command and done counters, the task code, an error flag, the work-claim
 * cursor, and the gate through which the worker joins a task (gbdt-threads.ts).
 */
export const CTRL = { command: 0, done: 1, task: 2, error: 3, cursor: 4, gate: 5 } as const;
export const ARG_INTS = 8192;
export const ARG_FLOATS = 4096 + 2048;

export interface SharedBuffers {
  rows: number;
  cols: number;
  /** Histogram slots per pool: the most nodes one tree level can need. */
  slots: number;
  maxBins: number;
  seed: number;
  X: SharedArrayBuffer;
  sample: SharedArrayBuffer;
  edges: SharedArrayBuffer;
  edgeCount: SharedArrayBuffer;
  bins: SharedArrayBuffer;
  colBins: SharedArrayBuffer;
  y: SharedArrayBuffer;
  margin: SharedArrayBuffer;
  grad: SharedArrayBuffer;
  hess: SharedArrayBuffer;
  packed: SharedArrayBuffer;
  idx: SharedArrayBuffer;
  scratch: SharedArrayBuffer;
  hist: SharedArrayBuffer;
  partial: SharedArrayBuffer;
  features: SharedArrayBuffer;
  ctrl: SharedArrayBuffer;
  iargs: SharedArrayBuffer;
  fargs: SharedArrayBuffer;
}

export interface SharedViews {
  rows: number;
  cols: number;
  slots: number;
  maxBins: number;
  seed: number;
  /** Training features, row-major (copied here so the worker can bin its half). */
  X: Float64Array;
  /** Quantile sample, column-major (binning.transposedSample). */
  sample: Float64Array;
  /** Bin edges per feature, EDGE_WIDTH wide, padded with +Infinity; edgeCount holds the real counts. */
  edges: Float64Array;
  edgeCount: Int32Array;
  /** Row-major bins (histograms) and column-major bins (partitioning). */
  bins: Uint8Array;
  colBins: Uint8Array;
  y: Float64Array;
  margin: Float64Array;
  grad: Float64Array;
  hess: Float64Array;
  /** Quantized gradient and hessian of each row packed in one exact integer (see gbdt-quantize.ts). */
  packed: Float64Array;
  idx: Int32Array;
  scratch: Int32Array;
  /** Two pools (current and next tree level) of `slots` histograms of cols × HIST_WIDTH packed sums. */
  hist: Float64Array;
  /** The worker's half-histograms, merged into `hist` by the main thread. */
  partial: Float64Array;
  /** Features allowed in the current tree: the count, then the feature numbers. */
  features: Int32Array;
  ctrl: Int32Array;
  iargs: Int32Array;
  fargs: Float64Array;
}

export function allocateShared(
  rows: number,
  cols: number,
  slots: number,
  maxBins: number,
  seed: number,
): SharedBuffers {
  const sab = (bytes: number) => new SharedArrayBuffer(Math.max(8, bytes));
  const histLen = slots * cols * HIST_WIDTH;
  return {
    rows,
    cols,
    slots,
    maxBins,
    seed,
    X: sab(rows * cols * 8),
    sample: sab(sampleSize(rows) * cols * 8),
    edges: sab(cols * EDGE_WIDTH * 8),
    edgeCount: sab(cols * 4),
    bins: sab(rows * cols),
    colBins: sab(rows * cols),
    y: sab(rows * 8),
    margin: sab(rows * 8),
    grad: sab(rows * 8),
    hess: sab(rows * 8),
    packed: sab(rows * 8),
    idx: sab(rows * 4),
    scratch: sab(rows * 4),
    hist: sab(2 * histLen * 8),
    partial: sab(histLen * 8),
    features: sab((cols + 1) * 4),
    ctrl: sab(16 * 4),
    iargs: sab(ARG_INTS * 4),
    fargs: sab(ARG_FLOATS * 8),
  };
}

export function sharedViews(b: SharedBuffers): SharedViews {
  return {
    rows: b.rows,
    cols: b.cols,
    slots: b.slots,
    maxBins: b.maxBins,
    seed: b.seed,
    X: new Float64Array(b.X),
    sample: new Float64Array(b.sample),
    edges: new Float64Array(b.edges),
    edgeCount: new Int32Array(b.edgeCount),
    bins: new Uint8Array(b.bins),
    colBins: new Uint8Array(b.colBins),
    y: new Float64Array(b.y),
    margin: new Float64Array(b.margin),
    grad: new Float64Array(b.grad),
    hess: new Float64Array(b.hess),
    packed: new Float64Array(b.packed),
    idx: new Int32Array(b.idx),
    scratch: new Int32Array(b.scratch),
    hist: new Float64Array(b.hist),
    partial: new Float64Array(b.partial),
    features: new Int32Array(b.features),
    ctrl: new Int32Array(b.ctrl),
    iargs: new Int32Array(b.iargs),
    fargs: new Float64Array(b.fargs),
  };
}
