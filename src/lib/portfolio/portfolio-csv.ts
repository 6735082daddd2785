import { join } from 'node:path';
import { appendCsv, rounded } from '../files/csv.js';
import type { PortfolioValuation } from './valuation.js';

export const PORTFOLIO_HEADER = [
  'session',
  'broker',
  'symbol',
  'qty',
  'avg_cost',
  'last',
  'market_value',
  'unrealized_pnl',
  'unrealized_pct',
  'weight',
  'realized_pnl',
  'sector',
  'asset_class',
] as const;

const cents = (v: number): number => Math.round(v * 100) / 100;
const frac = (v: number): number => Math.round(v * 1e6) / 1e6;

/** reports/portfolio.csv: one line per position per snapshot; money to the cent, fractions to 1e-6. */
export function appendPortfolioCsv(reportsDir: string, session: string, broker: string, v: PortfolioValuation): string {
  const path = join(reportsDir, 'portfolio.csv');
  appendCsv(
    path,
    PORTFOLIO_HEADER,
    v.rows.map((r) => [
      session,
      broker,
      r.symbol,
      r.qty,
      frac(r.avgCost),
      rounded(r.last, 4),
      cents(r.marketValue),
      cents(r.unrealizedPnl),
      frac(r.unrealizedPct),
      frac(r.weight),
      cents(v.realized[r.symbol] ?? 0),
      r.sector,
      r.assetClass,
    ]),
  );
  return path;
}
