import { UsageError } from '../errors.js';
import type { BarSeries } from '../types.js';
import { meanCrossings, rollingMeanPair } from './rolling-mean.js';

/**
 * What a strategy wants to hold after bar t (decided on bar t's close, filled at bar t+1's open):
 * long = all-in long, short = all-in short, flat = no position, hold = keep whatever is held.
 * A target equal to the current side is a no-op (it never re-enters an open trade).
 */
export const Target = { hold: 0, long: 1, short: 2, flat: 3 } as const;
export type Target = (typeof Target)[keyof typeof Target];
export type TargetName = keyof typeof Target;

export interface StrategyPlan {
  /** targets[t] uses bars 0..t only. */
  targets: Int8Array;
  /**
   * Leading bars whose indicators are still NaN (backtesting.py `_indicator_warmup_nbars`): the
   * first decision is taken on bar warmup+1, and Buy & Hold is measured from bar warmup's close.
   */
  warmup: number;
  /** Indicator arrays by display name, e.g. `SMA(C,10)`, for trade tables and charts. */
  indicators: Record<string, Float64Array>;
}

export interface PlanOptions {
  /**
   * false when the caller reads only targets and warmup (the portfolio engine): a strategy may then
   * leave `indicators` empty and spare the memory of its indicator arrays.
   */
  indicators?: boolean;
}

export interface Strategy {
  readonly name: string;
  plan(series: BarSeries, options?: PlanOptions): StrategyPlan;
}

function requirePositiveInt(what: string, v: number): void {
  if (!Number.isInteger(v) || v < 1) throw new UsageError(`${what} must be a positive integer, got ${v}`);
}

/**
 * Index of the first non-NaN value, as backtesting.py computes it (`np.isnan(x).argmin()`), which
 * gives 0 when every value is NaN (e.g. fewer bars than the SMA period).
 */
export function leadingNaNs(a: Float64Array): number {
  let i = 0;
  while (i < a.length && Number.isNaN(a[i]!)) i++;
  return i === a.length ? 0 : i;
}

/**
 * Moving-average crossover, backtesting.py's README/test `SmaCross`: when SMA(fast) crosses above
 * SMA(slow) close any position and go long; when it crosses below, close and go short (or flat with
 * longOnly). A cross is `a[t-1] < b[t-1] && a[t] > b[t]` (backtesting.lib.crossover), so equal
 * values never count as a cross.
 */
export function smaCross(opts: { fast: number; slow: number; longOnly?: boolean }): Strategy {
  const { fast, slow } = opts;
  requirePositiveInt('fast', fast);
  requirePositiveInt('slow', slow);
  if (fast >= slow) throw new UsageError(`fast period (${fast}) must be smaller than slow period (${slow})`);
  const down = opts.longOnly ? Target.flat : Target.short;
  return {
    name: `sma_cross(${fast},${slow}${opts.longOnly ? ',long-only' : ''})`,
    plan(series, options) {
      const n = series.close.length;
      if (options?.indicators === false) {
        // Only the crossings are wanted: no arrays of means (the same numbers either way).
        const only = meanCrossings(series.close, fast, slow, Target.long, down);
        if (only) return { targets: only.cross, warmup: only.warmup, indicators: {} };
      }
      const [a, b] = rollingMeanPair(series.close, fast, slow);
      const targets = new Int8Array(n);
      let a0 = a[0]!;
      let b0 = b[0]!;
      for (let t = 1; t < n; t++) {
        const a1 = a[t]!;
        const b1 = b[t]!;
        if (a0 < b0 && a1 > b1) targets[t] = Target.long;
        else if (b0 < a0 && b1 > a1) targets[t] = down;
        a0 = a1;
        b0 = b1;
      }
      const warmup = Math.max(leadingNaNs(a), leadingNaNs(b));
      return { targets, warmup, indicators: { [`SMA(C,${fast})`]: a, [`SMA(C,${slow})`]: b } };
    },
  };
}

/** Go long with all equity at the first opportunity and hold to the end. */
export function buyHold(): Strategy {
  return {
    name: 'buy_hold',
    plan(series) {
      const targets = new Int8Array(series.close.length);
      targets.fill(Target.long);
      return { targets, warmup: 0, indicators: {} };
    },
  };
}

/**
 * Model signal: long while the model's probability on bar t is >= threshold, flat otherwise.
 * probabilities[t] must be computed from data up to bar t; NaN (no score yet) means hold.
 */
export function signalStrategy(probabilities: Float64Array, threshold: number): Strategy {
  if (!(threshold >= 0 && threshold <= 1)) throw new UsageError(`threshold must be within [0, 1], got ${threshold}`);
  return {
    name: `signal(p>=${threshold})`,
    plan(series) {
      const n = series.close.length;
      if (probabilities.length !== n) {
        throw new UsageError(`signal has ${probabilities.length} probabilities for ${n} bars of ${series.symbol}`);
      }
      const targets = new Int8Array(n);
      for (let t = 0; t < n; t++) {
        const p = probabilities[t]!;
        targets[t] = p >= threshold ? Target.long : p < threshold ? Target.flat : Target.hold;
      }
      return { targets, warmup: leadingNaNs(probabilities), indicators: { probability: probabilities } };
    },
  };
}
