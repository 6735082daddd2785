import { nyLocalMs } from '../backtest/local-time.js';
import { nyDate, nyMidnight } from '../time.js';
import type { BarSeries } from '../types.js';
import type { Trade } from '../backtest/fills.js';
import { formatMoney } from './format.js';

/** A closed round trip: the fields of the engine's `Trade` (fills.ts) the report shows; duration optional. */
export type ReportTrade = Pick<
  Trade,
  'symbol' | 'size' | 'entryTime' | 'exitTime' | 'entryPrice' | 'exitPrice' | 'pnl' | 'returnPct'
> & { duration?: number };

export interface BacktestReportInput {
  runId: string;
  title: string;
  params: Record<string, string | number | boolean>;
  /** Each symbol's bars; only the bars on the equity curve's stamps are drawn. */
  bars: Array<{ symbol: string; series: BarSeries }>;
  /**
   * The run's curves on one time axis (UTC ms), as run-job.ts `curves`: account value, buy & hold of
   * the same cash, and drawdown as the engine's fraction 1 − equity / running peak (0.12 = 12 % down).
   */
  equity: {
    ts: Float64Array;
    equity: Float64Array;
    buyHold: Float64Array;
    drawdown: Float64Array;
    /** A model backtest's equal-weight portfolio of the same symbols after the same costs (benchmarks.ts). */
    equalWeight?: Float64Array;
  };
  /** backtesting.py statistics by name (NaN or null = no value; a nested map is shown inline). */
  stats: Record<string, unknown>;
  trades: readonly ReportTrade[];
  /** Per-symbol totals of a portfolio run; derived from the trades when absent. */
  perSymbol?: Array<{ symbol: string; trades: number; pnl: number }>;
  /** A banner at the top of the page (e.g. an in-sample model backtest). */
  warning?: string;
  /** Extra tables shown after the statistics (cells are plain text). */
  tables?: Array<{ title: string; note?: string; head: string[]; rows: string[][] }>;
}

/** lightweight-charts time: a business day string for daily bars, else New York wall-clock seconds. */
export type ChartTime = string | number;

export interface ChartMarker {
  time: ChartTime;
  position: 'aboveBar' | 'belowBar';
  shape: 'arrowUp' | 'arrowDown' | 'circle';
  color: string;
  text: string;
}

/** What the page's script draws; embedded as JSON. Arrays are aligned to `time`; null = no value. */
export interface ReportPayload {
  runId: string;
  daily: boolean;
  symbols: string[];
  time: ChartTime[];
  equity: Array<number | null>;
  buyHold: Array<number | null>;
  /** Present when the run has an equal-weight benchmark curve. */
  equalWeight?: Array<number | null>;
  drawdownPct: Array<number | null>;
  candles: Record<
    string,
    { open: Array<number | null>; high: Array<number | null>; low: Array<number | null>; close: Array<number | null> }
  >;
  markers: Record<string, ChartMarker[]>;
  tradeCount: number;
}

export const COLORS = {
  up: '#16a34a',
  down: '#dc2626',
  equity: '#2563eb',
  buyHold: '#94a3b8',
  equalWeight: '#d97706',
} as const;

const round = (v: number, digits: number): number | null => (Number.isFinite(v) ? Number(v.toFixed(digits)) : null);

/** A trade label (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS`, New York) as naive ms, comparable with nyLocalMs. */
function labelMs(label: string): number {
  return Date.parse(label.length === 10 ? `${label}T00:00:00Z` : `${label}Z`);
}

/** Last index i with sorted[i] <= key (−1 when none). */
function floorIndex(sorted: Float64Array, key: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= key) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function alignCandles(series: BarSeries, ts: Float64Array): ReportPayload['candles'][string] {
  const n = ts.length;
  const out = {
    open: new Array<number | null>(n).fill(null),
    high: new Array<number | null>(n).fill(null),
    low: new Array<number | null>(n).fill(null),
    close: new Array<number | null>(n).fill(null),
  };
  let j = 0;
  for (let i = 0; i < n; i++) {
    while (j < series.ts.length && series.ts[j]! < ts[i]!) j++;
    if (j < series.ts.length && series.ts[j] === ts[i]) {
      out.open[i] = round(series.open[j]!, 4);
      out.high[i] = round(series.high[j]!, 4);
      out.low[i] = round(series.low[j]!, 4);
      out.close[i] = round(series.close[j]!, 4);
    }
  }
  return out;
}

