/**
 * Grows one tree depth-wise over the rows idx[0, sampled). Per level: find each open node's best
 * split, partition its rows (stable, in place), then build the histogram of the smaller child only and
 * get the larger one by subtracting it from the parent's (the sibling-subtraction trick).
 */
import type { GbdtParams, GbdtTree } from './gbdt-types.js';
import { EDGE_WIDTH } from './gbdt-binning.js';
import { HIST_WIDTH, type SharedViews } from './gbdt-shared.js';
import { ARGS, planPartitionMerge, TASK } from './gbdt-kernels.js';
import type { TaskRunner } from './gbdt-threads.js';
import { histTotal, type Split } from './gbdt-split.js';
import { roundToGrid } from './gbdt-quantize.js';

export interface GrowInput {
  views: SharedViews;
  runner: TaskRunner;
  params: GbdtParams;
  sampled: number;
}

export interface GrownTree {
  tree: GbdtTree;
  /** Split bin of each internal node (-1 on leaves), for traversing binned rows. */
  splitBin: number[];
  /** Split gain per feature in this tree. */
  gain: Float64Array;
}

interface OpenNode {
  id: number;
  start: number;
  end: number;
  slot: number;
  total: number;
}

export function growTree(g: GrowInput): GrownTree {
  const { views: v, runner, params: p } = g;
  const histLen = v.cols * HIST_WIDTH;
  const poolLen = v.slots * histLen;
  const tree: GbdtTree = { feature: [], threshold: [], left: [], right: [], nanLeft: [], value: [] };
  const splitBin: number[] = [];
  const gain = new Float64Array(v.cols);
  const addNode = (): number => {
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.nanLeft.push(0);
    tree.value.push(0);
    splitBin.push(-1);
    return tree.feature.length - 1;
  };
  const buildHistograms = (jobs: { start: number; end: number; offset: number }[]): void => {
    v.iargs[0] = jobs.length;
    jobs.forEach((j, k) => v.iargs.set([j.start, j.end, j.offset, k * histLen], 1 + 4 * k));
    if (runner.run(TASK.hist) > 1) {
      jobs.forEach((j, k) => {
        for (let i = 0, a = j.offset, b = k * histLen; i < histLen; i++) v.hist[a + i]! += v.partial[b + i]!;
      });
    }
  };

  let pool = 0;
  const root: OpenNode = { id: addNode(), start: 0, end: g.sampled, slot: 0, total: 0 };
  buildHistograms([{ start: 0, end: g.sampled, offset: 0 }]);
  root.total = histTotal(v.hist, 0);
  const leaves: OpenNode[] = [];
  let level: OpenNode[] = [root];
  for (let depth = 0; level.length > 0; depth++) {
    const splits = findSplits(v, runner, level, pool, histLen, leaves);
    if (splits.length === 0) break;
    v.iargs[0] = splits.length;
    splits.forEach(({ node, s }, k) =>
      v.iargs.set([node.start, node.end, s.feature, s.bin, s.nanLeft ? 1 : 0], 1 + 5 * k),
    );
    runner.run(TASK.partition);
    planPartitionMerge(v);
    runner.run(TASK.partitionMerge);

    const childDepth = depth + 1;
    const nextPool = pool === 0 ? poolLen : 0;
    const next: OpenNode[] = [];
    const jobs: { start: number; end: number; offset: number }[] = [];
    const pairs: [OpenNode, OpenNode, OpenNode][] = [];
    splits.forEach(({ node, s }, k) => {
      const nLeft = v.iargs[ARGS.results + k]!;
      const mid = node.start + nLeft;
      if (nLeft < p.minLeaf || node.end - mid < p.minLeaf) return void leaves.push(node);
      const id = node.id;
      tree.feature[id] = s.feature;
      tree.threshold[id] = v.edges[s.feature * EDGE_WIDTH + s.bin]!;
      tree.nanLeft[id] = s.nanLeft ? 1 : 0;
      splitBin[id] = s.bin;
      gain[s.feature]! += s.gain;
      const left: OpenNode = { id: addNode(), start: node.start, end: mid, slot: 2 * pairs.length, total: 0 };
      const right: OpenNode = { id: addNode(), start: mid, end: node.end, slot: 2 * pairs.length + 1, total: 0 };
      tree.left[id] = left.id;
      tree.right[id] = right.id;
      const splittable = (c: OpenNode) => childDepth < p.depth && c.end - c.start >= 2 * p.minLeaf;
      if (!splittable(left) && !splittable(right)) return void leaves.push(left, right);
      const small = left.end - left.start <= right.end - right.start ? left : right;
      jobs.push({ start: small.start, end: small.end, offset: nextPool + small.slot * histLen });
      pairs.push([small, small === left ? right : left, node]);
      for (const c of [left, right]) (splittable(c) ? next : leaves).push(c);
    });
    if (jobs.length > 0) buildHistograms(jobs);
    for (const [small, large, parent] of pairs) {
      const s = nextPool + small.slot * histLen;
      const l = nextPool + large.slot * histLen;
      const a = pool + parent.slot * histLen;
      for (let i = 0; i < histLen; i++) v.hist[l + i] = v.hist[a + i]! - v.hist[s + i]!;
      small.total = histTotal(v.hist, s);
      large.total = parent.total - small.total;
    }
    level = next;
    pool = nextPool;
  }
  setLeafValues(g, tree, leaves);
  return { tree, splitBin, gain };
}

/** Best splits of the level's nodes, found by both threads; nodes that cannot split become leaves. */
function findSplits(
  v: SharedViews,
  runner: TaskRunner,
  level: OpenNode[],
  pool: number,
  histLen: number,
  leaves: OpenNode[],
) {
  level.forEach((node, j) => {
    v.iargs.set([pool + node.slot * histLen, node.end - node.start], 1 + 2 * j);
    v.fargs[ARGS.leaf + j] = node.total;
  });
  v.iargs[0] = level.length;
  runner.run(TASK.split);
  const splits: { node: OpenNode; s: Split }[] = [];
  level.forEach((node, j) => {
    const [feature, bin, nanLeft, gain] = v.fargs.subarray(ARGS.split + 4 * j, ARGS.split + 4 * j + 4);
    if (feature! < 0) return void leaves.push(node);
    splits.push({ node, s: { feature: feature!, bin: bin!, nanLeft: nanLeft === 1, gain: gain! } });
  });
  return splits;
}

/** Leaf value −lr·G/(H+λ) from the exact float sums, rounded to the grid; margins updated in place. */
function setLeafValues(g: GrowInput, tree: GbdtTree, leaves: OpenNode[]): void {
  const { views: v, runner, params: p } = g;
  v.iargs[0] = leaves.length;
  leaves.forEach((l, k) => v.iargs.set([l.start, l.end], 1 + 2 * k));
  runner.run(TASK.leafSums);
  const values = leaves.map((_, k) => {
    const G = v.fargs[ARGS.leaf + 2 * k]!;
    const H = v.fargs[ARGS.leaf + 2 * k + 1]!;
    return roundToGrid((-p.learningRate * G) / (H + p.l2));
  });
  values.forEach((w, k) => {
    v.fargs[ARGS.leaf + k] = w;
    tree.value[leaves[k]!.id] = w;
  });
  runner.run(TASK.leafApply);
}
