import type { PositionRow } from '../lib/position-row.js';

/** The columns `s` cycles through, in order. */
export const SORT_KEYS = ['symbol', 'value', 'pnl', 'weight'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = 'asc' | 'desc';

export const SORT_LABELS: Record<SortKey, string> = { symbol: 'symbol', value: 'value', pnl: 'PnL', weight: 'weight' };

/** Numbers read a trader expects largest first; names read A to Z. */
export const DEFAULT_DIR: Record<SortKey, SortDir> = { symbol: 'asc', value: 'desc', pnl: 'desc', weight: 'desc' };

function numericKey(row: PositionRow, key: Exclude<SortKey, 'symbol'>): number {
  if (key === 'value') return row.marketValue;
  if (key === 'pnl') return row.unrealizedPnl;
  return row.weight;
}

function compareSymbols(a: PositionRow, b: PositionRow): number {
  return a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0;
}

/**
 * A sorted copy (the input is not touched). Ties fall back to symbol A→Z so the order is stable
 * across refreshes; missing numbers (NaN) always sink to the bottom whatever the direction.
 */
export function sortRows(rows: readonly PositionRow[], key: SortKey, dir: SortDir): PositionRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (key === 'symbol') return sign * compareSymbols(a, b);
    const x = numericKey(a, key);
    const y = numericKey(b, key);
    const xMissing = Number.isNaN(x);
    const yMissing = Number.isNaN(y);
    if (xMissing || yMissing) return xMissing === yMissing ? compareSymbols(a, b) : xMissing ? 1 : -1;
    return x === y ? compareSymbols(a, b) : sign * (x < y ? -1 : 1);
  });
}

/** The key after `key` in SORT_KEYS, wrapping around. */
export function nextSortKey(key: SortKey): SortKey {
  const index = SORT_KEYS.indexOf(key);
  return SORT_KEYS[(index + 1) % SORT_KEYS.length] ?? 'symbol';
}
