/**
 * The backtest's statistics (stats.ts, backtesting.py's definitions) of any daily equity curve: the one
 * implementation the backtest engine and the paper/live performance record share. Sessions are New York
 * `YYYY-MM-DD` days; on daily bars the engine's New York local times are those days' midnights, so the same
 * curve gives the same figures through either door.
 */
import { tradeTable } from './fills.js';
import { computeStats, type BacktestStats } from './stats.js';

export interface CurveTrade {
  symbol: string;
  /** Curve indices of the session the trade opened and closed. */
  entryBar: number;
  exitBar: number;
  pnl: number;
  /** Fraction (0.05 = 5 %). */
  returnPct: number;
  commission: number;
}

export interface SessionCurve {
  sessions: readonly string[];
  equity: Float64Array;
  trades: readonly CurveTrade[];
  /** Buy & hold reference on the same sessions (its first session is the base); the curve itself when absent. */
  benchmark?: Float64Array;
  /** Index of the benchmark's base session (default 0; the engine's is the bar before its first decision). */
  benchmarkStart?: number;
}

const dayMs = (session: string): number =>
  Date.UTC(Number(session.slice(0, 4)), Number(session.slice(5, 7)) - 1, Number(session.slice(8, 10)));

export function sessionCurveStats(curve: SessionCurve): BacktestStats {
  return computeStats({
    localTime: Float64Array.from(curve.sessions, dayMs),
    equity: curve.equity,
    trades: tradeTable(curve.trades),
    benchmark: curve.benchmark ?? curve.equity,
    benchmarkStart: curve.benchmarkStart ?? 0,
  });
}
