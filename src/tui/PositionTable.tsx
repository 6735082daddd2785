import { Box, Text } from 'ink';
import type { PositionRow } from '../lib/position-row.js';
import { fitCell, pnlColor } from './format.js';
import { GAP, MARKER_WIDTH, visibleWindow, type Column, type ColumnId } from './columns.js';
import type { SortDir, SortKey } from './sort.js';

const SORTED_COLUMN: Record<SortKey, ColumnId> = {
  symbol: 'symbol',
  value: 'marketValue',
  pnl: 'pnl',
  weight: 'weight',
};

export interface PositionTableProps {
  rows: readonly PositionRow[];
  cursor: number;
  columns: readonly Column[];
  sortKey: SortKey;
  sortDir: SortDir;
  /** How many data rows fit on screen; undefined = all. */
  maxRows: number | undefined;
}

function Cells({ row, columns }: { row: PositionRow; columns: readonly Column[] }) {
  return (
    <>
      {columns.map((c, i) => (
        <Text key={c.id} color={c.id === 'pnl' ? pnlColor(row.unrealizedPnl) : undefined}>
          {i > 0 ? ' '.repeat(GAP) : ''}
          {fitCell(c.cell(row), c.width, c.align)}
        </Text>
      ))}
    </>
  );
}

export function PositionTable({ rows, cursor, columns, sortKey, sortDir, maxRows }: PositionTableProps) {
  const arrow = sortDir === 'asc' ? '↑' : '↓';
  const header = columns
    .map((c) => fitCell(c.id === SORTED_COLUMN[sortKey] ? `${c.title} ${arrow}` : c.title, c.width, c.align))
    .join(' '.repeat(GAP));
  const { start, end } = visibleWindow(rows.length, cursor, maxRows);
  return (
    <Box flexDirection="column">
      <Text bold dimColor>
        {' '.repeat(MARKER_WIDTH)}
        {header}
      </Text>
      {start > 0 && <Text dimColor>{`  ↑ ${start} more`}</Text>}
      {rows.slice(start, end).map((row, i) => {
        const selected = start + i === cursor;
        return (
          <Box key={row.symbol}>
            <Text bold={selected} color="cyan">
              {selected ? '> ' : '  '}
            </Text>
            <Text bold={selected}>
              <Cells row={row} columns={columns} />
            </Text>
          </Box>
        );
      })}
      {end < rows.length && <Text dimColor>{`  ↓ ${rows.length - end} more`}</Text>}
    </Box>
  );
}
