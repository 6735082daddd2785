import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { nyDate } from '../time.js';
import type { BarSeries } from '../types.js';
import type { Store } from '../store/open.js';
import { saveBacktestRun } from '../store/backtests.js';
import { appendPnl } from '../files/pnl-csv.js';
import { runBacktest } from './engine.js';
import { runPortfolioBacktest, type SymbolBreakdown } from './portfolio-engine.js';
import type { BacktestOptions } from './options.js';
import type { BacktestStats } from './stats.js';
import type { Trade } from './fills.js';
import type { Strategy } from './strategy.js';
import { closeFillSeries, tradesAtClose } from './trade-on-close.js';

export interface BacktestJob {
  series: BarSeries[];
  strategy: Strategy;
  options: BacktestOptions;
  /** Everything that defines the run, saved with it and shown in the report. */
  params: Record<string, string | number | boolean>;
  /** Fill each decision at its own bar's close (trade-on-close.ts) instead of the next bar's open. */
  tradeOnClose?: boolean;
}

export interface EquityPoint {
  date: string;
  equity: number;
  buyHold: number;
  drawdownPct: number;
}

export interface BacktestJobResult {
  id: string;
  strategy: string;
  symbols: string[];
  stats: BacktestStats;
  trades: Trade[];
  equity: EquityPoint[];
  perSymbol: Record<string, { trades: number; pnl: number }>;
  /** Raw curves for the report. */
  curves: { ts: Float64Array; equity: Float64Array; buyHold: Float64Array; drawdown: Float64Array };
}

/** Run one or several symbols (a shared-cash portfolio when several). Pure: no I/O. */
export function executeBacktest(job: BacktestJob, createdAt: number): BacktestJobResult {
  const symbols = job.series.map((s) => s.symbol);
  const cash = job.options.cash ?? 10_000;
  const series = job.tradeOnClose ? job.series.map(closeFillSeries) : job.series;
  const relabel = (trades: Trade[], ts: Float64Array): Trade[] =>
    job.tradeOnClose ? tradesAtClose(trades, ts) : trades;
  if (series.length === 1) {
    const r = runBacktest(series[0]!, job.strategy, job.options);
    const pnl = r.trades.reduce((s, t) => s + t.pnl, 0);
    return finish(
      job,
      createdAt,
      symbols,
      r.strategy,
      r.stats,
      relabel(r.trades, r.ts),
      r.ts,
      r.equity,
      r.drawdown,
      buyHoldCurve(job.series, r.ts, cash),
      {
        [symbols[0]!]: { trades: r.trades.length, pnl },
      },
    );
  }
  const p = runPortfolioBacktest(series, job.strategy, job.options);
  const perSymbol = Object.fromEntries(
    Object.entries(p.perSymbol).map(([s, b]: [string, SymbolBreakdown]) => [
      s,
      { trades: b.trades.length, pnl: b.pnl },
    ]),
  );
  return finish(
    job,
    createdAt,
    symbols,
    p.strategy,
    p.stats,
    relabel(p.trades, p.ts),
    p.ts,
    p.equity,
    p.drawdown,
    buyHoldCurve(job.series, p.ts, cash),
    perSymbol,
  );
}

function finish(
  job: BacktestJob,
  createdAt: number,
  symbols: string[],
  strategy: string,
  stats: BacktestStats,
  trades: Trade[],
  ts: Float64Array,
  equity: Float64Array,
  drawdown: Float64Array,
  buyHold: Float64Array,
  perSymbol: BacktestJobResult['perSymbol'],
): BacktestJobResult {
  const id = runId(createdAt, symbols, job.params);
  const points: EquityPoint[] = Array.from(ts, (t, i) => ({
    date: nyDate(t),
    equity: equity[i]!,
    buyHold: buyHold[i]!,
    drawdownPct: -drawdown[i]! * 100,
  }));
  return { id, strategy, symbols, stats, trades, equity: points, perSymbol, curves: { ts, equity, buyHold, drawdown } };
}

/**
 * Buy & hold of the same cash, equal weight across symbols, on the run's bars: each symbol's close
 * relative to its first close in the window (carried forward on days it has no bar).
 */
export function buyHoldCurve(seriesList: readonly BarSeries[], ts: Float64Array, cash: number): Float64Array {
  const out = new Float64Array(ts.length);
  for (const s of seriesList) {
    let j = 0;
    let base = NaN;
    let last = NaN;
    for (let i = 0; i < ts.length; i++) {
      while (j < s.ts.length && s.ts[j]! <= ts[i]!) last = s.close[j++]!;
      if (Number.isNaN(base) && !Number.isNaN(last)) base = last;
      out[i]! += Number.isNaN(base) ? cash / seriesList.length : ((cash / seriesList.length) * last) / base;
    }
  }
  return out;
}

/** `bt-YYYYMMDD-HHMMSS-xxxxxx`: sortable by time, and the suffix tells parameter sets apart. */
export function runId(createdAt: number, symbols: readonly string[], params: Record<string, unknown>): string {
  const stamp = new Date(createdAt).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const hash = createHash('sha256').update(JSON.stringify({ symbols, params, createdAt })).digest('hex').slice(0, 6);
  return `bt-${stamp}-${hash}`;
}

/** Save the run and its trades in the store, and append realized trades to reports/pnl.csv. */
export function recordBacktest(
  store: Store,
  result: BacktestJobResult,
  job: BacktestJob,
  createdAt: number,
  reportsDir: string,
  reportPath: string | null,
): string {
  const first = result.equity[0]?.date ?? '';
  const last = result.equity[result.equity.length - 1]?.date ?? '';
  saveBacktestRun(
    store,
    {
      id: result.id,
      createdAt,
      strategy: result.strategy,
      symbols: result.symbols,
      params: job.params,
      dataFrom: first,
      dataTo: last,
      stats: result.stats as unknown as Record<string, unknown>,
      reportPath,
    },
    result.trades,
  );
  return appendPnl(
    reportsDir,
    result.trades.map((t) => ({
      date: t.exitTime.slice(0, 10),
      source: 'backtest' as const,
      ref: result.id,
      symbol: t.symbol,
      side: t.size > 0 ? ('long' as const) : ('short' as const),
      qty: Math.abs(t.size),
      entryPrice: t.entryPrice,
      exitPrice: t.exitPrice,
      pnl: t.pnl,
      returnPct: t.returnPct,
    })),
  );
}

export function defaultReportPath(reportsDir: string, id: string): string {
  return join(reportsDir, `backtest-${id}.html`);
}
