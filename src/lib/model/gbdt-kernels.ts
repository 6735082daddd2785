/**
 * The hot loops of training, written over typed arrays with no allocation. The same code runs on the
 * main thread (t = 0) and in the worker (t = 1): both claim work items — row chunks, nodes, leaves,
 * features — from a shared atomic counter, so a thread slowed by other load simply takes fewer items.
 * Results never depend on who took what: histogram sums are exact integers (gbdt-quantize.ts) and
 * every per-node or per-leaf job is done whole by one thread.
 */
import { featureEdges, NAN_BIN } from './gbdt-binning.js';
import { hash32 } from './rng.js';
import { CTRL, HIST_WIDTH, type SharedViews } from './gbdt-shared.js';
import { findBestSplit, type SplitContext } from './gbdt-split.js';

export const TASK = {
  edges: 1,
  bin: 2,
  grad: 3,
  quantize: 4,
  hist: 5,
  partition: 6,
  leafSums: 7,
  leafApply: 8,
  exit: 9,
  partitionMerge: 10,
  split: 11,
} as const;
/**
 * Offsets in the argument areas. iargs: results, chunk counts. fargs: per-thread gradient maxima;
 * the tree's quantization and split parameters (gradInv, hessInv, shift, gradScale, hessScale, l2,
 * minChildWeight, minLeaf); per-leaf or per-node values; splits found.
 */
export const ARGS = { results: 4096, chunks: 4608, gradMax: 0, quant: 8, leaf: 16, split: 2080 } as const;
const ROW_CHUNK = 16_384;
const HIST_CHUNK = 4_096;
/** Rows per partition chunk: small enough that both threads share even a root split, at most ~1024 chunks. */
const partChunk = (rows: number): number => Math.max(8_192, Math.ceil(rows / 512));
/** Chunk left counts, left destinations and right destinations are CHUNK_DEST apart in iargs. */
const CHUNK_DEST = 1024;

function claim(v: SharedViews): number {
  return Atomics.add(v.ctrl, CTRL.cursor, 1);
}

/** Quantile edges, one feature per claim. */
function edges(v: SharedViews): void {
  const size = v.sample.length / v.cols;
  for (let f = claim(v); f < v.cols; f = claim(v)) {
    v.edgeCount[f] = featureEdges(v.sample.subarray(f * size, (f + 1) * size), f, v.maxBins, v.edges);
  }
}

function bin(v: SharedViews): void {
  for (let a = claim(v) * ROW_CHUNK; a < v.rows; a = claim(v) * ROW_CHUNK) {
    const to = Math.min(v.rows, a + ROW_CHUNK);
    v.wasm.bin(v.X.byteOffset, v.rows, v.cols, v.edges.byteOffset, a, to, v.bins.byteOffset, v.colBins.byteOffset);
  }
}

/**
 * Logistic-loss gradient p − y and hessian p(1 − p) of every row; records this thread's maxima. The
 * WebAssembly kernel's exp is Math.exp's algorithm, so the values are the ones JavaScript would compute.
 */
function gradients(v: SharedViews, t: number): void {
  const out = ARGS.gradMax + 2 * t;
  let gMax = 0;
  let hMax = 0;
  for (let a = claim(v) * ROW_CHUNK; a < v.rows; a = claim(v) * ROW_CHUNK) {
    const b = Math.min(v.rows, a + ROW_CHUNK);
    const at = v.fargs.byteOffset + 8 * out;
    v.wasm.gradients(v.margin.byteOffset, v.y.byteOffset, v.grad.byteOffset, v.hess.byteOffset, a, b, at);
    gMax = Math.max(gMax, v.fargs[out]!);
    hMax = Math.max(hMax, v.fargs[out + 1]!);
  }
  v.fargs[out] = gMax;
  v.fargs[out + 1] = hMax;
}

/** Stochastic rounding of scaled gradients to integers, packed as qg * shift + qh (gbdt-quantize.ts). */
function quantize(v: SharedViews): void {
  const gInv = v.fargs[ARGS.quant]!;
  const hInv = v.fargs[ARGS.quant + 1]!;
  const shift = v.fargs[ARGS.quant + 2]!;
  const seed = v.iargs[0]!;
  const { grad, hess, packed } = v;
  for (let a = claim(v) * ROW_CHUNK; a < v.rows; a = claim(v) * ROW_CHUNK) {
    for (let r = a, b = Math.min(v.rows, a + ROW_CHUNK); r < b; r++) {
      const u = hash32(r, seed);
      const qg = Math.floor(grad[r]! * gInv + (u >>> 16) / 65536);
      const qh = Math.floor(hess[r]! * hInv + (u & 0xffff) / 65536);
      packed[r] = qg * shift + qh;
    }
  }
}

