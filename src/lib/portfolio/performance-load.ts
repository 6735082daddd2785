/**
 * The performance record read from the store: session marks (account_marks, written by the snapshot step; the
 * start-of-day equity marks for older records), the ledger's fills and orders, and the benchmark's closes: the
 * index symbol (SPY) buy-and-hold when its daily bars cover the period, else the equal weight of every stored
 * symbol that does (each normalised to its first close and averaged: equal starting amounts, never rebalanced).
 */
import { activeModel } from '../store/models.js';
import { evidenceOf } from '../model/model-gate.js';
import { listAccountMarks, listStartOfDayMarks, type AccountMark } from '../store/account-marks.js';
import { loadSeries, storedSymbols } from '../store/bars.js';
import { listFills } from '../store/fills.js';
import type { Store } from '../store/open.js';
import { listOrders } from '../store/orders.js';
import type { BrokerName } from '../order-types.js';
import { nyDate } from '../time.js';
import { compareWithBacktest, type CompareReport } from './performance-compare.js';
import {
  performanceReport,
  type BenchmarkCurve,
  type PerformanceGrouping,
  type PerformanceReport,
} from './performance.js';

export interface PerformanceOptions {
  broker: BrokerName;
  from?: string | undefined;
  to?: string | undefined;
  by?: PerformanceGrouping | undefined;
  /** Index symbol of the benchmark (default SPY). */
  benchmark?: string | undefined;
  compare?: boolean | undefined;
}

/** Closes of `symbol` on `sessions` (the last close at or before each), or null when the first is missing. */
function closesOn(store: Store, symbol: string, sessions: readonly string[]): Float64Array | null {
  const s = loadSeries(store, symbol);
  const out = new Float64Array(sessions.length);
  let j = -1;
  for (let i = 0; i < sessions.length; i++) {
    while (j + 1 < s.ts.length && nyDate(s.ts[j + 1]!) <= sessions[i]!) j++;
    if (j < 0 || !(s.close[j]! > 0)) return null;
    // The base must be the first session's own close: a stale one would misstate the benchmark's return.
    if (i === 0 && nyDate(s.ts[j]!) !== sessions[0]) return null;
    out[i] = s.close[j]!;
  }
  return out;
}

export function loadBenchmark(store: Store, sessions: readonly string[], index = 'SPY'): BenchmarkCurve | null {
  const own = closesOn(store, index, sessions);
  if (own) return { label: `${index} buy-and-hold`, symbols: [index], closes: own };
  const curves: Array<[string, Float64Array]> = [];
  for (const symbol of storedSymbols(store)) {
    const c = closesOn(store, symbol, sessions);
    if (c) curves.push([symbol, c]);
  }
  if (curves.length === 0) return null;
  const closes = new Float64Array(sessions.length);
  for (const [, c] of curves) for (let i = 0; i < c.length; i++) closes[i]! += c[i]! / c[0]! / curves.length;
  return {
    label: `equal-weight buy-and-hold of ${curves.length} stored symbol(s) (${index} not stored)`,
    symbols: curves.map(([s]) => s),
    closes,
  };
}

export interface PerformanceResult extends PerformanceReport {
  compare?: CompareReport;
}

export function loadPerformance(store: Store, o: PerformanceOptions): PerformanceResult {
  let marks: AccountMark[] = listAccountMarks(store, o.broker, o.from, o.to);
  let equitySource = 'account marks (equity at each session snapshot)';
  if (marks.length < 2) {
    const older = listStartOfDayMarks(store, o.broker, o.from, o.to);
    if (older.length > marks.length) {
      marks = older;
      equitySource = 'start-of-day equity marks (no session snapshots recorded)';
    }
  }
  const last = marks[marks.length - 1]?.session ?? o.to ?? '9999-99-99';
  const fills = listFills(store, o.broker).filter((f) => nyDate(f.ts) <= last);
  const orders = listOrders(store, o.broker);
  const sourceOf = new Map(orders.map((x) => [x.clientOrderId, x.source]));
  const sessions = marks.map((m) => m.session);
  const report = performanceReport({
    broker: o.broker,
    marks,
    equitySource,
    fills,
    strategyOf: (id) => sourceOf.get(id) ?? 'unknown',
    benchmark: sessions.length >= 2 ? loadBenchmark(store, sessions, o.benchmark) : null,
    by: o.by,
  });
  if (!o.compare) return report;
  const model = activeModel(store);
  return {
    ...report,
    compare: compareWithBacktest({
      from: report.from,
      to: report.to,
      record: { returnPct: report.figures.totalReturnPct, sharpe: report.figures.sharpe },
      model: model ? { id: model.id, evidence: evidenceOf(model) } : null,
      orders,
      fills,
    }),
  };
}
