import { Text } from 'ink';
import type { PositionRow } from '../lib/position-row.js';
import { formatMoney, pnlColor } from './format.js';

export interface PortfolioTotals {
  marketValue: number;
  unrealizedPnl: number;
  count: number;
}

/** Sums over the rows; a row whose number is missing (NaN) is left out of that sum, not poisoning it. */
export function summarize(rows: readonly PositionRow[]): PortfolioTotals {
  let marketValue = 0;
  let unrealizedPnl = 0;
  for (const r of rows) {
    if (Number.isFinite(r.marketValue)) marketValue += r.marketValue;
    if (Number.isFinite(r.unrealizedPnl)) unrealizedPnl += r.unrealizedPnl;
  }
  return { marketValue, unrealizedPnl, count: rows.length };
}

export function Totals({ rows }: { rows: readonly PositionRow[] }) {
  const t = summarize(rows);
  return (
    <Text wrap="wrap">
      <Text bold>Total </Text>
      {`value ${formatMoney(t.marketValue)}  unrealized PnL `}
      <Text color={pnlColor(t.unrealizedPnl)}>{formatMoney(t.unrealizedPnl, { signed: true })}</Text>
      {`  ${t.count} position${t.count === 1 ? '' : 's'}`}
    </Text>
  );
}
