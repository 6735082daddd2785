/**
 * Random forest for binary classification (Breiman 2001): each tree grows on a bootstrap sample of the
 * rows, trying `mtry` random features at each node, with the Gini split criterion; a leaf holds its
 * rows' positive rate and the forest averages the trees. Written here rather than taken from npm: the
 * npm forests we looked at (ml-random-forest and kin) cannot export their trees in a form we can turn
 * into ONNX, handle no NaN, and are far slower. Reuses the GBDT's quantile binning (float32 edges), so
 * a split "bin <= k" is exactly onnxruntime's "fround(x) <= threshold", and the GBDT tree struct, so
 * the same predictor walks it. NaN rows go to the side that scores better at each split.
 */
import { DataError, UsageError } from '../errors.js';
import { EDGE_WIDTH, NAN_BIN, binOf, featureEdges, transposedSample, sampleSize } from './gbdt-binning.js';
import { checkMatrix, treeValue } from './gbdt-predict.js';
import type { GbdtTree, TrainingSet } from './gbdt-types.js';
import { mulberry32 } from './rng.js';

export interface RfParams {
  trees: number;
  /** Maximum tree depth (root = depth 0). */
  maxDepth: number;
  /** Minimum rows (bootstrap draws) in a leaf. */
  minLeaf: number;
  /** Features tried per node as a fraction of all features; 0 = sqrt(features) (scikit-learn's "sqrt"). */
  maxFeatures: number;
  /** Value bins per feature, 2..255. */
  bins: number;
  seed: number;
}

export const DEFAULT_RF_PARAMS: RfParams = { trees: 100, maxDepth: 10, minLeaf: 20, maxFeatures: 0, bins: 64, seed: 1 };

export interface RfModel {
  kind: 'rf';
  nFeatures: number;
  /** Leaf values are positive rates in [0, 1]; the prediction is their mean over the trees. */
  trees: GbdtTree[];
  /** Total Gini decrease per feature (weighted by rows). */
  importance: number[];
  params: RfParams;
}

export function resolveRfParams(partial: Partial<RfParams>): RfParams {
  const p = { ...DEFAULT_RF_PARAMS, ...partial };
  const ok =
    Number.isInteger(p.trees) &&
    p.trees >= 1 &&
    Number.isInteger(p.maxDepth) &&
    p.maxDepth >= 1 &&
    p.maxDepth <= 30 &&
    Number.isInteger(p.minLeaf) &&
    p.minLeaf >= 1 &&
    p.maxFeatures >= 0 &&
    p.maxFeatures <= 1 &&
    Number.isInteger(p.bins) &&
    p.bins >= 2 &&
    p.bins <= 255;
  if (!ok) throw new UsageError(`invalid random forest parameters: ${JSON.stringify(p)}`);
  return p;
}

interface Grow {
  bins: Uint8Array; // column-major: bins[f * rows + r]
  y: Float64Array;
  rows: number;
  edges: Float64Array;
  edgeCount: Int32Array;
  p: RfParams;
  mtry: number;
  rand: () => number;
  importance: Float64Array;
  count: Float64Array; // per-bin histograms, reused
  pos: Float64Array;
}

interface Best {
  score: number;
  feature: number;
  bin: number;
  nanLeft: boolean;
}

/** Best split of idx[start, end) over `mtry` random features: maximizes sL²/nL + sR²/nR (≡ Gini decrease). */
function bestSplit(g: Grow, idx: Int32Array, start: number, end: number, n: number, s: number): Best | null {
  const { count, pos } = g;
  const minLeaf = g.p.minLeaf;
  const cols = g.edgeCount.length;
  const order = Int32Array.from({ length: cols }, (_, i) => i);
  const parent = (s * s) / n;
  let best: Best | null = null;
  for (let k = 0; k < g.mtry; k++) {
    const j = k + Math.floor(g.rand() * (cols - k));
    const f = order[j]!;
    order[j] = order[k]!;
    order[k] = f;
    const nb = g.edgeCount[f]! + 1;
    count.fill(0);
    pos.fill(0);
    const col = f * g.rows;
    for (let i = start; i < end; i++) {
      const r = idx[i]!;
      const b = g.bins[col + r]!;
      count[b]!++;
      pos[b]! += g.y[r]!;
    }
    const nNan = count[NAN_BIN]!;
    const sNan = pos[NAN_BIN]!;
    let nL = 0;
    let sL = 0;
    for (let b = 0; b < nb - 1; b++) {
      nL += count[b]!;
      sL += pos[b]!;
      for (const nanLeft of [false, true]) {
        const nl = nL + (nanLeft ? nNan : 0);
        const sl = sL + (nanLeft ? sNan : 0);
        const nr = n - nl;
        if (nl < minLeaf || nr < minLeaf) continue;
        const sr = s - sl;
        const score = (sl * sl) / nl + (sr * sr) / nr - parent;
        if (score > 1e-12 && (!best || score > best.score)) best = { score, feature: f, bin: b, nanLeft };
      }
    }
  }
  return best;
}