/**
 * Entry arrows (long: green up below the bar; short: red down above it) and an exit dot labelled
 * with the trade's PnL. A time the symbol has no bar at (a portfolio exit forced on another symbol's
 * session) moves back to its last bar, so the marker has a candle to sit on.
 */
function tradeMarkers(
  trades: readonly ReportTrade[],
  local: Float64Array,
  candles: ReportPayload['candles'][string],
  time: ChartTime[],
): ChartMarker[] {
  const at = (label: string): ChartTime | null => {
    let i = floorIndex(local, labelMs(label));
    while (i >= 0 && candles.close[i] === null) i--;
    return i >= 0 ? time[i]! : null;
  };
  const keyed: Array<{ order: number; marker: ChartMarker }> = [];
  trades.forEach((t, k) => {
    const long = t.size > 0;
    const entry = at(t.entryTime);
    const exit = at(t.exitTime);
    if (entry !== null) {
      keyed.push({
        order: labelMs(t.entryTime) + k * 1e-6,
        marker: long
          ? { time: entry, position: 'belowBar', shape: 'arrowUp', color: COLORS.up, text: `Long ${Math.abs(t.size)}` }
          : {
              time: entry,
              position: 'aboveBar',
              shape: 'arrowDown',
              color: COLORS.down,
              text: `Short ${Math.abs(t.size)}`,
            },
      });
    }
    if (exit !== null) {
      const pnl = `${t.pnl >= 0 ? '+' : ''}${formatMoney(t.pnl, false)}`;
      // Exits sort before a same-bar entry (a reversal closes first).
      keyed.push({
        order: labelMs(t.exitTime) - 0.5 + k * 1e-6,
        marker: {
          time: exit,
          position: long ? 'aboveBar' : 'belowBar',
          shape: 'circle',
          color: t.pnl >= 0 ? COLORS.up : COLORS.down,
          text: pnl,
        },
      });
    }
  });
  return keyed.sort((a, b) => a.order - b.order).map((x) => x.marker);
}

/** The chart data for the page: every series on the equity curve's time axis. Pure. */
export function buildReportPayload(input: BacktestReportInput): ReportPayload {
  const { ts, equity, buyHold, drawdown } = input.equity;
  const daily = Array.from(ts).every((t) => nyMidnight(nyDate(t)) === t);
  const local = ts.map(nyLocalMs);
  const time: ChartTime[] = Array.from(ts, (t, i) => (daily ? nyDate(t) : local[i]! / 1000));
  // Both curves start from the same cash; rescale buy & hold if a caller's does not.
  const scale = Number.isFinite(buyHold[0]! / equity[0]!) && buyHold[0] !== 0 ? equity[0]! / buyHold[0]! : 1;
  const candles: ReportPayload['candles'] = {};
  const markers: ReportPayload['markers'] = {};
  for (const { symbol, series } of input.bars) {
    candles[symbol] = alignCandles(series, ts);
    markers[symbol] = tradeMarkers(
      input.trades.filter((t) => t.symbol === symbol),
      local,
      candles[symbol],
      time,
    );
  }
  return {
    runId: input.runId,
    daily,
    symbols: input.bars.map((b) => b.symbol),
    time,
    equity: Array.from(equity, (v) => round(v, 2)),
    buyHold: Array.from(buyHold, (v) => round(v * scale, 2)),
    ...(input.equity.equalWeight ? { equalWeight: Array.from(input.equity.equalWeight, (v) => round(v, 2)) } : {}),
    drawdownPct: Array.from(drawdown, (v) => round(0 - v * 100, 3)),
    candles,
    markers,
    tradeCount: input.trades.length,
  };
}