/**
 * Adds the packed gradients of rows idx[from, to) into the histogram at h[base ...] (h: hist or partial);
 * `sparse`: the node holds under a sixth of the rows (see accumulateSparse in the kernels).
 */
function accumulateHistogram(v: SharedViews, from: number, to: number, h: Float64Array, base: number, sparse: boolean) {
  const at = h.byteOffset + 8 * base;
  const kernel = sparse ? v.wasm.accumulateSparse : v.wasm.accumulate;
  kernel(v.idx.byteOffset, from, to, v.bins.byteOffset, v.packed.byteOffset, at, v.cols);
}

/**
 * Histograms of node j (start, end, pool offset, partial offset) in row chunks: thread 0 accumulates
 * into the pool, thread 1 into its partial buffer, which the main thread adds afterwards.
 */
function histograms(v: SharedViews, t: number): void {
  const k = v.iargs[0]!;
  const len = v.cols * HIST_WIDTH;
  const out = t === 0 ? v.hist : v.partial;
  for (let j = 0; j < k; j++) {
    const base = v.iargs[1 + 4 * j + 2 + t]!;
    out.fill(0, base, base + len);
  }
  forEachChunk(v, 4, HIST_CHUNK, (j, from, to) => {
    const o = 1 + 4 * j;
    const sparse = 6 * (v.iargs[o + 1]! - v.iargs[o]!) < v.rows;
    accumulateHistogram(v, from, to, out, v.iargs[o + 2 + t]!, sparse);
  });
}

/**
 * Walks claimed chunk numbers (ascending per thread) to node j of k, whose row range (start, end) sits
 * at iargs[1 + stride·j]; calls visit(j, chunk start, chunk end, chunk number) for each claim.
 */
function forEachChunk(
  v: SharedViews,
  stride: number,
  size: number,
  visit: (j: number, from: number, to: number, c: number) => void,
): void {
  const k = v.iargs[0]!;
  const a = v.iargs;
  let j = 0;
  let first = 0;
  let chunks = k > 0 ? Math.ceil((a[2]! - a[1]!) / size) : 0;
  for (let c = claim(v); ; c = claim(v)) {
    while (j < k && c >= first + chunks) {
      first += chunks;
      j++;
      if (j < k) chunks = Math.ceil((a[2 + stride * j]! - a[1 + stride * j]!) / size);
    }
    if (j >= k) break;
    const from = a[1 + stride * j]! + (c - first) * size;
    visit(j, from, Math.min(a[2 + stride * j]!, from + size), c);
  }
}

/**
 * First half of the stable partition of node j (start, end, feature, bin, nanLeft), per chunk of
 * partChunk rows: the chunk's left rows go in order to the front of its range in scratch, its right
 * rows to the back in reverse order; the chunk's left count goes to iargs[chunks + c].
 */
function partitions(v: SharedViews, t: number): void {
  const { colBins, idx, scratch, iargs, goLeft } = v;
  const table = goLeft.byteOffset + 256 * t;
  let node = -1;
  let col = 0;
  forEachChunk(v, 5, partChunk(v.rows), (j, from, to, c) => {
    if (j !== node) {
      node = j;
      const o = 1 + 5 * j;
      col = colBins.byteOffset + iargs[o + 2]! * v.rows;
      const split = iargs[o + 3]!;
      for (let b = 0; b < 256; b++) goLeft[256 * t + b] = b === NAN_BIN ? iargs[o + 4]! : b <= split ? 1 : 0;
    }
    iargs[ARGS.chunks + c] = v.wasm.partition(idx.byteOffset, scratch.byteOffset, from, to, col, table);
  });
}

/** Second half: chunk c's left rows to idx[iargs[chunks + c]...], its right rows (reversed back) after mid. */
function partitionMerges(v: SharedViews): void {
  const { idx, scratch, iargs } = v;
  forEachChunk(v, 5, partChunk(v.rows), (_j, from, to, c) => {
    const k = ARGS.chunks + c;
    const [nLeft, l, r] = [iargs[k]!, iargs[k + CHUNK_DEST]!, iargs[k + 2 * CHUNK_DEST]!];
    v.wasm.merge(idx.byteOffset, scratch.byteOffset, from, to, nLeft, l, r);
  });
}

