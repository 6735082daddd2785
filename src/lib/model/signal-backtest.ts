/**
 * The trading result of a model's out-of-fold predictions: each prediction was made by a model that
 * did not see its row (purged walk-forward CV), so this is an out-of-sample backtest of the signal.
 * Rule: at each session's close, hold an equal-weight long portfolio of the symbols whose probability
 * is at least `threshold` (cash when none), earning each symbol's next-session close-to-close return;
 * costs are `costRate` per unit of one-way turnover (Σ|Δweight|). The benchmark is the equal-weight
 * portfolio of every symbol with a prediction that session (buy-and-hold of the universe, rebalanced daily,
 * without costs). Sharpe is annualized with √252, daily returns, zero risk-free rate.
 */
import type { BarSeries } from '../types.js';

export interface SignalBacktest {
  sessions: number;
  totalReturn: number;
  sharpe: number;
  maxDrawdown: number;
  /** Mean one-way turnover per session (1 = the whole portfolio replaced once). */
  turnover: number;
  /** Share of sessions with at least one position. */
  exposure: number;
  buyHold: { totalReturn: number; sharpe: number; maxDrawdown: number };
  costRate: number;
  threshold: number;
}

export interface OofPredictions {
  symbol: string[];
  ts: Float64Array;
  p: Float64Array;
}

function stats(daily: number[]): { totalReturn: number; sharpe: number; maxDrawdown: number } {
  let equity = 1;
  let peak = 1;
  let maxDrawdown = 0;
  for (const r of daily) {
    equity *= 1 + r;
    peak = Math.max(peak, equity);
    maxDrawdown = Math.max(maxDrawdown, 1 - equity / peak);
  }
  const n = daily.length;
  const mean = daily.reduce((s, r) => s + r, 0) / Math.max(n, 1);
  const sd = n > 1 ? Math.sqrt(daily.reduce((s, r) => s + (r - mean) ** 2, 0) / (n - 1)) : NaN;
  // No variation (all cash) scores 0, as cash does.
  return { totalReturn: equity - 1, sharpe: sd > 0 ? (mean / sd) * Math.sqrt(252) : n > 1 ? 0 : NaN, maxDrawdown };
}

/** Next-session close-to-close return of each (symbol, ts); missing for a symbol's last bar. */
function nextReturns(series: readonly BarSeries[]): Map<string, Map<number, number>> {
  const out = new Map<string, Map<number, number>>();
  for (const s of series) {
    const m = new Map<number, number>();
    for (let i = 0; i + 1 < s.close.length; i++) m.set(s.ts[i]!, s.close[i + 1]! / s.close[i]! - 1);
    out.set(s.symbol, m);
  }
  return out;
}

export function signalBacktest(
  series: readonly BarSeries[],
  oof: OofPredictions,
  o: { threshold: number; costRate: number },
): SignalBacktest {
  const next = nextReturns(series);
  const bySession = new Map<number, Array<{ symbol: string; p: number; r: number }>>();
  oof.p.forEach((p, i) => {
    const r = next.get(oof.symbol[i]!)?.get(oof.ts[i]!);
    if (r === undefined) return;
    const list = bySession.get(oof.ts[i]!) ?? [];
    list.push({ symbol: oof.symbol[i]!, p, r });
    bySession.set(oof.ts[i]!, list);
  });
  const sessions = [...bySession.keys()].sort((a, b) => a - b);
  const strategy: number[] = [];
  const benchmark: number[] = [];
  let weights = new Map<string, number>();
  let turnover = 0;
  let exposed = 0;
  for (const t of sessions) {
    const rows = bySession.get(t)!;
    const held = rows.filter((x) => x.p >= o.threshold);
    const w = new Map(held.map((x) => [x.symbol, 1 / held.length]));
    let traded = 0;
    for (const [s, x] of w) traded += Math.abs(x - (weights.get(s) ?? 0));
    for (const [s, x] of weights) if (!w.has(s)) traded += x;
    weights = w;
    turnover += traded;
    if (held.length > 0) exposed++;
    const gross = held.reduce((s, x) => s + x.r, 0) / Math.max(held.length, 1);
    strategy.push(gross - o.costRate * traded);
    benchmark.push(rows.reduce((s, x) => s + x.r, 0) / rows.length);
  }
  const n = sessions.length;
  return {
    sessions: n,
    ...stats(strategy),
    turnover: n > 0 ? turnover / n : NaN,
    exposure: n > 0 ? exposed / n : NaN,
    buyHold: stats(benchmark),
    costRate: o.costRate,
    threshold: o.threshold,
  };
}
