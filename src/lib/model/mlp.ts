/**
 * A small multilayer perceptron for binary classification: inputs standardized with the training mean
 * and standard deviation (NaN imputed with the mean), 1–2 ReLU hidden layers, a sigmoid output,
 * binary cross-entropy with an L2 penalty, mini-batch Adam (Kingma & Ba 2015), He-uniform
 * initialization, and early stopping on a validation set (the weights of the best epoch are kept) — the
 * recipe of scikit-learn's MLPClassifier. Seeded and single-threaded, so deterministic. Written here
 * rather than taken from npm: TensorFlow.js is a heavy native install and the light npm networks
 * (brain.js, synaptic) are unmaintained or cannot export weights we can turn into ONNX.
 */
import { DataError, UsageError } from '../errors.js';
import { checkMatrix, sigmoid } from './gbdt-predict.js';
import type { TrainingSet } from './gbdt-types.js';
import { mulberry32 } from './rng.js';

export interface MlpParams {
  /** Hidden layer widths, 1 or 2 layers. */
  hidden: number[];
  learningRate: number;
  /** L2 penalty on the weights (scikit-learn's alpha). */
  l2: number;
  batchSize: number;
  maxEpochs: number;
  /** Stop after this many epochs without a better validation loss. */
  patience: number;
  /** Share of the training rows held out for early stopping when no validation set is given. */
  validFraction: number;
  seed: number;
}

export const DEFAULT_MLP_PARAMS: MlpParams = {
  hidden: [32, 16],
  learningRate: 0.001,
  l2: 0.0001,
  batchSize: 200,
  maxEpochs: 100,
  patience: 8,
  validFraction: 0.1,
  seed: 1,
};

export interface MlpLayer {
  /** inputs × outputs, row-major. */
  weights: Float64Array;
  bias: Float64Array;
  inputs: number;
  outputs: number;
}

export interface MlpModel {
  kind: 'mlp';
  nFeatures: number;
  mean: number[];
  scale: number[];
  /** Hidden layers (ReLU) then the output layer (1 unit, sigmoid). */
  layers: MlpLayer[];
  epochs: number;
  validLoss: number[];
  params: MlpParams;
}

export function resolveMlpParams(partial: Partial<MlpParams>): MlpParams {
  const p = { ...DEFAULT_MLP_PARAMS, ...partial };
  const ok =
    p.hidden.length >= 1 &&
    p.hidden.length <= 2 &&
    p.hidden.every((h) => Number.isInteger(h) && h >= 1 && h <= 1024) &&
    p.learningRate > 0 &&
    p.l2 >= 0 &&
    Number.isInteger(p.batchSize) &&
    p.batchSize >= 1 &&
    Number.isInteger(p.maxEpochs) &&
    p.maxEpochs >= 1 &&
    Number.isInteger(p.patience) &&
    p.patience >= 1 &&
    p.validFraction > 0 &&
    p.validFraction < 1;
  if (!ok) throw new UsageError(`invalid MLP parameters: ${JSON.stringify(p)}`);
  return p;
}

/** Standardized copy of X (NaN → 0, i.e. the mean) with the mean and scale used. */
function standardize(X: Float64Array, rows: number, cols: number, stats?: { mean: number[]; scale: number[] }) {
  const mean = stats?.mean ?? [];
  const scale = stats?.scale ?? [];
  if (!stats) {
    for (let f = 0; f < cols; f++) {
      let n = 0;
      let s = 0;
      let ss = 0;
      for (let r = 0; r < rows; r++) {
        const x = X[r * cols + f]!;
        if (x !== x) continue;
        n++;
        s += x;
        ss += x * x;
      }
      const m = n > 0 ? s / n : 0;
      const sd = n > 0 ? Math.sqrt(Math.max(ss / n - m * m, 0)) : 0;
      mean.push(m);
      scale.push(sd > 1e-12 ? sd : 1);
    }
  }
  const Z = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let f = 0; f < cols; f++) {
      const x = X[r * cols + f]!;
      Z[r * cols + f] = x !== x ? 0 : (x - mean[f]!) / scale[f]!;
    }
  }
  return { Z, mean, scale };
}

