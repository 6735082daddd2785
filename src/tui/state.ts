import { repriceRow } from '../lib/position-row.js';
import type { PositionRow, PriceTick } from '../lib/position-row.js';
import { DEFAULT_DIR, nextSortKey, sortRows, type SortDir, type SortKey } from './sort.js';

/**
 * The viewer's state and every transition, as a pure reducer: the ink components only render it
 * and the effects (load, close) only dispatch into it.
 */

export interface Status {
  readonly text: string;
  readonly tone: 'info' | 'success' | 'error';
  /** Which activity wrote it: a successful refresh clears only its own earlier error. */
  readonly source: 'load' | 'close';
}

/** The position a confirmation is about, frozen when `c` was pressed so a refresh cannot retarget it. */
export interface CloseTarget {
  readonly symbol: string;
  readonly qty: number;
}

export type Mode =
  { kind: 'browse' } | { kind: 'confirm'; target: CloseTarget } | { kind: 'closing'; target: CloseTarget };

export interface ViewerState {
  /** null until the first load answers. */
  readonly rows: readonly PositionRow[] | null;
  readonly sortKey: SortKey;
  readonly sortDir: SortDir;
  /** Rows in display order (rows sorted by sortKey/sortDir). */
  readonly view: readonly PositionRow[];
  /** The selection follows the position (by symbol) across refreshes and re-sorts ... */
  readonly selected: string | null;
  /** ... and falls back to the same screen line when that position disappears (e.g. it was closed). */
  readonly cursor: number;
  readonly mode: Mode;
  readonly status: Status | null;
}

export type Action =
  | { type: 'loaded'; rows: readonly PositionRow[] }
  | { type: 'loadFailed'; message: string }
  | { type: 'price'; tick: PriceTick }
  | { type: 'move'; delta: number }
  | { type: 'cycleSort' }
  | { type: 'reverseSort' }
  | { type: 'askClose' }
  | { type: 'cancelClose' }
  | { type: 'closeStarted' }
  | { type: 'closeDone'; message: string }
  | { type: 'closeFailed'; message: string };

export function initialState(sortKey: SortKey = 'value'): ViewerState {
  return {
    rows: null,
    sortKey,
    sortDir: DEFAULT_DIR[sortKey],
    view: [],
    selected: null,
    cursor: 0,
    mode: { kind: 'browse' },
    status: null,
  };
}

/** Re-derive the view and put the selection back on a real row. */
function reselect(state: ViewerState, preferCursor = false): ViewerState {
  const view = sortRows(state.rows ?? [], state.sortKey, state.sortDir);
  const bySymbol = preferCursor ? -1 : view.findIndex((r) => r.symbol === state.selected);
  const cursor =
    view.length === 0 ? 0 : bySymbol >= 0 ? bySymbol : Math.min(Math.max(0, state.cursor), view.length - 1);
  return { ...state, view, cursor, selected: view[cursor]?.symbol ?? null };
}

export function selectedRow(state: ViewerState): PositionRow | undefined {
  return state.view[state.cursor];
}

export function viewerReducer(state: ViewerState, action: Action): ViewerState {
  switch (action.type) {
    case 'loaded': {
      const keepStatus = state.status?.source === 'load' && state.status.tone === 'error' ? null : state.status;
      return reselect({ ...state, rows: action.rows, status: keepStatus });
    }
    case 'price': {
      const { symbol, price, at } = action.tick;
      if (!state.rows?.some((r) => r.symbol === symbol)) return state;
      const rows = state.rows.map((r) => (r.symbol === symbol ? repriceRow(r, price, at) : r));
      return reselect({ ...state, rows });
    }
    case 'loadFailed':
      return { ...state, status: { text: `Refresh failed: ${action.message}`, tone: 'error', source: 'load' } };
    case 'move':
      if (state.mode.kind !== 'browse') return state;
      return reselect({ ...state, cursor: state.cursor + action.delta }, true);
    case 'cycleSort': {
      const sortKey = nextSortKey(state.sortKey);
      return reselect({ ...state, sortKey, sortDir: DEFAULT_DIR[sortKey] });
    }
    case 'reverseSort':
      return reselect({ ...state, sortDir: state.sortDir === 'asc' ? 'desc' : 'asc' });
    case 'askClose': {
      const row = selectedRow(state);
      if (state.mode.kind !== 'browse' || !row) return state;
      return { ...state, mode: { kind: 'confirm', target: { symbol: row.symbol, qty: row.qty } } };
    }
    case 'cancelClose':
      return state.mode.kind === 'confirm' ? { ...state, mode: { kind: 'browse' } } : state;
    case 'closeStarted':
      if (state.mode.kind !== 'confirm') return state;
      return {
        ...state,
        mode: { kind: 'closing', target: state.mode.target },
        status: { text: `Closing ${state.mode.target.symbol}…`, tone: 'info', source: 'close' },
      };
    case 'closeDone':
      return { ...state, mode: { kind: 'browse' }, status: { text: action.message, tone: 'success', source: 'close' } };
    case 'closeFailed':
      return {
        ...state,
        mode: { kind: 'browse' },
        status: { text: `Close failed: ${action.message}`, tone: 'error', source: 'close' },
      };
  }
}
