/**
 * The search space of `ats tune` per model type, and seeded random sampling from it (random search, as
 * Bergstra & Bengio 2012 recommend over a grid). Scale parameters (learning rates, penalties) are drawn
 * log-uniformly. The same seed draws the same configurations.
 */
import type { LearnerSpec, ModelKind } from './learner.js';
import { mulberry32 } from './rng.js';

export type TuneParams = Record<string, number | number[]>;

type Draw = (rand: () => number) => number | number[];

const pick =
  <T>(values: readonly T[]) =>
  (rand: () => number): T =>
    values[Math.floor(rand() * values.length)]!;
const logUniform = (lo: number, hi: number) => (rand: () => number) =>
  Number(Math.exp(Math.log(lo) + rand() * (Math.log(hi) - Math.log(lo))).toPrecision(3));
const uniform = (lo: number, hi: number) => (rand: () => number) => Number((lo + rand() * (hi - lo)).toFixed(2));
const intIn = (lo: number, hi: number) => (rand: () => number) => lo + Math.floor(rand() * (hi - lo + 1));

const SPACES: Record<ModelKind, Record<string, Draw>> = {
  gbdt: {
    trees: pick([50, 100, 200, 300]),
    depth: intIn(2, 7),
    learningRate: logUniform(0.01, 0.3),
    minLeaf: pick([1, 5, 20, 50, 100]),
    l2: logUniform(0.1, 10),
    subsample: uniform(0.5, 1),
    colsample: uniform(0.5, 1),
  },
  rf: {
    trees: pick([50, 100, 200]),
    maxDepth: intIn(3, 12),
    minLeaf: pick([5, 10, 20, 50, 100]),
    maxFeatures: pick([0, 0.3, 0.5, 0.7]),
  },
  mlp: {
    hidden: pick([[16], [32], [32, 16], [64, 32]]),
    learningRate: logUniform(0.0003, 0.01),
    l2: logUniform(0.00001, 0.01),
    batchSize: pick([64, 128, 256]),
  },
  logistic: { l2: logUniform(0.001, 100) },
};

/** `n` configurations drawn with `seed`. */
export function sampleConfigs(kind: ModelKind, n: number, seed: number): TuneParams[] {
  const rand = mulberry32(seed);
  return Array.from({ length: n }, () =>
    Object.fromEntries(Object.entries(SPACES[kind]).map(([name, draw]) => [name, draw(rand)])),
  );
}

/**
 * The learner of a configuration (without its kind, as the contest takes it). GBDT early-stops on the purged
 * tail of each fold's training rows like `ats train`; `threads` 1 because the search itself fills the cores.
 */
export function learnerOf(
  kind: ModelKind,
  params: TuneParams,
  seed: number,
  earlyStoppingRounds: number,
): Omit<LearnerSpec, 'kind'> {
  const own = params as Record<string, never>;
  return {
    gbdt: kind === 'gbdt' ? { ...own, seed, earlyStoppingRounds, threads: 1 } : {},
    l2: kind === 'logistic' ? (params.l2 as number) : 1,
    rf: kind === 'rf' ? { ...own, seed } : { seed },
    mlp: kind === 'mlp' ? { ...own, seed } : { seed },
  };
}