/** Glorot-uniform weights as scikit-learn (factor 6, 2 for the sigmoid output); the output bias starts at the prior's logit. */
function initLayers(sizes: number[], rand: () => number, prior: number): MlpLayer[] {
  const layers: MlpLayer[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const inputs = sizes[l]!;
    const outputs = sizes[l + 1]!;
    const last = l + 2 === sizes.length;
    const bound = Math.sqrt((last ? 2 : 6) / (inputs + outputs));
    const weights = Float64Array.from({ length: inputs * outputs }, () => (rand() * 2 - 1) * bound);
    const bias = new Float64Array(outputs);
    if (last) bias.fill(Math.log(prior / (1 - prior)));
    layers.push({ weights, bias, inputs, outputs });
  }
  return layers;
}

/** Activations of every layer for rows [0, n) of Z (the last holds the output probabilities). */
function forward(layers: MlpLayer[], Z: Float64Array, n: number): Float64Array[] {
  const acts: Float64Array[] = [Z];
  layers.forEach((L, l) => {
    const input = acts[l]!;
    const out = new Float64Array(n * L.outputs);
    const last = l === layers.length - 1;
    for (let r = 0; r < n; r++) {
      const o = r * L.outputs;
      out.set(L.bias, o);
      for (let i = 0; i < L.inputs; i++) {
        const x = input[r * L.inputs + i]!;
        if (x === 0) continue;
        const w = i * L.outputs;
        for (let j = 0; j < L.outputs; j++) out[o + j]! += x * L.weights[w + j]!;
      }
      for (let j = 0; j < L.outputs; j++) {
        const z = out[o + j]!;
        out[o + j] = last ? sigmoid(z) : z > 0 ? z : 0;
      }
    }
    acts.push(out);
  });
  return acts;
}

function bceLoss(p: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const q = Math.min(Math.max(p[i]!, 1e-15), 1 - 1e-15);
    s -= y[i] === 1 ? Math.log(q) : Math.log(1 - q);
  }
  return s / y.length;
}

interface Adam {
  m: Float64Array[];
  v: Float64Array[];
  t: number;
}

/** One Adam step on a mini-batch; params are [w0, b0, w1, b1, …]. */
function step(layers: MlpLayer[], Z: Float64Array, y: Float64Array, n: number, p: MlpParams, adam: Adam): void {
  const acts = forward(layers, Z, n);
  let delta = new Float64Array(n); // dLoss/dz of the output: p - y
  const out = acts[acts.length - 1]!;
  for (let r = 0; r < n; r++) delta[r] = (out[r]! - y[r]!) / n;
  adam.t++;
  for (let l = layers.length - 1; l >= 0; l--) {
    const L = layers[l]!;
    const input = acts[l]!;
    const gw = new Float64Array(L.weights.length);
    const gb = new Float64Array(L.outputs);
    const back = l > 0 ? new Float64Array(n * L.inputs) : null;
    for (let r = 0; r < n; r++) {
      const d = r * L.outputs;
      for (let j = 0; j < L.outputs; j++) gb[j]! += delta[d + j]!;
      for (let i = 0; i < L.inputs; i++) {
        const x = input[r * L.inputs + i]!;
        const w = i * L.outputs;
        let s = 0;
        for (let j = 0; j < L.outputs; j++) {
          gw[w + j]! += x * delta[d + j]!;
          s += L.weights[w + j]! * delta[d + j]!;
        }
        // ReLU derivative: the hidden activation is positive exactly where its input was.
        if (back) back[r * L.inputs + i] = x > 0 ? s : 0;
      }
    }
    for (let k = 0; k < gw.length; k++) gw[k]! += (p.l2 * L.weights[k]!) / n;
    adamUpdate(L.weights, gw, adam, 2 * l, p.learningRate);
    adamUpdate(L.bias, gb, adam, 2 * l + 1, p.learningRate);
    if (back) delta = back;
  }
}

function adamUpdate(theta: Float64Array, grad: Float64Array, adam: Adam, k: number, lr: number): void {
  const [b1, b2, eps] = [0.9, 0.999, 1e-8];
  const m = adam.m[k]!;
  const v = adam.v[k]!;
  const c1 = 1 - b1 ** adam.t;
  const c2 = 1 - b2 ** adam.t;
  for (let i = 0; i < theta.length; i++) {
    const g = grad[i]!;
    m[i] = b1 * m[i]! + (1 - b1) * g;
    v[i] = b2 * v[i]! + (1 - b2) * g * g;
    theta[i]! -= (lr * (m[i]! / c1)) / (Math.sqrt(v[i]! / c2) + eps);
  }
}

