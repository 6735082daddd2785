import { Box, Text } from 'ink';
import { SORT_LABELS, type SortDir, type SortKey } from './sort.js';
import type { Status } from './state.js';

const TONE_COLOR = { info: undefined, success: 'green', error: 'red' } as const;

export interface StatusLineProps {
  status: Status | null;
  sortKey: SortKey;
  sortDir: SortDir;
}

/** The last result or error (one line, wrapped when long) and the key help. */
export function StatusLine({ status, sortKey, sortDir }: StatusLineProps) {
  const arrow = sortDir === 'asc' ? '↑' : '↓';
  return (
    <Box flexDirection="column">
      {status && <Text color={TONE_COLOR[status.tone]}>{status.text}</Text>}
      <Text dimColor>{`↑/↓ select · c close · s sort (${SORT_LABELS[sortKey]} ${arrow}) · r reverse · q quit`}</Text>
    </Box>
  );
}
