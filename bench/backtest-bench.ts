/**
 * Backtest throughput: bars per second of `simulate` (SmaCross 10/30 on ~3 million bars of one
 * symbol: validation, indicators, fills, trades, equity/cash/position) and of `runPortfolioBacktest`
 * (500 symbols × 2520 daily bars, statistics included: they are computed on 2520 slots only), each
 * next to a bare typed-array loop computing the same crossover equity in the same process (the
 * baseline). ratio = ours / baseline; the target is ≥ 0.30. The single-symbol `runBacktest` with
 * every statistic is measured against the same loop (target ≥ 0.10), and on 2,000 daily bars.
 * Ours and the baseline are timed alternately after several warm-up runs each: V8 reaches its
 * fully optimized code for either only after a few calls (the first ones run on-stack-replaced
 * loops), and alternating spreads the machine's load and the
 * garbage collections evenly between the two.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBarsCsv } from '../src/lib/market/csv-bars.js';
import { toSeries } from '../src/lib/bar-columns.js';
import { runBacktest, simulate } from '../src/lib/backtest/engine.js';
import { runPortfolioBacktest } from '../src/lib/backtest/portfolio-engine.js';
import { smaCross } from '../src/lib/backtest/strategy.js';
import type { BarSeries } from '../src/lib/types.js';
import type { BenchResult } from './types.js';

const FAST = 10;
const SLOW = 30;
const DAY_MS = 86_400_000;

function goog(): BarSeries {
  const file = join(process.cwd(), 'test', 'fixtures', 'backtesting_py', 'GOOG.csv');
  return toSeries('GOOG', parseBarsCsv(readFileSync(file, 'utf8'), 'GOOG', 'GOOG.csv'));
}

/** `length` bars cycling through `src` starting at `offset`, scaled, one bar per `stepMs`. */
function synthetic(
  src: BarSeries,
  symbol: string,
  length: number,
  offset: number,
  scale: number,
  stepMs: number,
): BarSeries {
  const n = src.close.length;
  const col = (a: Float64Array) => {
    const out = new Float64Array(length);
    for (let i = 0; i < length; i++) out[i] = a[(i + offset) % n]! * scale;
    return out;
  };
  const ts = new Float64Array(length);
  for (let i = 0; i < length; i++) ts[i] = Date.UTC(2000, 0, 3) + i * stepMs;
  return {
    symbol,
    ts,
    open: col(src.open),
    high: col(src.high),
    low: col(src.low),
    close: col(src.close),
    volume: col(src.volume),
  };
}

/**
 * The bare loop: the same pandas-exact SMAs (running sums with Kahan compensation, see
 * rolling-mean.ts) so it finds the same crossovers, fill at next open with all cash in whole shares,
 * a fresh equity array per call (as any function returning a curve must). No validation, no trade
 * records, no statistics.
 */
function bareCrossEquity(open: Float64Array, close: Float64Array, cash: number): Float64Array {
  const n = close.length;
  const out = new Float64Array(n);
  let sumF = 0;
  let compAddF = 0;
  let compRemF = 0;
  let sumS = 0;
  let compAddS = 0;
  let compRemS = 0;
  let prevDiff = Number.NaN;
  let pending = 0;
  let shares = 0;
  let money = cash;
  for (let i = 0; i < n; i++) {
    if (pending !== 0) {
      money += shares * open[i]!;
      shares = pending * Math.floor(money / open[i]!);
      money -= shares * open[i]!;
      pending = 0;
    }
    const v = close[i]!;
    let y = v - compAddF;
    let t = sumF + y;
    compAddF = t - sumF - y;
    sumF = t;
    y = v - compAddS;
    t = sumS + y;
    compAddS = t - sumS - y;
    sumS = t;
    if (i >= FAST) {
      y = -close[i - FAST]! - compRemF;
      t = sumF + y;
      compRemF = t - sumF - y;
      sumF = t;
    }
    if (i >= SLOW) {
      y = -close[i - SLOW]! - compRemS;
      t = sumS + y;
      compRemS = t - sumS - y;
      sumS = t;
    }
    out[i] = money + shares * close[i]!;
    if (i >= SLOW - 1) {
      const diff = sumF / FAST - sumS / SLOW;
      if (prevDiff < 0 && diff > 0) pending = 1;
      else if (prevDiff > 0 && diff < 0) pending = -1;
      prevDiff = diff;
    }
  }
  return out;
}

/**
 * Best-of-`runs` wall times in seconds of `ours` and `base`, timed alternately so that both see the
 * same load on a shared machine, after `warmup` untimed runs of each (an engine made of several
 * functions needs a few runs before V8 has optimized them all).
 */
