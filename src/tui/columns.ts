import type { PositionRow } from '../lib/position-row.js';
import { distanceTo } from '../lib/portfolio/protection.js';
import { formatClock, formatLevel, formatMoney, formatPct, formatPrice, formatQty } from './format.js';

export type ColumnId =
  'symbol' | 'qty' | 'avgCost' | 'last' | 'marketValue' | 'pnl' | 'weight' | 'stop' | 'target' | 'entry' | 'updated';

export interface Column {
  readonly id: ColumnId;
  readonly title: string;
  readonly width: number;
  readonly align: 'left' | 'right';
  /** Lower stays longer: on a narrow terminal the highest numbers are dropped first. */
  readonly priority: number;
  readonly cell: (row: PositionRow) => string;
}

/** Display order, left to right. */
export const COLUMNS: readonly Column[] = [
  { id: 'symbol', title: 'Symbol', width: 8, align: 'left', priority: 0, cell: (r) => r.symbol },
  { id: 'qty', title: 'Qty', width: 10, align: 'right', priority: 3, cell: (r) => formatQty(r.qty) },
  { id: 'avgCost', title: 'Avg cost', width: 11, align: 'right', priority: 6, cell: (r) => formatPrice(r.avgCost) },
  { id: 'last', title: 'Last', width: 11, align: 'right', priority: 5, cell: (r) => formatPrice(r.last) },
  {
    id: 'marketValue',
    title: 'Mkt value',
    width: 14,
    align: 'right',
    priority: 2,
    cell: (r) => formatMoney(r.marketValue),
  },
  {
    id: 'pnl',
    title: 'Unrl PnL',
    width: 13,
    align: 'right',
    priority: 1,
    cell: (r) => formatMoney(r.unrealizedPnl, { signed: true }),
  },
  { id: 'weight', title: 'Weight', width: 8, align: 'right', priority: 4, cell: (r) => formatPct(r.weight) },
  {
    id: 'stop',
    title: 'Stop (room)',
    width: 16,
    align: 'right',
    priority: 7,
    cell: (r) => formatLevel(r.stopPrice, distanceTo(r.stopPrice, r.last, 'stop', r.qty)),
  },
  {
    id: 'target',
    title: 'Target (room)',
    width: 16,
    align: 'right',
    priority: 8,
    cell: (r) => formatLevel(r.takeProfitPrice, distanceTo(r.takeProfitPrice, r.last, 'takeProfit', r.qty)),
  },
  { id: 'updated', title: 'Updated', width: 8, align: 'right', priority: 9, cell: (r) => formatClock(r.updatedAt) },
  { id: 'entry', title: 'Entry', width: 10, align: 'right', priority: 10, cell: (r) => r.entryDate ?? '—' },
];

/** Cells between columns, and the selection marker ("> ") in front of each row. */
export const GAP = 1;
export const MARKER_WIDTH = 2;

export function tableWidth(columns: readonly Column[]): number {
  return MARKER_WIDTH + columns.reduce((sum, c) => sum + c.width, 0) + GAP * Math.max(0, columns.length - 1);
}

/**
 * The columns that fit in `terminalWidth`, in display order. Columns are dropped whole (lowest
 * priority first) rather than squeezed, so every number that is shown stays readable; a
 * narrower, less important column may still fill room a wider one left. The symbol column
 * always stays.
 */
export function fitColumns(terminalWidth: number): Column[] {
  const byPriority = [...COLUMNS].sort((a, b) => a.priority - b.priority);
  const kept = new Set<ColumnId>();
  for (const column of byPriority) {
    const candidate = COLUMNS.filter((c) => kept.has(c.id) || c.id === column.id);
    if (kept.size === 0 || tableWidth(candidate) <= terminalWidth) kept.add(column.id);
  }
  return COLUMNS.filter((c) => kept.has(c.id));
}

/**
 * Which slice of `total` rows to draw when only `maxRows` fit: keeps `selected` in view and
 * roughly centred. `maxRows` undefined means the terminal height is unknown — draw everything.
 */
export function visibleWindow(
  total: number,
  selected: number,
  maxRows: number | undefined,
): { start: number; end: number } {
  if (maxRows === undefined || total <= maxRows) return { start: 0, end: total };
  const rows = Math.max(1, maxRows);
  const start = Math.min(Math.max(0, selected - Math.floor(rows / 2)), total - rows);
  return { start, end: start + rows };
}