/**
 * Between the two halves, on the main thread: each node's left count (iargs[results + j]) and where
 * each chunk's left and right rows land.
 */
export function planPartitionMerge(v: SharedViews): void {
  const a = v.iargs;
  const size = partChunk(v.rows);
  for (let j = 0, c = 0; j < a[0]!; j++) {
    const start = a[1 + 5 * j]!;
    const end = a[2 + 5 * j]!;
    const first = c;
    let nLeft = 0;
    for (let from = start; from < end; from += size, c++) nLeft += a[ARGS.chunks + c]!;
    let l = start;
    let r = start + nLeft;
    for (let from = start, d = first; from < end; from += size, d++) {
      a[ARGS.chunks + d + CHUNK_DEST] = l;
      a[ARGS.chunks + d + 2 * CHUNK_DEST] = r;
      l += a[ARGS.chunks + d]!;
      r += Math.min(end, from + size) - from - a[ARGS.chunks + d]!;
    }
    a[ARGS.results + j] = nLeft;
  }
}

/** Exact float gradient and hessian sums of leaf j (start, end), summed in row order, to fargs[leaf + 2j ...]. */
function leafSums(v: SharedViews): void {
  const k = v.iargs[0]!;
  for (let j = claim(v); j < k; j = claim(v)) {
    const out = v.fargs.byteOffset + 8 * (ARGS.leaf + 2 * j);
    v.wasm.leafSums(
      v.idx.byteOffset,
      v.iargs[1 + 2 * j]!,
      v.iargs[2 + 2 * j]!,
      v.grad.byteOffset,
      v.hess.byteOffset,
      out,
    );
  }
}

/** Adds leaf j's value (fargs[leaf + j]) to the margins of its rows. */
function leafApply(v: SharedViews): void {
  const k = v.iargs[0]!;
  for (let j = claim(v); j < k; j = claim(v)) {
    v.wasm.leafApply(
      v.idx.byteOffset,
      v.iargs[1 + 2 * j]!,
      v.iargs[2 + 2 * j]!,
      v.margin.byteOffset,
      v.fargs[ARGS.leaf + j]!,
    );
  }
}

/**
 * Best split of node j (histogram offset, rows; packed total in fargs[leaf + j]), one node per claim:
 * feature (-1: none), bin, NaN side (1: left) and gain to fargs[split + 4j ...].
 */
function splits(v: SharedViews): void {
  const k = v.iargs[0]!;
  const q = ARGS.quant;
  const f = v.fargs;
  const ctx: SplitContext = {
    hist: v.hist,
    cols: v.cols,
    valueBins: v.edgeCount.map((e) => e + 1),
    features: v.features.subarray(1, 1 + v.features[0]!),
    shift: f[q + 2]!,
    gradScale: f[q + 3]!,
    hessScale: f[q + 4]!,
    l2: f[q + 5]!,
    minChildWeight: f[q + 6]!,
    minLeaf: f[q + 7]!,
  };
  for (let j = claim(v); j < k; j = claim(v)) {
    const rows = v.iargs[2 + 2 * j]!;
    const s = rows >= 2 * ctx.minLeaf ? findBestSplit(ctx, v.iargs[1 + 2 * j]!, f[ARGS.leaf + j]!, rows) : null;
    f.set(s ? [s.feature, s.bin, s.nanLeft ? 1 : 0, s.gain] : [-1, 0, 0, 0], ARGS.split + 4 * j);
  }
}

/** Runs thread t's part of a task; the caller has reset the claim counter. */
export function runTaskShare(v: SharedViews, task: number, t: number): void {
  switch (task) {
    case TASK.edges:
      return edges(v);
    case TASK.bin:
      return bin(v);
    case TASK.grad:
      return gradients(v, t);
    case TASK.quantize:
      return quantize(v);
    case TASK.hist:
      return histograms(v, t);
    case TASK.partition:
      return partitions(v, t);
    case TASK.partitionMerge:
      return partitionMerges(v);
    case TASK.split:
      return splits(v);
    case TASK.leafSums:
      return leafSums(v);
    case TASK.leafApply:
      return leafApply(v);
    default:
      throw new Error(`unknown GBDT task ${task}`);
  }
}
