/**
 * Logistic-regression baseline: features standardized with training mean and standard deviation
 * (missing values imputed with the mean, i.e. 0 after standardizing), L2 penalty on the weights (not
 * the intercept), fitted by Newton's method (IRLS) with a Cholesky solve — deterministic, no seed.
 */
import { DataError } from '../errors.js';
import { checkMatrix, sigmoid } from './gbdt-predict.js';

export interface LogisticModel {
  kind: 'logistic';
  nFeatures: number;
  mean: number[];
  scale: number[];
  /** Weights on standardized features. */
  weights: number[];
  intercept: number;
  iterations: number;
}

export interface LogisticOptions {
  l2?: number;
  maxIterations?: number;
  tolerance?: number;
}

function standardizer(X: Float64Array, rows: number, cols: number): { mean: number[]; scale: number[] } {
  const mean: number[] = [];
  const scale: number[] = [];
  for (let f = 0; f < cols; f++) {
    let n = 0,
      s = 0,
      ss = 0;
    for (let r = 0; r < rows; r++) {
      const x = X[r * cols + f]!;
      if (Number.isNaN(x)) continue;
      n++;
      s += x;
      ss += x * x;
    }
    const m = n > 0 ? s / n : 0;
    const sd = n > 0 ? Math.sqrt(Math.max(ss / n - m * m, 0)) : 0;
    mean.push(m);
    scale.push(sd > 1e-12 ? sd : 1);
  }
  return { mean, scale };
}

/** Solves A x = b in place for symmetric positive-definite A (n × n, row-major). */
function choleskySolve(A: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let j = 0; j < n; j++) {
    let d = A[j * n + j]!;
    for (let k = 0; k < j; k++) d -= A[j * n + k]! ** 2;
    if (!(d > 0)) throw new DataError('logistic regression: singular system (add l2 > 0)');
    const ljj = Math.sqrt(d);
    A[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = A[i * n + j]!;
      for (let k = 0; k < j; k++) s -= A[i * n + k]! * A[j * n + k]!;
      A[i * n + j] = s / ljj;
    }
  }
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < i; k++) x[i]! -= A[i * n + k]! * x[k]!;
    x[i]! /= A[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let k = i + 1; k < n; k++) x[i]! -= A[k * n + i]! * x[k]!;
    x[i]! /= A[i * n + i]!;
  }
  return x;
}

export function trainLogistic(
  X: Float64Array,
  y: Float64Array,
  rows: number,
  cols: number,
  options: LogisticOptions = {},
): LogisticModel {
  checkMatrix(X, rows, cols, cols);
  if (y.length !== rows) throw new DataError(`logistic regression: ${y.length} labels for ${rows} rows`);
  const l2 = options.l2 ?? 1;
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 1e-10;
  const { mean, scale } = standardizer(X, rows, cols);
  const n = cols + 1; // last coefficient is the intercept
  const Z = new Float64Array(rows * n);
  for (let r = 0; r < rows; r++) {
    for (let f = 0; f < cols; f++) {
      const x = X[r * cols + f]!;
      Z[r * n + f] = Number.isNaN(x) ? 0 : (x - mean[f]!) / scale[f]!;
    }
    Z[r * n + cols] = 1;
  }
  const beta = new Float64Array(n);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const grad = new Float64Array(n);
    const hess = new Float64Array(n * n);
    for (let r = 0; r < rows; r++) {
      const o = r * n;
      let z = 0;
      for (let k = 0; k < n; k++) z += Z[o + k]! * beta[k]!;
      const p = sigmoid(z);
      const g = p - y[r]!;
      const w = Math.max(p * (1 - p), 1e-12);
      for (let i = 0; i < n; i++) {
        const zi = Z[o + i]!;
        grad[i]! += g * zi;
        for (let k = 0; k <= i; k++) hess[i * n + k]! += w * zi * Z[o + k]!;
      }
    }
    for (let i = 0; i < cols; i++) {
      grad[i]! += l2 * beta[i]!;
      hess[i * n + i]! += l2;
    }
    for (let i = 0; i < n; i++) for (let k = i + 1; k < n; k++) hess[i * n + k] = hess[k * n + i]!;
    const step = choleskySolve(hess, grad, n);
    let change = 0;
    for (let i = 0; i < n; i++) {
      beta[i]! -= step[i]!;
      change = Math.max(change, Math.abs(step[i]!));
    }
    if (change < tolerance) {
      iterations++;
      break;
    }
  }
  return {
    kind: 'logistic',
    nFeatures: cols,
    mean,
    scale,
    weights: Array.from(beta.subarray(0, cols)),
    intercept: beta[cols]!,
    iterations,
  };
}

export function predictLogistic(model: LogisticModel, X: Float64Array, rows: number, cols: number): Float64Array {
  checkMatrix(X, rows, cols, model.nFeatures);
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let z = model.intercept;
    for (let f = 0; f < cols; f++) {
      const x = X[r * cols + f]!;
      if (!Number.isNaN(x)) z += (model.weights[f]! * (x - model.mean[f]!)) / model.scale[f]!;
    }
    out[r] = sigmoid(z);
  }
  return out;
}
