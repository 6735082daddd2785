/**
 * The performance record of the paper or live account (pure): the equity curve of the session marks, the ledger's
 * round trips, fees and turnover, through the backtest's statistics (one implementation), beside a benchmark.
 * JSON-ready: the dashboard renders it as is.
 */
import { sessionCurveStats, type CurveTrade } from '../backtest/curve-stats.js';
import type { BacktestStats } from '../backtest/stats.js';
import { DataError } from '../errors.js';
import type { AccountMark } from '../store/account-marks.js';
import type { LedgerFill } from '../store/fills.js';
import { nyDate } from '../time.js';
import { figuresOf, type PerformanceFigures } from './performance-figures.js';
import { roundTrips, type RoundTrip } from './performance-trades.js';

export type PerformanceGrouping = 'symbol' | 'strategy' | 'month';

export interface BenchmarkCurve {
  /** "SPY buy-and-hold" or "equal-weight of N stored symbols". */
  label: string;
  symbols: string[];
  /** Aligned to the marks' sessions. */
  closes: Float64Array;
}

export interface PerformanceInput {
  broker: string;
  marks: readonly AccountMark[];
  equitySource: string;
  /** The broker's fills up to the period's end, in arrival order (earlier ones open the trades they close). */
  fills: readonly LedgerFill[];
  /** Strategy of an order (its placing source when nothing finer is recorded). */
  strategyOf: (clientOrderId: string) => string;
  benchmark: BenchmarkCurve | null;
  by?: PerformanceGrouping | undefined;
}

export interface PerformanceGroup {
  key: string;
  trades: number;
  pnl: number;
  winRatePct: number;
  fees: number;
  /** --by month: the month's return on the equity curve, in percent. */
  returnPct?: number;
}

export interface PerformanceReport {
  broker: string;
  from: string;
  to: string;
  sessions: number;
  equitySource: string;
  cashFlows: string;
  figures: PerformanceFigures;
  benchmark: { label: string; symbols: string[]; figures: PerformanceFigures } | null;
  /** The shared statistics in full (the backtest report's names). */
  stats: BacktestStats;
  curve: Array<{ session: string; equity: number; drawdownPct: number; benchmark: number | null }>;
  by?: PerformanceGrouping;
  groups?: PerformanceGroup[];
  /** Symbols still held at the end (their open trades are not in the trade figures). */
  openAtEnd: string[];
}

/** Index of the last session ≤ s (0 when s precedes them all). */
function indexAtOrBefore(sessions: readonly string[], s: string): number {
  let lo = 0;
  let hi = sessions.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sessions[mid]! <= s) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function groupRows(
  by: PerformanceGrouping,
  trips: readonly RoundTrip[],
  fills: readonly LedgerFill[],
  input: PerformanceInput,
  sessions: readonly string[],
  equity: Float64Array,
): PerformanceGroup[] {
  const keyOfTrip = (t: RoundTrip): string =>
    by === 'symbol' ? t.symbol : by === 'strategy' ? input.strategyOf(t.openOrderId) : t.exitSession.slice(0, 7);
  const keyOfFill = (f: LedgerFill): string =>
    by === 'symbol' ? f.symbol : by === 'strategy' ? input.strategyOf(f.clientOrderId) : nyDate(f.ts).slice(0, 7);
  const groups = new Map<string, PerformanceGroup & { wins: number }>();
  const group = (key: string) => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, trades: 0, pnl: 0, winRatePct: Number.NaN, fees: 0, wins: 0 }));
    return g;
  };
  for (const t of trips) {
    const g = group(keyOfTrip(t));
    g.trades++;
    g.pnl += t.pnl;
    if (t.pnl > 0) g.wins++;
  }
  for (const f of fills) group(keyOfFill(f)).fees += f.commission;
  if (by === 'month') {
    // Month return: its last equity over the previous month's last (the first mark for the first month).
    let base = equity[0]!;
    for (let i = 0; i < sessions.length; i++) {
      const month = sessions[i]!.slice(0, 7);
      if (i + 1 < sessions.length && sessions[i + 1]!.slice(0, 7) === month) continue;
      group(month).returnPct = (equity[i]! / base - 1) * 100;
      base = equity[i]!;
    }
  }
  return [...groups.values()]
    .sort((a, b) => a.key.localeCompare(b.key))
    .map(({ wins, ...g }) => ({ ...g, winRatePct: g.trades ? (wins / g.trades) * 100 : Number.NaN }));
}

export function performanceReport(input: PerformanceInput): PerformanceReport {
  const { marks } = input;
  if (marks.length < 2) {
    throw new DataError(
      `the ${input.broker} record has ${marks.length} session mark(s) in the period; performance needs at least 2 ` +
        '(the daily snapshot step records one a session: ats portfolio snapshot)',
    );
  }
  const sessions = marks.map((m) => m.session);
  const equity = Float64Array.from(marks, (m) => m.equity);
  const from = sessions[0]!;
  const to = sessions[sessions.length - 1]!;
  const inPeriod = (s: string): boolean => s >= from && s <= to;
  const { closed, open } = roundTrips(input.fills);
  const trips = closed.filter((t) => inPeriod(t.exitSession));
  const curveTrades: CurveTrade[] = trips.map((t) => ({
    symbol: t.symbol,
    entryBar: indexAtOrBefore(sessions, t.entrySession),
    exitBar: indexAtOrBefore(sessions, t.exitSession),
    pnl: t.pnl,
    returnPct: t.returnPct,
    commission: t.commission,
  }));
  const periodFills = input.fills.filter((f) => inPeriod(nyDate(f.ts)));
  const fees = periodFills.reduce((s, f) => s + f.commission, 0);
  const notional = periodFills.reduce((s, f) => s + Math.abs(f.qty * f.price), 0);
  const stats = sessionCurveStats({
    sessions,
    equity,
    trades: curveTrades,
    ...(input.benchmark ? { benchmark: input.benchmark.closes } : {}),
  });
  const figures = figuresOf(stats, { sessions, equity, pnls: trips.map((t) => t.pnl), tradedNotional: notional, fees });
  let benchmark: PerformanceReport['benchmark'] = null;
  let benchEquity: Float64Array | null = null;
  if (input.benchmark) {
    const c = input.benchmark.closes;
    benchEquity = Float64Array.from(c, (x) => (x / c[0]!) * equity[0]!);
    const bStats = sessionCurveStats({ sessions, equity: benchEquity, trades: [] });
    benchmark = {
      label: input.benchmark.label,
      symbols: input.benchmark.symbols,
      figures: figuresOf(bStats, { sessions, equity: benchEquity, pnls: [], tradedNotional: 0, fees: 0 }),
    };
  }
  let peak = -Infinity;
  const curve = sessions.map((session, i) => {
    peak = Math.max(peak, equity[i]!);
    return {
      session,
      equity: equity[i]!,
      drawdownPct: (equity[i]! / peak - 1) * 100,
      benchmark: benchEquity?.[i] ?? null,
    };
  });
  return {
    broker: input.broker,
    from,
    to,
    sessions: sessions.length,
    equitySource: input.equitySource,
    cashFlows: 'none recorded (the store keeps no deposits or withdrawals: returns assume none)',
    figures,
    benchmark,
    stats,
    curve,
    ...(input.by ? { by: input.by, groups: groupRows(input.by, trips, periodFills, input, sessions, equity) } : {}),
    openAtEnd: open,
  };
}
