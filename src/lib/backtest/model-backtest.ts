/**
 * `backtest --strategy model` from out-of-sample predictions (walk-forward.ts, or a registered model proven not to
 * have seen the test range): long while p ≥ threshold, flat below, traded on close (trade-on-close.ts: the paper
 * convention), and compared with buy-and-hold and an equal-weight portfolio after the same costs (benchmarks.ts).
 */
import { InternalError } from '../errors.js';
import { nyDate } from '../time.js';
import type { BarSeries, SessionDate } from '../types.js';
import { equalWeightCurve, sharpeOf } from './benchmarks.js';
import type { BacktestOptions } from './options.js';
import { executeBacktest, type BacktestJob, type BacktestJobResult } from './run-job.js';
import { buyHold, leadingNaNs, signalStrategy, type Strategy } from './strategy.js';
import type { ModelPredictions, WindowModel } from './walk-forward.js';

export interface WindowResult extends WindowModel {
  /** Strategy and buy-and-hold return over the window (close before its first session to its last close). */
  returnPct: number;
  buyHoldPct: number;
}

export interface Benchmark {
  name: string;
  returnPct: number;
  sharpe: number;
}

export interface ModelBacktest {
  job: BacktestJob;
  result: BacktestJobResult;
  windows: WindowResult[];
  /** The strategy, buy-and-hold and equal-weight, with the same Sharpe formula (benchmarks.ts sharpeOf). */
  benchmarks: Benchmark[];
  equalWeight: Float64Array;
  trainMs: number;
}

/** Long/flat on the probabilities; the first decision is on the first scored bar (its warm-up is the bar before). */
export function predictionStrategy(
  probabilities: Map<string, Float64Array>,
  threshold: number,
  name: string,
): Strategy {
  const bySymbol = new Map([...probabilities].map(([s, p]) => [s, signalStrategy(p, threshold)]));
  return {
    name,
    plan(s, options) {
      const strategy = bySymbol.get(s.symbol);
      if (!strategy) throw new InternalError(`model strategy: no probabilities for ${s.symbol}`);
      const plan = strategy.plan(s, options);
      return { ...plan, warmup: Math.max(0, leadingNaNs(probabilities.get(s.symbol)!) - 1) };
    },
  };
}

/** Last stamp before `first` across the series (the curve's base: cash before the first decision). */
function sessionBefore(series: readonly BarSeries[], first: number): number {
  let best = -Infinity;
  for (const s of series) for (const t of s.ts) if (t < first && t > best) best = t;
  return best;
}

export function runModelBacktest(input: {
  series: BarSeries[];
  predictions: ModelPredictions;
  threshold: number;
  options: Omit<BacktestOptions, 'from' | 'to'>;
  params: Record<string, string | number | boolean>;
  label: string;
  createdAt: number;
}): ModelBacktest {
  const { series, predictions } = input;
  const windows = predictions.windows;
  const firstTs = Math.min(...series.map((s) => s.ts.find((t) => nyDate(t) >= windows[0]!.from) ?? Infinity));
  const before = sessionBefore(series, firstTs);
  const from: SessionDate = Number.isFinite(before) ? nyDate(before) : windows[0]!.from;
  const options: BacktestOptions = { ...input.options, from, to: windows[windows.length - 1]!.to };
  const strategy = predictionStrategy(predictions.probabilities, input.threshold, input.label);
  const job: BacktestJob = { series, strategy, options, params: input.params, tradeOnClose: true };
  const run = executeBacktest(job, input.createdAt);
  const hold = executeBacktest({ ...job, strategy: buyHold() }, input.createdAt);
  // The chart's buy-and-hold line, too, is after the same costs (the engine's buy_hold on the same bars).
  const result: BacktestJobResult = {
    ...run,
    equity: run.equity.map((p, i) => ({ ...p, buyHold: hold.curves.equity[i]! })),
    curves: { ...run.curves, buyHold: hold.curves.equity },
  };
  const ts = result.curves.ts;
  const start = Number.isFinite(before) ? 1 : 0;
  const windowStarts = new Set(windows.map((w) => Array.from(ts).find((t) => nyDate(t) >= w.from) ?? Infinity));
  const cash = options.cash ?? 10_000;
  const cost = (options.commission ?? 0) + (options.slippageBps ?? 0) / 10_000;
  const equalWeight = equalWeightCurve(series, ts, start, windowStarts, cash, cost);
  const total = (c: Float64Array) => (c.length ? c[c.length - 1]! / cash - 1 : Number.NaN);
  const benchmarks: Benchmark[] = [
    { name: 'strategy', returnPct: total(result.curves.equity) * 100, sharpe: sharpeOf(result.curves.equity) },
    { name: 'buy-and-hold', returnPct: total(hold.curves.equity) * 100, sharpe: sharpeOf(hold.curves.equity) },
    { name: 'equal-weight', returnPct: total(equalWeight) * 100, sharpe: sharpeOf(equalWeight) },
  ];
  const dates = Array.from(ts, nyDate);
  const windowReturn = (curve: Float64Array, w: WindowModel): number => {
    const a = dates.findIndex((d) => d >= w.from);
    let b = a;
    while (b + 1 < dates.length && dates[b + 1]! <= w.to) b++;
    const base = a > 0 ? curve[a - 1]! : cash;
    return a < 0 ? Number.NaN : (curve[b]! / base - 1) * 100;
  };
  return {
    job,
    result,
    windows: windows.map((w) => ({
      ...w,
      returnPct: windowReturn(result.curves.equity, w),
      buyHoldPct: windowReturn(hold.curves.equity, w),
    })),
    benchmarks,
    equalWeight,
    trainMs: predictions.trainMs,
  };
}
