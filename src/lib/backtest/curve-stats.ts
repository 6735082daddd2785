/**
 * The backtest's statistics (stats.ts, backtesting.py's definitions) of any daily equity curve: the one
 * implementation the backtest engine and the paper/live performance record share. Sessions are New York
 * `YYYY-MM-DD` days; on daily bars the engine's New York local times are those days' midnights, so the same
 * curve gives the same figures through either door.
 */
import type { TradeTable } from './fills.js';
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

function tableOf(trades: readonly CurveTrade[]): TradeTable {
  const symbols: string[] = [];
  const index = new Map<string, number>();
  const n = trades.length;
  const t: TradeTable = {
    count: n,
    symbols,
    symbol: new Int32Array(n),
    entryBar: new Int32Array(n),
    exitBar: new Int32Array(n),
    pnl: new Float64Array(n),
    returnPct: new Float64Array(n),
    commission: new Float64Array(n),
  };
  trades.forEach((x, k) => {
    let s = index.get(x.symbol);
    if (s === undefined) index.set(x.symbol, (s = symbols.push(x.symbol) - 1));
    t.symbol[k] = s;
    t.entryBar[k] = x.entryBar;
    t.exitBar[k] = x.exitBar;
    t.pnl[k] = x.pnl;
    t.returnPct[k] = x.returnPct;
    t.commission[k] = x.commission;
  });
  return t;
}

export function sessionCurveStats(curve: SessionCurve): BacktestStats {
  return computeStats({
    localTime: Float64Array.from(curve.sessions, dayMs),
    equity: curve.equity,
    trades: tableOf(curve.trades),
    benchmark: curve.benchmark ?? curve.equity,
    benchmarkStart: curve.benchmarkStart ?? 0,
  });
}
