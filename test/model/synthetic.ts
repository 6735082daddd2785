import { mulberry32 } from '../../src/lib/model/rng.js';
import type { TrainingSet } from '../../src/lib/model/gbdt-types.js';

/**
 * Seeded data sets for model tests. "signal": y depends on x0, x1·x2 and whether x3 is missing
 * (clearly separable: a logit of large magnitude); "noise": y independent of X.
 */
export function synthetic(
  kind: 'signal' | 'noise',
  rows: number,
  cols: number,
  seed: number,
  nanRate = 0.05,
): TrainingSet {
  const rand = mulberry32(seed);
  const X = new Float64Array(rows * cols);
  const y = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    for (let f = 0; f < cols; f++) X[r * cols + f] = rand() < nanRate ? NaN : rand() * 4 - 2;
    const x = (f: number) => X[r * cols + f]!;
    const logit = Number.isNaN(x(3)) ? 4 : 3 * (x(0) || 0) + 2 * (x(1) || 0) * (x(2) || 0);
    y[r] = kind === 'noise' ? (rand() < 0.4 ? 1 : 0) : rand() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  return { X, y, rows, cols };
}
