import { Box, Text, useApp, useInput } from 'ink';
import type { PositionProvider } from '../lib/position-row.js';
import { fitColumns } from './columns.js';
import { ConfirmClose } from './ConfirmClose.js';
import { DetailPane } from './DetailPane.js';
import { PositionTable } from './PositionTable.js';
import { StatusLine } from './StatusLine.js';
import { Totals } from './Totals.js';
import { selectedRow } from './state.js';
import { usePositionFeed } from './use-position-feed.js';
import { useTerminalSize } from './use-terminal-size.js';
import { useViewerState } from './use-viewer-state.js';

export interface AppProps {
  provider: PositionProvider;
  refreshMs: number;
}

/** Below this size the detail pane drops its border (a box costs three lines). */
const BOXED_MIN_COLUMNS = 80;
const BOXED_MIN_ROWS = 20;

/**
 * Lines drawn around the table rows, so the rows get what is left and the frame never outgrows
 * the terminal (ink then redraws the whole screen on every refresh, which flickers): title,
 * header, two scroll hints, totals, detail, confirmation, status, help. Narrow terminals wrap
 * the totals, detail and help lines once more each.
 */
function chromeLines(columns: number, boxed: boolean): number {
  const wrapped = columns < 60 ? 3 : columns < BOXED_MIN_COLUMNS ? 1 : 0;
  return 8 + (boxed ? 3 : 1) + wrapped;
}

export function App({ provider, refreshMs }: AppProps) {
  const { state, live, dispatch } = useViewerState();
  const { close } = usePositionFeed(provider, refreshMs, dispatch);
  const { exit } = useApp();
  const { columns, rows: height } = useTerminalSize();

  useInput((input, key) => {
    const mode = live.current.mode;
    // q waits while a close order is in flight, so the command does not tear down the broker
    // under it; Ctrl-C always leaves.
    if ((key.ctrl && input === 'c') || (input === 'q' && mode.kind !== 'closing')) {
      exit();
      return;
    }
    if (mode.kind === 'confirm') {
      if (input === 'y' || input === 'Y') void close(mode.target.symbol);
      else if (input === 'n' || input === 'N' || key.escape) dispatch({ type: 'cancelClose' });
      return;
    }
    if (mode.kind === 'closing') return;
    if (key.upArrow || input === 'k') dispatch({ type: 'move', delta: -1 });
    else if (key.downArrow || input === 'j') dispatch({ type: 'move', delta: 1 });
    else if (input === 's') dispatch({ type: 'cycleSort' });
    else if (input === 'r') dispatch({ type: 'reverseSort' });
    else if (input === 'c') dispatch({ type: 'askClose' });
  });

  const selected = selectedRow(state);
  const boxed = columns >= BOXED_MIN_COLUMNS && (height === undefined || height >= BOXED_MIN_ROWS);
  const maxRows = height === undefined ? undefined : Math.max(1, height - chromeLines(columns, boxed));
  return (
    <Box flexDirection="column" width={columns}>
      <Text bold>
        ats positions <Text dimColor>(refresh every {formatSeconds(refreshMs)})</Text>
      </Text>
      {state.rows === null ? (
        <Text dimColor>Loading positions…</Text>
      ) : state.view.length === 0 ? (
        <Text>No open positions — nothing to show yet. Positions appear here once orders fill.</Text>
      ) : (
        <>
          <PositionTable
            rows={state.view}
            cursor={state.cursor}
            columns={fitColumns(columns)}
            sortKey={state.sortKey}
            sortDir={state.sortDir}
            maxRows={maxRows}
          />
          <Totals rows={state.view} />
          {selected && <DetailPane row={selected} boxed={boxed} />}
        </>
      )}
      {state.mode.kind === 'confirm' && <ConfirmClose target={state.mode.target} />}
      <StatusLine status={state.status} sortKey={state.sortKey} sortDir={state.sortDir} />
    </Box>
  );
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}
