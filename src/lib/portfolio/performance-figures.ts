/**
 * The figures of a performance record, read off the backtest's statistics (backtest/curve-stats.ts: one
 * implementation) plus what the ledger adds: average win/loss in dollars, turnover, fees, drawdown dates.
 * Percentages in percent as in the backtest report; NaN (null in JSON) where a figure has no data.
 */
import type { BacktestStats } from '../backtest/stats.js';

export interface DrawdownDates {
  /** Session of the peak the deepest drawdown fell from, its trough, and the first session back at the peak. */
  peak: string | null;
  trough: string | null;
  recovery: string | null;
}

export interface PerformanceFigures {
  totalReturnPct: number;
  cagrPct: number;
  volatilityPct: number;
  sharpe: number;
  sortino: number;
  /** Negative, as backtesting.py reports it. */
  maxDrawdownPct: number;
  maxDrawdown: DrawdownDates;
  calmar: number;
  trades: number;
  winRatePct: number;
  profitFactor: number;
  /** Mean PnL of winning / losing round trips in dollars (the loss as a positive number). */
  avgWin: number;
  avgLoss: number;
  /** Mean round-trip return, in percent. */
  expectancyPct: number;
  exposureTimePct: number;
  /** Traded notional over mean equity. */
  turnover: number;
  fees: number;
}

export function drawdownDates(sessions: readonly string[], equity: Float64Array): DrawdownDates {
  let peakAt = 0;
  let worst = 0;
  let worstPeak = -1;
  let troughAt = -1;
  for (let i = 0; i < equity.length; i++) {
    if (equity[i]! > equity[peakAt]!) peakAt = i;
    const dd = 1 - equity[i]! / equity[peakAt]!;
    if (dd > worst) [worst, worstPeak, troughAt] = [dd, peakAt, i];
  }
  if (troughAt < 0) return { peak: null, trough: null, recovery: null };
  let recovery: string | null = null;
  for (let i = troughAt + 1; i < equity.length && recovery === null; i++)
    if (equity[i]! >= equity[worstPeak]!) recovery = sessions[i]!;
  return { peak: sessions[worstPeak]!, trough: sessions[troughAt]!, recovery };
}

export function figuresOf(
  stats: BacktestStats,
  extra: {
    sessions: readonly string[];
    equity: Float64Array;
    pnls: readonly number[];
    tradedNotional: number;
    fees: number;
  },
): PerformanceFigures {
  const wins = extra.pnls.filter((p) => p > 0);
  const losses = extra.pnls.filter((p) => p < 0);
  const mean = (xs: readonly number[]): number => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : Number.NaN);
  const meanEquity = mean(Array.from(extra.equity));
  return {
    totalReturnPct: stats['Return [%]'],
    cagrPct: stats['CAGR [%]'],
    volatilityPct: stats['Volatility (Ann.) [%]'],
    sharpe: stats['Sharpe Ratio'],
    sortino: stats['Sortino Ratio'],
    maxDrawdownPct: stats['Max. Drawdown [%]'],
    maxDrawdown: drawdownDates(extra.sessions, extra.equity),
    calmar: stats['Calmar Ratio'],
    trades: stats['# Trades'],
    winRatePct: stats['Win Rate [%]'],
    profitFactor: stats['Profit Factor'],
    avgWin: mean(wins),
    avgLoss: -mean(losses),
    expectancyPct: stats['Expectancy [%]'],
    exposureTimePct: stats['Exposure Time [%]'],
    turnover: meanEquity > 0 ? extra.tradedNotional / meanEquity : Number.NaN,
    fees: extra.fees,
  };
}
