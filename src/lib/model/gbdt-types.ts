import { UsageError } from '../errors.js';

/** Hyper-parameters of the histogram GBDT (names follow XGBoost where they overlap). */
export interface GbdtParams {
  trees: number;
  depth: number;
  learningRate: number;
  /** Minimum training rows in a leaf. */
  minLeaf: number;
  /** Minimum hessian sum in a child (XGBoost min_child_weight). */
  minChildWeight: number;
  /** L2 penalty on leaf values (XGBoost lambda). */
  l2: number;
  /** Fraction of rows sampled (without replacement, Bernoulli) per tree. */
  subsample: number;
  /** Fraction of features sampled per tree. */
  colsample: number;
  /** Value bins per feature, at most 255 (NaN gets its own extra bin). */
  bins: number;
  seed: number;
  /** Stop when validation log loss has not improved for this many trees (0 = never). */
  earlyStoppingRounds: number;
  /**
   * 1 or 2 (main thread + one worker); 0 = auto: 2 when there are ≥ 50,000 rows and ≥ 2 CPUs.
   * The trained model is identical whatever the thread count.
   */
  threads: number;
}

export const DEFAULT_GBDT_PARAMS: GbdtParams = {
  trees: 200,
  depth: 6,
  learningRate: 0.1,
  minLeaf: 1,
  minChildWeight: 1,
  l2: 1,
  subsample: 1,
  colsample: 1,
  bins: 255,
  seed: 1,
  earlyStoppingRounds: 0,
  threads: 0,
};

/** One regression tree in struct-of-arrays form; node 0 is the root, leaves have feature -1. */
export interface GbdtTree {
  feature: number[];
  /** Split value in original feature units, a float32-representable number: go left when fround(x) <= threshold. */
  threshold: number[];
  left: number[];
  right: number[];
  /** 1 when NaN goes left, 0 when it goes right. */
  nanLeft: number[];
  /** Leaf value (log-odds contribution, learning rate applied); 0 on internal nodes. */
  value: number[];
}

export interface GbdtModel {
  kind: 'gbdt';
  nFeatures: number;
  /** Log-odds of the training prior. */
  baseScore: number;
  trees: GbdtTree[];
  /** Total split gain per feature. */
  importance: number[];
  /** Trees kept (after early stopping) and the validation log loss per tree, if any. */
  bestIteration: number;
  validLoss: number[];
  params: GbdtParams;
}

export interface TrainingSet {
  /** Row-major features, rows × cols; NaN marks a missing value. */
  X: Float64Array;
  /** Labels 0 or 1. */
  y: Float64Array;
  rows: number;
  cols: number;
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new UsageError(`invalid GBDT parameter: ${what}`);
}

export function resolveGbdtParams(partial: Partial<GbdtParams>): GbdtParams {
  const p = { ...DEFAULT_GBDT_PARAMS, ...partial };
  const int = (v: number) => Number.isInteger(v);
  check(int(p.trees) && p.trees >= 1, `trees must be a positive integer, got ${p.trees}`);
  check(int(p.depth) && p.depth >= 1 && p.depth <= 10, `depth must be an integer in 1..10, got ${p.depth}`);
  check(p.learningRate > 0 && p.learningRate <= 1, `learningRate must be in (0, 1], got ${p.learningRate}`);
  check(int(p.minLeaf) && p.minLeaf >= 1, `minLeaf must be a positive integer, got ${p.minLeaf}`);
  check(p.minChildWeight >= 0, `minChildWeight must be >= 0, got ${p.minChildWeight}`);
  check(p.l2 >= 0, `l2 must be >= 0, got ${p.l2}`);
  check(p.subsample > 0 && p.subsample <= 1, `subsample must be in (0, 1], got ${p.subsample}`);
  check(p.colsample > 0 && p.colsample <= 1, `colsample must be in (0, 1], got ${p.colsample}`);
  check(int(p.bins) && p.bins >= 2 && p.bins <= 255, `bins must be an integer in 2..255, got ${p.bins}`);
  check(int(p.seed), `seed must be an integer, got ${p.seed}`);
  check(int(p.earlyStoppingRounds) && p.earlyStoppingRounds >= 0, `earlyStoppingRounds must be >= 0`);
  check(p.threads === 0 || p.threads === 1 || p.threads === 2, `threads must be 0 (auto), 1 or 2, got ${p.threads}`);
  return p;
}
