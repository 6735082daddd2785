import { drawdownPeriods, drawdownSeries } from './drawdown.js';
import { tradeTable, type Trade, type TradeTable } from './fills.js';
import { DAY_MS, formatLocal } from './local-time.js';
import {
  dataPeriodMs,
  geometricMean,
  lnRatio,
  periodicReturns,
  resolutionMs,
  roundedDays,
  sampling,
} from './periodic-returns.js';
import { barMoments, type ReturnMoments } from './stats-moments.js';
import { tradeStats, type TradeStats } from './stats-trades.js';

/**
 * The statistics of backtesting.py 0.6.6 (`backtesting/_stats.py` compute_stats, with PR #1346:
 * CAGR over calendar years of 365.25 days, and the leading NaN day return dropped), keyed by its
 * names, plus our own "Profit [$]", "Max. Consecutive Losses" and "Trades per Symbol".
 * Percentages are in percent; durations in days; NaN where backtesting.py gives NaN.
 */
export interface BacktestStats extends TradeStats {
  Start: string;
  End: string;
  Duration: number;
  'Exposure Time [%]': number;
  'Equity Final [$]': number;
  'Equity Peak [$]': number;
  'Commissions [$]': number;
  'Return [%]': number;
  'Buy & Hold Return [%]': number;
  'Return (Ann.) [%]': number;
  'Volatility (Ann.) [%]': number;
  'CAGR [%]': number;
  'Sharpe Ratio': number;
  'Sortino Ratio': number;
  'Calmar Ratio': number;
  'Alpha [%]': number;
  Beta: number;
  'Max. Drawdown [%]': number;
  'Avg. Drawdown [%]': number;
  'Max. Drawdown Duration': number;
  'Avg. Drawdown Duration': number;
  'Profit [$]': number;
  'Trades per Symbol': Record<string, number>;
}

export interface StatsInput {
  /** Bar times as New York naive ms (see local-time.ts), one per equity value. */
  localTime: Float64Array;
  equity: Float64Array;
  /** Closed trades (records or their table); bars index into localTime. */
  trades: readonly Trade[] | TradeTable;
  /** Buy & hold reference closes on the same bars (the symbol's closes, or a portfolio index). */
  benchmark: Float64Array;
  /** Bar whose close is the Buy & Hold base (backtesting.py: the indicator warm-up length). */
  benchmarkStart: number;
  /** Symbols to list in "Trades per Symbol" even with no trades. */
  symbols?: readonly string[];
  /** drawdownSeries(equity), when the caller already has it. */
  drawdown?: Float64Array;
}

/**
 * Beta of equity log returns on benchmark log returns: np.cov(x, y)[0,1] / np.cov(x, y)[1,1], from the sums of
 * one pass (no division in the loop). Daily log returns have means far below their spread, so the shortcut
 * Σxy − ΣxΣy/k loses nothing measurable against the two-pass form (agrees to ~1e-14 relative).
 */
function beta(equity: Float64Array, benchmark: Float64Array): number {
  let sx = 0;
  let sy = 0;
  let sxy = 0;
  let syy = 0;
  const k = equity.length - 1;
  for (let i = 1; i < equity.length; i++) {
    const x = lnRatio(equity[i]! / equity[i - 1]!);
    const y = lnRatio(benchmark[i]! / benchmark[i - 1]!);
    sx += x;
    sy += y;
    sxy += x * y;
    syy += y * y;
  }
  return k < 2 ? Number.NaN : (sxy - (sx * sy) / k) / (syy - (sy * sy) / k);
}

/** The moments over resampled periods (intraday, weekly, monthly data): the general path of barMoments. */
function periodMoments(
  equity: Float64Array,
  localTime: Float64Array,
  bucket: (ms: number) => number,
  benchmark: Float64Array,
): ReturnMoments {
  const dayReturns = periodicReturns(equity, localTime, bucket);
  let downside = 0;
  for (let i = 0; i < dayReturns.length; i++) {
    const r = Math.min(dayReturns[i]!, 0);
    downside += r * r;
  }
  return {
    g: geometricMean(dayReturns),
    variance: varianceDdof1(dayReturns),
    downside: Math.sqrt(downside / (dayReturns.length || Number.NaN)),
    beta: beta(equity, benchmark),
  };
}

function varianceDdof1(r: Float64Array): number {
  if (r.length < 2) return Number.NaN;
  let m = 0;
  for (let i = 0; i < r.length; i++) m += r[i]!;
  m /= r.length;
  let s = 0;
  for (let i = 0; i < r.length; i++) s += (r[i]! - m) * (r[i]! - m);
  return s / (r.length - 1);
}

function exposurePct(trades: TradeTable, n: number): number {
  // One symbol's trades follow each other (a reversal enters on the bar the last one exits): the bars held
  // are the sum of their spans, without the shared bar twice; no array needed.
  let count = 0;
  let lastExit = -1;
  let k = 0;
  for (; k < trades.count && trades.entryBar[k]! >= lastExit && trades.exitBar[k]! >= trades.entryBar[k]!; k++) {
    const from = Math.max(trades.entryBar[k]!, lastExit + 1);
    lastExit = Math.min(trades.exitBar[k]!, n - 1);
    count += Math.max(0, lastExit - from + 1);
  }
  if (k === trades.count) return (count / n) * 100;
  const held = new Uint8Array(n);
  for (let j = 0; j < trades.count; j++) held.fill(1, trades.entryBar[j], trades.exitBar[j]! + 1);
  count = 0;
  for (let i = 0; i < n; i++) count += held[i]!;
  return (count / n) * 100;
}