function timePair(runs: number, warmup: number, ours: () => void, base: () => void): [number, number] {
  for (let r = 0; r < warmup; r++) {
    ours();
    base();
  }
  let bestOurs = Infinity;
  let bestBase = Infinity;
  for (let r = 0; r < runs; r++) {
    let t0 = performance.now();
    ours();
    bestOurs = Math.min(bestOurs, (performance.now() - t0) / 1000);
    t0 = performance.now();
    base();
    bestBase = Math.min(bestBase, (performance.now() - t0) / 1000);
  }
  return [bestOurs, bestBase];
}

function result(name: string, bars: number, ours: number, base: number, target?: string): BenchResult {
  const value = bars / ours;
  const baseline = bars / base;
  return {
    name,
    value: Math.round(value),
    unit: 'bars/s',
    baseline: Math.round(baseline),
    ratio: value / baseline,
    ...(target ? { target } : {}),
  };
}

/** The first `n` bars of `s` (views, no copy). */
function head(s: BarSeries, n: number): BarSeries {
  const cut = (a: Float64Array) => a.subarray(0, n);
  const { ts, open, high, low, close, volume } = s;
  return {
    symbol: s.symbol,
    ts: cut(ts),
    open: cut(open),
    high: cut(high),
    low: cut(low),
    close: cut(close),
    volume: cut(volume),
  };
}

/**
 * A short run as walk-forward windows and tuning make by the thousand: `runBacktest` (simulate,
 * trade records, drawdown and every statistic) on GOOG's first 2,000 daily bars beside the bare
 * loop on the same bars; each timed sample repeats the call `reps` times.
 */
function benchShortRun(src: BarSeries, strategy: ReturnType<typeof smaCross>): BenchResult {
  const bars = 2_000;
  const reps = 200;
  // The bare loop is ten times faster: ten times the calls make its samples as long as ours (~25 ms), so that
  // neither side's best sample is picked from more, shorter windows of a noisy machine than the other's.
  const baseReps = 10 * reps;
  const short = head(src, bars);
  // V8 reaches its final code for the whole statistics path only after some thousands of runs, and garbage
  // collections land on some samples: 20 warm-up and 30 timed pairs.
  const [ours, base] = timePair(
    30,
    20,
    () => {
      for (let r = 0; r < reps; r++) runBacktest(short, strategy, { finalizeTrades: true });
    },
    () => {
      for (let r = 0; r < baseReps; r++) bareCrossEquity(short.open, short.close, 10_000);
    },
  );
  return {
    ...result('backtest.run_with_stats_2000_bars', bars * reps, ours, (base * reps) / baseReps, '≥ 0.10'),
    note: 'runBacktest with every statistic; fixed costs per run weigh on 2,000 bars; samples of ~25 ms on both sides',
  };
}

/** Only the short run with statistics (`node dist/bench/run.js backtest-stats`). */
export function benchBacktestStats(): BenchResult[] {
  return [benchShortRun(goog(), smaCross({ fast: FAST, slow: SLOW }))];
}

export function benchBacktest(): BenchResult[] {
  const src = goog();
  const results: BenchResult[] = [];

  const long = synthetic(src, 'LONG', 3_000_000, 0, 1, 60_000);
  const strategy = smaCross({ fast: FAST, slow: SLOW });
  const [ours, base] = timePair(
    6,
    4,
    () => void simulate(long, strategy, { finalizeTrades: true }),
    () => void bareCrossEquity(long.open, long.close, 10_000),
  );
  results.push(result('backtest.sma_cross_3m_bars', long.close.length, ours, base, '≥ 0.30'));
  // The whole `runBacktest` (drawdowns and every statistic) against the same bare loop: target ≥ 0.10.
  const [full, fullBase] = timePair(
    5,
    2,
    () => void runBacktest(long, strategy, { finalizeTrades: true }),
    () => void bareCrossEquity(long.open, long.close, 10_000),
  );
  results.push({
    ...result('backtest.sma_cross_3m_bars_with_stats', long.close.length, full, fullBase, '≥ 0.10'),
    note: 'runBacktest: simulate + drawdown + every statistic (Trade records on demand)',
  });
  results.push(benchShortRun(src, strategy));

  const symbols = Array.from({ length: 500 }, (_, k) =>
    synthetic(src, `S${k}`, 2520, (k * 37) % 2000, 1 + (k % 7) / 10, DAY_MS),
  );
  const total = 500 * 2520;
  const [portfolioOurs, portfolioBase] = timePair(
    10,
    5,
    () => void runPortfolioBacktest(symbols, strategy, { cash: 1_000_000, finalizeTrades: true }),
    () => {
      const sum = new Float64Array(2520);
      for (const s of symbols) {
        const equity = bareCrossEquity(s.open, s.close, 1_000_000 / symbols.length);
        for (let i = 0; i < 2520; i++) sum[i]! += equity[i]!;
      }
    },
  );
  results.push(result('backtest.portfolio_500x2520', total, portfolioOurs, portfolioBase, '≥ 0.30'));
  return results;
}
