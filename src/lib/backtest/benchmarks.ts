/**
 * What a model backtest is compared with, after the same commission and slippage: buy-and-hold (each symbol bought
 * with an equal share of the cash on the first test session and held; the engine's buy_hold strategy) and an
 * equal-weight portfolio of the same symbols, rebalanced to 1/N of equity at the close of each window's first
 * session (fractional shares; every rebalancing trade pays commission and slippage on its value).
 */
import type { BarSeries } from '../types.js';

/** Annualized Sharpe ratio of an equity curve's daily simple returns (risk-free 0, 252 sessions a year). */
export function sharpeOf(equity: Float64Array, from = 0): number {
  const r: number[] = [];
  for (let i = from + 1; i < equity.length; i++) {
    const a = equity[i - 1]!;
    if (a > 0) r.push(equity[i]! / a - 1);
  }
  if (r.length < 2) return Number.NaN;
  const mean = r.reduce((s, x) => s + x, 0) / r.length;
  const variance = r.reduce((s, x) => s + (x - mean) ** 2, 0) / (r.length - 1);
  return variance > 0 ? (mean / Math.sqrt(variance)) * Math.sqrt(252) : Number.NaN;
}

/**
 * Equal-weight portfolio on the run's calendar `ts`: all cash until `ts[start]`, then 1/N of equity per symbol at
 * that close, rebalanced at each stamp in `rebalance`. `cost` = commission + slippage as a fraction of traded value.
 */
export function equalWeightCurve(
  seriesList: readonly BarSeries[],
  ts: Float64Array,
  start: number,
  rebalance: ReadonlySet<number>,
  cash: number,
  cost: number,
): Float64Array {
  const N = seriesList.length;
  const out = new Float64Array(ts.length);
  const shares = new Float64Array(N);
  const last = new Float64Array(N).fill(Number.NaN);
  const cursor = new Int32Array(N);
  let money = cash;
  for (let i = 0; i < ts.length; i++) {
    seriesList.forEach((s, k) => {
      let j = cursor[k]!;
      while (j < s.ts.length && s.ts[j]! <= ts[i]!) last[k] = s.close[j++]!;
      cursor[k] = j;
    });
    const value = (): number => money + shares.reduce((v, q, k) => v + (q === 0 ? 0 : q * last[k]!), 0);
    if (i === start || (i > start && rebalance.has(ts[i]!))) {
      const target = value() / N;
      seriesList.forEach((_, k) => {
        const px = last[k]!;
        if (!(px > 0)) return;
        const traded = target - shares[k]! * px;
        // Pay the cost out of the trade so the position and cash stay consistent.
        const net = traded > 0 ? traded / (1 + cost) : traded;
        shares[k]! += net / px;
        money -= net + Math.abs(net) * cost;
      });
    }
    out[i] = value();
  }
  return out;
}