/** Trades per symbol: every listed symbol (0 if it has none) first, then others as they appear. */
function tradesPerSymbol(trades: TradeTable, listed: readonly string[]): Record<string, number> {
  const perSymbol: Record<string, number> = {};
  for (const s of listed) perSymbol[s] = 0;
  const counts = new Int32Array(trades.symbols.length);
  const order: number[] = []; // symbol indices in order of first appearance
  for (let k = 0; k < trades.count; k++) if (counts[trades.symbol[k]!]!++ === 0) order.push(trades.symbol[k]!);
  for (const s of order) perSymbol[trades.symbols[s]!] = (perSymbol[trades.symbols[s]!] ?? 0) + counts[s]!;
  return perSymbol;
}

export function computeStats(input: StatsInput): BacktestStats {
  const { localTime, equity, benchmark } = input;
  const trades = Array.isArray(input.trades) ? tradeTable(input.trades) : (input.trades as TradeTable);
  const n = equity.length;
  const first = equity[0]!;
  const last = equity[n - 1]!;
  const periodMs = dataPeriodMs(localTime);
  const resolution = resolutionMs(periodMs);

  const dd = input.drawdown ?? drawdownSeries(equity);
  const periods = drawdownPeriods(dd, localTime);
  let ddMax = dd[0]!;
  let peak = equity[0]!;
  for (let i = 1; i < n; i++) {
    if (dd[i]! > ddMax) ddMax = dd[i]!;
    if (equity[i]! > peak) peak = equity[i]!;
  }
  const maxDd = -(Number.isNaN(ddMax) ? 0 : ddMax);

  const { annualPeriods, bucket, barBuckets } = sampling(localTime, periodMs);
  const {
    g,
    variance,
    downside,
    beta: b,
  } = barBuckets && n > 1 ? barMoments(equity, benchmark) : periodMoments(equity, localTime, bucket, benchmark);
  const annualized = (1 + g) ** annualPeriods - 1;
  const volatility = Math.sqrt((variance + (1 + g) ** 2) ** annualPeriods - (1 + g) ** (2 * annualPeriods)) * 100;

  const durationMs = localTime[n - 1]! - localTime[0]!;
  const years = durationMs / DAY_MS / 365.25;
  const returnPct = ((last - first) / first) * 100;
  const base = benchmark[input.benchmarkStart]!;
  const buyHold = ((benchmark[n - 1]! - base) / base) * 100;
  let commissions = 0;
  for (let k = 0; k < trades.count; k++) commissions += trades.commission[k]!;
  let avgPeak = Number.NaN;
  let maxDur = Number.NaN;
  let avgDur = Number.NaN;
  if (periods.endBar.length) {
    avgPeak = periods.peakDrawdown.reduce((a, x) => a + x, 0) / periods.peakDrawdown.length;
    maxDur = periods.durationMs.reduce((a, x) => Math.max(a, x), -Infinity);
    avgDur = periods.durationMs.reduce((a, x) => a + x, 0) / periods.durationMs.length;
  } else {
    // backtesting.py falls back to the non-zero drawdowns themselves (only the last bar can be under water here).
    const under = Array.from(dd).filter((x) => x !== 0 && !Number.isNaN(x));
    if (under.length) avgPeak = under.reduce((a, x) => a + x, 0) / under.length;
  }

  return {
    Start: formatLocal(localTime[0]!),
    End: formatLocal(localTime[n - 1]!),
    Duration: durationMs / DAY_MS,
    'Exposure Time [%]': exposurePct(trades, n),
    'Equity Final [$]': last,
    'Equity Peak [$]': peak,
    'Commissions [$]': commissions,
    'Return [%]': returnPct,
    'Buy & Hold Return [%]': buyHold,
    'Return (Ann.) [%]': annualized * 100,
    'Volatility (Ann.) [%]': volatility,
    'CAGR [%]': years ? ((last / first) ** (1 / years) - 1) * 100 : Number.NaN,
    'Sharpe Ratio': (annualized * 100) / (volatility || Number.NaN),
    'Sortino Ratio': annualized / (downside * Math.sqrt(annualPeriods)),
    'Calmar Ratio': annualized / (-maxDd || Number.NaN),
    'Alpha [%]': returnPct - b * buyHold,
    Beta: b,
    'Max. Drawdown [%]': maxDd * 100,
    'Avg. Drawdown [%]': -avgPeak * 100,
    'Max. Drawdown Duration': roundedDays(maxDur, resolution),
    'Avg. Drawdown Duration': roundedDays(avgDur, resolution),
    ...tradeStats(trades, localTime, resolution),
    'Profit [$]': last - first,
    'Trades per Symbol': tradesPerSymbol(trades, input.symbols ?? []),
  };
}
