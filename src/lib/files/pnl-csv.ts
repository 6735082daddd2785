import { join } from 'node:path';
import { appendCsv, rounded } from './csv.js';

/** reports/pnl.csv: every realized trade PnL, from backtests and from the portfolio, one ledger. */
export const PNL_HEADER = [
  'date',
  'source',
  'ref',
  'symbol',
  'side',
  'qty',
  'entry_price',
  'exit_price',
  'pnl',
  'return_pct',
] as const;

export interface PnlRow {
  date: string;
  source: 'backtest' | 'portfolio' | 'evaluator';
  ref: string;
  symbol: string;
  side: 'long' | 'short';
  qty: number;
  entryPrice: number;
  exitPrice: number;
  pnl: number;
  returnPct: number;
}

export function appendPnl(reportsDir: string, rows: readonly PnlRow[]): string {
  const path = join(reportsDir, 'pnl.csv');
  appendCsv(
    path,
    PNL_HEADER,
    rows.map((r) => [
      r.date,
      r.source,
      r.ref,
      r.symbol,
      r.side,
      r.qty,
      rounded(r.entryPrice, 4),
      rounded(r.exitPrice, 4),
      rounded(r.pnl, 2),
      rounded(r.returnPct, 6),
    ]),
  );
  return path;
}
