import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { metricsText } from '../src/lib/metrics/export.js';
import { StreamStatus } from '../src/lib/metrics/stream-status.js';
import { saveAccountMark } from '../src/lib/store/account-marks.js';
import { upsertBars } from '../src/lib/store/bars.js';
import { insertSnapshot } from '../src/lib/store/snapshots.js';
import { fillCount, lastBarTimes, latestSnapshotRows, orderCountsByStatus } from '../src/lib/store/metrics-queries.js';
import { openStore, type Store } from '../src/lib/store/open.js';
import type { BenchResult } from './types.js';

const SYMBOLS = 500;
const SESSIONS = 252;
const DAY = 86_400_000;

/** A store with 500 symbols × a year of daily bars and a 500-position snapshot. */
function fill(store: Store): void {
  const start = Date.UTC(2024, 0, 2);
  const rows = [];
  for (let s = 0; s < SYMBOLS; s++) {
    const symbol = `S${String(s).padStart(3, '0')}`;
    const bars = Array.from({ length: SESSIONS }, (_, i) => ({
      symbol,
      timeframe: '1d' as const,
      ts: start + i * DAY,
      open: 10,
      high: 11,
      low: 9,
      close: 10,
      volume: 1000,
      vwap: 10,
      trades: 10,
    }));
    upsertBars(store, bars, 'bench');
    const p = { symbol, qty: 10, avgCost: 10, last: 11, marketValue: 110, unrealizedPnl: 10, unrealizedPct: 0.1 };
    rows.push({ ...p, weight: 0, sector: null, assetClass: 'stock' });
  }
  insertSnapshot(store, 'paper', '2024-12-31', rows, {}, Date.now());
  saveAccountMark(store, 'paper', { session: '2024-12-31', equity: 100_000, cash: 45_000 }, Date.now());
}

async function bestMs(fn: () => unknown, runs = 7): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/** One /metrics scrape (store reads + prom-client registry + text) beside the store reads alone. */
export async function benchMetricsScrape(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ats-bench-metrics-'));
  const store = openStore(join(dir, 'ats.db'));
  try {
    fill(store);
    const input = {
      store,
      cfg: { broker: 'paper' as const, maxDailyLossPct: 5 },
      now: Date.now(),
      stream: new StreamStatus(),
    };
    const reads = () => {
      orderCountsByStatus(store, 'paper');
      fillCount(store, 'paper');
      lastBarTimes(store, '1d');
      latestSnapshotRows(store, 'paper');
    };
    // Alternate sides, best of several runs each.
    let scrape = Infinity;
    let baseline = Infinity;
    for (let round = 0; round < 3; round++) {
      baseline = Math.min(baseline, await bestMs(reads));
      scrape = Math.min(scrape, await bestMs(() => metricsText(input)));
    }
    return [
      {
        name: `metrics scrape (${SYMBOLS} symbols × ${SESSIONS} bars, ${SYMBOLS} positions)`,
        value: scrape,
        unit: 'ms',
        baseline,
        ratio: scrape / baseline,
        note: 'baseline: the store reads alone',
      },
    ];
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