/** A seeded random split of the training rows when no validation set is given. */
function randomHoldout(train: TrainingSet, fraction: number, rand: () => number): [TrainingSet, TrainingSet] {
  const pick = (keep: (r: number) => boolean): TrainingSet => {
    const idx: number[] = [];
    for (let r = 0; r < train.rows; r++) if (keep(r)) idx.push(r);
    const X = new Float64Array(idx.length * train.cols);
    idx.forEach((r, i) => X.set(train.X.subarray(r * train.cols, (r + 1) * train.cols), i * train.cols));
    return { X, y: Float64Array.from(idx, (r) => train.y[r]!), rows: idx.length, cols: train.cols };
  };
  const held = Uint8Array.from({ length: train.rows }, () => (rand() < fraction ? 1 : 0));
  return [pick((r) => held[r] === 0), pick((r) => held[r] === 1)];
}

export function trainMlp(train: TrainingSet, options: Partial<MlpParams> = {}, valid?: TrainingSet): MlpModel {
  const p = resolveMlpParams(options);
  checkMatrix(train.X, train.rows, train.cols, train.cols);
  const rand = mulberry32(p.seed);
  const [fitSet, validSet] = valid ? [train, valid] : randomHoldout(train, p.validFraction, rand);
  if (fitSet.rows < 2 || validSet.rows < 1)
    throw new DataError(`MLP: ${fitSet.rows} training and ${validSet.rows} validation rows are too few`);
  const { Z, mean, scale } = standardize(fitSet.X, fitSet.rows, fitSet.cols);
  const Zv = standardize(validSet.X, validSet.rows, validSet.cols, { mean, scale }).Z;
  let positives = 0;
  for (const v of fitSet.y) positives += v;
  const prior = Math.min(Math.max(positives / fitSet.rows, 0.001), 0.999);
  let layers = initLayers([train.cols, ...p.hidden, 1], rand, prior);
  const adam: Adam = { m: [], v: [], t: 0 };
  for (const L of layers) {
    adam.m.push(new Float64Array(L.weights.length), new Float64Array(L.outputs));
    adam.v.push(new Float64Array(L.weights.length), new Float64Array(L.outputs));
  }
  const cols = train.cols;
  const order = Int32Array.from({ length: fitSet.rows }, (_, i) => i);
  const batchZ = new Float64Array(p.batchSize * cols);
  const batchY = new Float64Array(p.batchSize);
  const copy = (ls: MlpLayer[]) => ls.map((L) => ({ ...L, weights: L.weights.slice(), bias: L.bias.slice() }));
  let best = { loss: Infinity, layers: copy(layers), epoch: 0 };
  const validLoss: number[] = [];
  let epoch = 0;
  for (; epoch < p.maxEpochs && epoch - best.epoch < p.patience; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (let start = 0; start < order.length; start += p.batchSize) {
      const n = Math.min(p.batchSize, order.length - start);
      for (let b = 0; b < n; b++) {
        const r = order[start + b]!;
        batchZ.set(Z.subarray(r * cols, (r + 1) * cols), b * cols);
        batchY[b] = fitSet.y[r]!;
      }
      step(layers, batchZ.subarray(0, n * cols), batchY.subarray(0, n), n, p, adam);
    }
    const acts = forward(layers, Zv, validSet.rows);
    const loss = bceLoss(acts[acts.length - 1]!, validSet.y);
    validLoss.push(loss);
    if (loss < best.loss - 1e-6) best = { loss, layers: copy(layers), epoch: epoch + 1 };
  }
  layers = best.layers;
  return { kind: 'mlp', nFeatures: cols, mean, scale, layers, epochs: best.epoch, validLoss, params: p };
}

export function predictMlp(model: MlpModel, X: Float64Array, rows: number, cols: number): Float64Array {
  checkMatrix(X, rows, cols, model.nFeatures);
  const { Z } = standardize(X, rows, cols, model);
  const acts = forward(model.layers, Z, rows);
  return Float64Array.from(acts[acts.length - 1]!);
}

/** |first-layer weight| summed over hidden units, per standardized input: a rough importance. */
export function mlpImportance(model: MlpModel): number[] {
  const L = model.layers[0]!;
  return Array.from({ length: L.inputs }, (_, i) => {
    let s = 0;
    for (let j = 0; j < L.outputs; j++) s += Math.abs(L.weights[i * L.outputs + j]!);
    return s;
  });
}
