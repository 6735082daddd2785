/**
 * The training state shared between the main thread and the histogram worker. Everything lives in
 * shared memory so the worker reads rows and writes histograms without copies; views are rebuilt on
 * each side by sharedViews(). All but the raw features and the quantile sample sit in one shared
 * WebAssembly memory, where the WebAssembly kernels (wasm/gbdt-kernels.wat) can reach them.
 */
import { DataError } from '../errors.js';
import { EDGE_WIDTH, sampleSize } from './gbdt-binning.js';
import { GBDT_KERNELS_WASM } from './gbdt-kernels-wasm.js';

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
  sample: SharedArrayBuffer;
  /** Every other array, at the offsets layoutOf() gives, so the WebAssembly kernels can reach it. */
  memory: WebAssembly.Memory;
}

/** The WebAssembly kernels (wasm/gbdt-kernels.wat), bound to the shared memory; pointers are byte offsets. */
export interface WasmKernels {
  accumulate: (idx: number, from: number, to: number, bins: number, packed: number, hist: number, cols: number) => void;
  accumulateSparse: (
    idx: number,
    from: number,
    to: number,
    bins: number,
    packed: number,
    hist: number,
    cols: number,
  ) => void;
  partition: (idx: number, scratch: number, from: number, to: number, col: number, goLeft: number) => number;
  merge: (idx: number, scratch: number, from: number, to: number, nLeft: number, l: number, r: number) => void;
  bin: (
    X: number,
    rows: number,
    cols: number,
    edges: number,
    from: number,
    to: number,
    rowMajor: number,
    colMajor: number,
  ) => void;
  leafSums: (idx: number, from: number, to: number, grad: number, hess: number, out: number) => void;
  leafApply: (idx: number, from: number, to: number, margin: number, w: number) => void;
  gradients: (margin: number, y: number, grad: number, hess: number, from: number, to: number, out: number) => void;
  exp: (x: number) => number;
}

export interface SharedViews {
  rows: number;
  cols: number;
  slots: number;
  maxBins: number;
  seed: number;
  /** Training features rounded to float32 (the precision of bins and thresholds), row-major. */
  X: Float32Array;
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
  /** Per thread, 256 bytes saying which bins of the node being partitioned go left. */
  goLeft: Uint8Array;
  /** Features allowed in the current tree: the count, then the feature numbers. */
  features: Int32Array;
  ctrl: Int32Array;
  iargs: Int32Array;
  fargs: Float64Array;
  wasm: WasmKernels;
}

type Typed = Float64Array | Float32Array | Int32Array | Uint8Array;
type Field = Exclude<keyof SharedViews, 'rows' | 'cols' | 'slots' | 'maxBins' | 'seed' | 'sample' | 'wasm'>;
interface TypedClass {
  new (buffer: SharedArrayBuffer, at: number, n: number): Typed;
  readonly BYTES_PER_ELEMENT: number;
}
type Layout = Record<Field, { make: TypedClass; at: number; n: number }>;

const PAGE = 65_536;
const MAX_PAGES = 65_536; // 4 GiB, WebAssembly's 32-bit address space

/** Where each array lives in the shared memory (8-byte aligned), and the bytes needed. */
function layoutOf(rows: number, cols: number, slots: number): { layout: Layout; bytes: number } {
  const histLen = slots * cols * HIST_WIDTH;
  const specs: [Field, TypedClass, number][] = [
    ['hist', Float64Array, 2 * histLen],
    ['partial', Float64Array, histLen],
    ['edges', Float64Array, cols * EDGE_WIDTH],
    ['fargs', Float64Array, ARG_FLOATS],
    ['y', Float64Array, rows],
    ['margin', Float64Array, rows],
    ['grad', Float64Array, rows],
    ['hess', Float64Array, rows],
    ['packed', Float64Array, rows],
    ['edgeCount', Int32Array, cols],
    ['features', Int32Array, cols + 1],
    ['ctrl', Int32Array, 16],
    ['iargs', Int32Array, ARG_INTS],
    ['idx', Int32Array, rows],
    ['scratch', Int32Array, rows],
    ['goLeft', Uint8Array, 512],
    ['X', Float32Array, rows * cols],
    ['bins', Uint8Array, rows * cols],
    ['colBins', Uint8Array, rows * cols],
  ];
  const layout = {} as Layout;
  let at = 64; // byte 0 is left unused: a stray null pointer reads nothing of ours
  for (const [name, make, n] of specs) {
    layout[name] = { make, at, n };
    at += Math.ceil((n * make.BYTES_PER_ELEMENT) / 8) * 8;
  }
  return { layout, bytes: at };
}

export function allocateShared(
  rows: number,
  cols: number,
  slots: number,
  maxBins: number,
  seed: number,
): SharedBuffers {
  const sab = (bytes: number) => new SharedArrayBuffer(Math.max(8, bytes));
  const pages = Math.ceil(layoutOf(rows, cols, slots).bytes / PAGE);
  if (pages > MAX_PAGES) {
    throw new DataError(
      `training set of ${rows} rows × ${cols} features needs ${(pages / 16_384).toFixed(1)} GiB of training memory; the limit is 4 GiB`,
    );
  }
  return {
    rows,
    cols,
    slots,
    maxBins,
    seed,
    sample: sab(sampleSize(rows) * cols * 8),
    memory: new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true }),
  };
}

let compiled: WebAssembly.Module | undefined;

function kernels(memory: WebAssembly.Memory): WasmKernels {
  compiled ??= new WebAssembly.Module(Buffer.from(GBDT_KERNELS_WASM, 'base64'));
  return new WebAssembly.Instance(compiled, { env: { memory } }).exports as unknown as WasmKernels;
}

export function sharedViews(b: SharedBuffers): SharedViews {
  const { layout } = layoutOf(b.rows, b.cols, b.slots);
  const buffer = b.memory.buffer;
  const view = <T extends Typed>(name: Field): T => {
    const { make, at, n } = layout[name];
    return new make(buffer, at, n) as T;
  };
  return {
    rows: b.rows,
    cols: b.cols,
    slots: b.slots,
    maxBins: b.maxBins,
    seed: b.seed,
    X: view('X'),
    sample: new Float64Array(b.sample),
    edges: view('edges'),
    edgeCount: view('edgeCount'),
    bins: view('bins'),
    colBins: view('colBins'),
    y: view('y'),
    margin: view('margin'),
    grad: view('grad'),
    hess: view('hess'),
    packed: view('packed'),
    idx: view('idx'),
    scratch: view('scratch'),
    hist: view('hist'),
    partial: view('partial'),
    goLeft: view('goLeft'),
    features: view('features'),
    ctrl: view('ctrl'),
    iargs: view('iargs'),
    fargs: view('fargs'),
    wasm: kernels(b.memory),
  };
}
