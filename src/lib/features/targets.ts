import { UsageError } from '../errors.js';
import { nanArray } from './series-util.js';

/** What the model learns to predict: "does the close rise by more than `threshold` over `horizon` bars?" */
export interface TargetSpec {
  /** Bars ahead (sessions for daily bars); a positive integer. Default 1. */
  horizon: number;
  /** Minimum forward return, as a fraction (0.01 = 1%), to count as a positive. Default 0. */
  threshold: number;
}

export const DEFAULT_TARGET: TargetSpec = { horizon: 1, threshold: 0 };

/** Fills defaults and throws UsageError for a horizon that is not a positive integer or a non-finite threshold. */
export function resolveTargetSpec(spec: Partial<TargetSpec> = {}): TargetSpec {
  const horizon = spec.horizon ?? DEFAULT_TARGET.horizon;
  const threshold = spec.threshold ?? DEFAULT_TARGET.threshold;
  if (!Number.isInteger(horizon) || horizon < 1)
    throw new UsageError(`target horizon must be a positive integer, got ${horizon}`);
  if (!Number.isFinite(threshold)) throw new UsageError(`target threshold must be a finite number, got ${threshold}`);
  return { horizon, threshold };
}

/** Forward return close[t+h]/close[t] - 1; NaN for the last h bars (the future is unknown). */
export function forwardReturn(close: Float64Array, horizon: number): Float64Array {
  const len = close.length;
  const out = nanArray(len);
  for (let i = 0; i + horizon < len; i++) out[i] = close[i + horizon]! / close[i]! - 1;
  return out;
}

/** Binary target: 1 when forwardReturn > threshold (strictly), else 0; NaN for the last h bars. */
export function binaryTarget(close: Float64Array, spec: Partial<TargetSpec> = {}): Float64Array {
  const { horizon, threshold } = resolveTargetSpec(spec);
  const out = forwardReturn(close, horizon);
  for (let i = 0; i < out.length; i++) {
    const r = out[i]!;
    if (!Number.isNaN(r)) out[i] = r > threshold ? 1 : 0;
  }
  return out;
}
