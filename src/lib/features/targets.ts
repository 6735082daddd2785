import { UsageError } from '../errors.js';
import { nanArray } from './series-util.js';

export const TARGET_KINDS = ['direction', 'cross-sectional'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/**
 * What the model learns to predict. direction: "does the close rise by more than `threshold` over
 * `horizon` bars?"; cross-sectional: "does the symbol's return over `horizon` bars beat the median
 * return of the universe trained on (the symbols with a known return that session) by more than `threshold`?"
 */
export interface TargetSpec {
  /** Default direction. */
  kind?: TargetKind;
  /** Bars ahead (sessions for daily bars); a positive integer. Default 1. */
  horizon: number;
  /** Minimum forward return, as a fraction (0.01 = 1%), to count as a positive. Default 0. */
  threshold: number;
}

export const DEFAULT_TARGET: Required<TargetSpec> = { kind: 'direction', horizon: 1, threshold: 0 };

/** Fills defaults and throws UsageError for a horizon that is not a positive integer or a non-finite threshold. */
export function resolveTargetSpec(spec: Partial<TargetSpec> = {}): Required<TargetSpec> {
  const kind = spec.kind ?? DEFAULT_TARGET.kind;
  if (!TARGET_KINDS.includes(kind))
    throw new UsageError(`target must be one of ${TARGET_KINDS.join(', ')}, got "${String(kind)}"`);
  const horizon = spec.horizon ?? DEFAULT_TARGET.horizon;
  const threshold = spec.threshold ?? DEFAULT_TARGET.threshold;
  if (!Number.isInteger(horizon) || horizon < 1)
    throw new UsageError(`target horizon must be a positive integer, got ${horizon}`);
  if (!Number.isFinite(threshold)) throw new UsageError(`target threshold must be a finite number, got ${threshold}`);
  return { kind, horizon, threshold };
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

/** The median of the values (mean of the middle two for an even count). */
function median(values: number[]): number {
  values.sort((a, b) => a - b);
  const m = values.length >> 1;
  return values.length % 2 === 1 ? values[m]! : (values[m - 1]! + values[m]!) / 2;
}

/**
 * Cross-sectional target of each series: 1 when its forward return beats the median forward return
 * of all series at the same timestamp by more than `threshold`, else 0; NaN where its forward return
 * is unknown. Known at t + horizon, like the direction target (the purge gap covers it).
 */
export function crossSectionalTargets(
  series: ReadonlyArray<{ ts: Float64Array; close: Float64Array }>,
  spec: Partial<TargetSpec> = {},
): Float64Array[] {
  const { horizon, threshold } = resolveTargetSpec(spec);
  const returns = series.map((s) => forwardReturn(s.close, horizon));
  const byTs = new Map<number, number[]>();
  series.forEach((s, k) =>
    returns[k]!.forEach((r, i) => {
      if (Number.isNaN(r)) return;
      const list = byTs.get(s.ts[i]!);
      if (list) list.push(r);
      else byTs.set(s.ts[i]!, [r]);
    }),
  );
  const medians = new Map<number, number>();
  for (const [ts, list] of byTs) medians.set(ts, median(list));
  return series.map((s, k) =>
    returns[k]!.map((r, i) => (Number.isNaN(r) ? NaN : r - medians.get(s.ts[i]!)! > threshold ? 1 : 0)),
  );
}
