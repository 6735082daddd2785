import type { Trade } from '../trade.js';
import type { Store } from './open.js';

export interface BacktestRunRecord {
  id: string;
  createdAt: number;
  strategy: string;
  symbols: string[];
  params: Record<string, unknown>;
  dataFrom: string;
  dataTo: string;
  stats: Record<string, unknown>;
  reportPath: string | null;
}

/** A run and all its trades in one transaction. NaN stats are stored as null (JSON has no NaN). */
export function saveBacktestRun(store: Store, run: BacktestRunRecord, trades: readonly Trade[]): void {
  const insertRun = store.db.prepare(
    `INSERT INTO backtest_runs (id, created_at, strategy, symbols, params, data_from, data_to, stats, report_path)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertTrade = store.db.prepare(
    `INSERT INTO backtest_trades (run_id, seq, symbol, size, entry_bar, exit_bar, entry_time, exit_time,
       entry_price, exit_price, pnl, return_pct, commission, duration) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  store.db.transaction(() => {
    insertRun.run(
      run.id,
      run.createdAt,
      run.strategy,
      JSON.stringify(run.symbols),
      JSON.stringify(run.params),
      run.dataFrom,
      run.dataTo,
      JSON.stringify(run.stats, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)),
      run.reportPath,
    );
    trades.forEach((t, i) =>
      insertTrade.run(
        run.id,
        i,
        t.symbol,
        t.size,
        t.entryBar,
        t.exitBar,
        t.entryTime,
        t.exitTime,
        t.entryPrice,
        t.exitPrice,
        t.pnl,
        t.returnPct,
        t.commission,
        t.duration,
      ),
    );
  })();
}

export function loadBacktestRun(store: Store, id: string): BacktestRunRecord | null {
  const row = store.db
    .prepare<
      [string],
      {
        id: string;
        created_at: number;
        strategy: string;
        symbols: string;
        params: string;
        data_from: string;
        data_to: string;
        stats: string;
        report_path: string | null;
      }
    >('SELECT * FROM backtest_runs WHERE id = ?')
    .get(id);
  if (!row) return null;
  return {
    id: row.id,
    createdAt: row.created_at,
    strategy: row.strategy,
    symbols: JSON.parse(row.symbols) as string[],
    params: JSON.parse(row.params) as Record<string, unknown>,
    dataFrom: row.data_from,
    dataTo: row.data_to,
    stats: JSON.parse(row.stats) as Record<string, unknown>,
    reportPath: row.report_path,
  };
}

export function countBacktestTrades(store: Store, id: string): number {
  return (
    store.db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM backtest_trades WHERE run_id = ?').get(id)
      ?.n ?? 0
  );
}

export function latestBacktestRun(store: Store): BacktestRunRecord | null {
  const row = store.db
    .prepare<[], { id: string }>('SELECT id FROM backtest_runs ORDER BY created_at DESC, id DESC LIMIT 1')
    .get();
  return row ? loadBacktestRun(store, row.id) : null;
}
