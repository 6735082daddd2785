import type { TradeTable } from './fills.js';
import { roundedDays } from './periodic-returns.js';

/** Trade-based statistics of backtesting.py 0.6.6 `compute_stats` (from `# Trades` on). */
export interface TradeStats {
  '# Trades': number;
  'Win Rate [%]': number;
  'Best Trade [%]': number;
  'Worst Trade [%]': number;
  'Avg. Trade [%]': number;
  'Max. Trade Duration': number;
  'Avg. Trade Duration': number;
  'Profit Factor': number;
  'Expectancy [%]': number;
  SQN: number;
  'Kelly Criterion': number;
  'Max. Consecutive Losses': number;
}

/**
 * `localTime` is the stats index (New York naive ms); trade bars index into it.
 * Durations are rounded up to the data resolution and given in days. One pass over the trades
 * (plus one for the PnL spread): portfolio runs close tens of thousands of them.
 */
export function tradeStats(trades: TradeTable, localTime: Float64Array, resolution: number): TradeStats {
  const n = trades.count;
  let wins = 0;
  let losses = 0;
  let winPnl = 0;
  let lossPnl = 0;
  let gains = 0;
  let drops = 0;
  let pnlSum = 0;
  let returnSum = 0;
  let logGrowth = 0;
  let ruined = false;
  let best = Number.NaN;
  let worst = Number.NaN;
  let longest = Number.NaN;
  let durationSum = 0;
  let run = 0;
  let longestRun = 0;
  for (let k = 0; k < n; k++) {
    const p = trades.pnl[k]!;
    const r = trades.returnPct[k]!;
    pnlSum += p;
    returnSum += r;
    if (p > 0) {
      wins++;
      winPnl += p;
    } else if (p < 0) {
      losses++;
      lossPnl += p;
    }
    if (r > 0) gains += r;
    else if (r < 0) drops += r;
    // backtesting.py geometric_mean: NaN counts as 0; any return <= -100 % makes the mean 0.
    const g = (Number.isNaN(r) ? 0 : r) + 1;
    if (g <= 0) ruined = true;
    else logGrowth += Math.log(g);
    if (!Number.isNaN(r)) {
      if (!(r <= best)) best = r; // also takes the first value while best is NaN
      if (!(r >= worst)) worst = r;
    }
    const d = localTime[trades.exitBar[k]!]! - localTime[trades.entryBar[k]!]!;
    if (!(d <= longest)) longest = d;
    durationSum += d;
    run = p < 0 ? run + 1 : 0;
    if (run > longestRun) longestRun = run;
  }
  const meanPnl = n ? pnlSum / n : Number.NaN;
  let spread = 0;
  for (let k = 0; k < n; k++) spread += (trades.pnl[k]! - meanPnl) * (trades.pnl[k]! - meanPnl);
  const std = n > 1 ? Math.sqrt(spread / (n - 1)) : Number.NaN;
  const winRate = n ? wins / n : Number.NaN;
  const avgWin = wins ? winPnl / wins : Number.NaN;
  const avgLoss = losses ? -lossPnl / losses : Number.NaN;
  return {
    '# Trades': n,
    'Win Rate [%]': winRate * 100,
    'Best Trade [%]': best * 100,
    'Worst Trade [%]': worst * 100,
    'Avg. Trade [%]': (n === 0 ? Number.NaN : ruined ? 0 : Math.exp(logGrowth / n) - 1) * 100,
    'Max. Trade Duration': roundedDays(longest, resolution),
    'Avg. Trade Duration': roundedDays(n ? durationSum / n : Number.NaN, resolution),
    'Profit Factor': gains / (Math.abs(drops) || Number.NaN),
    'Expectancy [%]': (n ? returnSum / n : Number.NaN) * 100,
    SQN: (Math.sqrt(n) * meanPnl) / (std || Number.NaN),
    'Kelly Criterion': winRate - (1 - winRate) / (avgWin / avgLoss),
    'Max. Consecutive Losses': longestRun,
  };
}