function growTree(g: Grow, idx: Int32Array): GbdtTree {
  const t: GbdtTree = { feature: [], threshold: [], left: [], right: [], nanLeft: [], value: [] };
  const node = (): number => {
    t.feature.push(-1);
    t.threshold.push(0);
    t.left.push(0);
    t.right.push(0);
    t.nanLeft.push(0);
    t.value.push(0);
    return t.feature.length - 1;
  };
  const stack: Array<{ id: number; start: number; end: number; depth: number }> = [
    { id: node(), start: 0, end: idx.length, depth: 0 },
  ];
  while (stack.length > 0) {
    const { id, start, end, depth } = stack.pop()!;
    const n = end - start;
    let s = 0;
    for (let i = start; i < end; i++) s += g.y[idx[i]!]!;
    t.value[id] = Math.fround(s / n); // float32, as onnxruntime stores it
    if (depth >= g.p.maxDepth || n < 2 * g.p.minLeaf || s === 0 || s === n) continue;
    const split = bestSplit(g, idx, start, end, n, s);
    if (!split) continue;
    // Partition in place: rows going left first.
    const col = split.feature * g.rows;
    let mid = start;
    for (let i = start; i < end; i++) {
      const r = idx[i]!;
      const b = g.bins[col + r]!;
      if (b === NAN_BIN ? split.nanLeft : b <= split.bin) {
        idx[i] = idx[mid]!;
        idx[mid++] = r;
      }
    }
    g.importance[split.feature]! += split.score;
    t.feature[id] = split.feature;
    t.threshold[id] = g.edges[split.feature * EDGE_WIDTH + split.bin]!;
    t.nanLeft[id] = split.nanLeft ? 1 : 0;
    t.left[id] = node();
    t.right[id] = node();
    stack.push({ id: t.right[id], start: mid, end, depth: depth + 1 });
    stack.push({ id: t.left[id], start, end: mid, depth: depth + 1 });
  }
  return t;
}

export function trainRf(train: TrainingSet, options: Partial<RfParams> = {}): RfModel {
  const p = resolveRfParams(options);
  const { rows, cols, X, y } = train;
  checkMatrix(X, rows, cols, cols);
  if (rows < 2 || y.length !== rows) throw new DataError(`random forest: ${y.length} labels for ${rows} rows`);
  const sample = transposedSample(X, rows, cols, p.seed);
  const size = sampleSize(rows);
  const edges = new Float64Array(cols * EDGE_WIDTH);
  const edgeCount = Int32Array.from({ length: cols }, (_, f) =>
    featureEdges(sample.subarray(f * size, (f + 1) * size), f, p.bins, edges),
  );
  const bins = new Uint8Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let f = 0; f < cols; f++) bins[f * rows + r] = binOf(X[r * cols + f]!, edges, f);
  const mtry = Math.max(
    1,
    Math.min(cols, p.maxFeatures > 0 ? Math.round(p.maxFeatures * cols) : Math.round(Math.sqrt(cols))),
  );
  const rand = mulberry32(p.seed);
  const g: Grow = {
    bins,
    y,
    rows,
    edges,
    edgeCount,
    p,
    mtry,
    rand,
    importance: new Float64Array(cols),
    count: new Float64Array(256),
    pos: new Float64Array(256),
  };
  const trees: GbdtTree[] = [];
  for (let k = 0; k < p.trees; k++) {
    const idx = Int32Array.from({ length: rows }, () => Math.floor(rand() * rows));
    trees.push(growTree(g, idx));
  }
  return { kind: 'rf', nFeatures: cols, trees, importance: Array.from(g.importance), params: p };
}

export function predictRf(model: RfModel, X: Float64Array, rows: number, cols: number): Float64Array {
  checkMatrix(X, rows, cols, model.nFeatures);
  const out = new Float64Array(rows);
  for (const t of model.trees) for (let r = 0, o = 0; r < rows; r++, o += cols) out[r]! += treeValue(t, X, o);
  for (let r = 0; r < rows; r++) out[r]! /= model.trees.length;
  return out;
}
