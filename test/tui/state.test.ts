import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialState, selectedRow, viewerReducer, type Action, type ViewerState } from '../../src/tui/state.js';
import { positionRows } from './fixtures/positions.js';

const rows = positionRows(); // value order: MSFT, AAPL, TSLA (see fixtures/positions.ts)
const run = (state: ViewerState, ...actions: Action[]) => actions.reduce(viewerReducer, state);
const loaded = () => run(initialState(), { type: 'loaded', rows });

test('the selection follows the position when the order changes', () => {
  const s = run(loaded(), { type: 'move', delta: 1 }); // AAPL
  assert.equal(s.selected, 'AAPL');
  const bySymbol = run(s, { type: 'cycleSort' }, { type: 'cycleSort' }, { type: 'cycleSort' }); // symbol ↑: AAPL first
  assert.deepEqual(
    bySymbol.view.map((r) => r.symbol),
    ['AAPL', 'MSFT', 'TSLA'],
  );
  assert.equal(bySymbol.cursor, 0);
  assert.equal(selectedRow(bySymbol)?.symbol, 'AAPL');
});

test('when the selected position disappears the cursor stays on the same line (clamped)', () => {
  const onTsla = run(loaded(), { type: 'move', delta: 5 });
  assert.equal(onTsla.selected, 'TSLA');
  assert.equal(onTsla.cursor, 2, 'moves clamp at the bottom');
  const afterClose = run(onTsla, { type: 'loaded', rows: rows.filter((r) => r.symbol !== 'TSLA') });
  assert.equal(afterClose.selected, 'AAPL');
  const empty = run(afterClose, { type: 'loaded', rows: [] });
  assert.equal(empty.selected, null);
  assert.equal(selectedRow(empty), undefined);
  assert.equal(run(empty, { type: 'askClose' }).mode.kind, 'browse', 'nothing to close');
});

test('the close target is frozen when asked and only a confirmation can start the close', () => {
  assert.equal(run(loaded(), { type: 'closeStarted' }).mode.kind, 'browse');
  const asked = run(loaded(), { type: 'askClose' });
  assert.deepEqual(asked.mode, { kind: 'confirm', target: { symbol: 'MSFT', qty: 5 } });
  const refreshed = run(
    asked,
    { type: 'loaded', rows: rows.filter((r) => r.symbol !== 'MSFT') },
    { type: 'move', delta: 1 },
  );
  assert.deepEqual(
    refreshed.mode,
    { kind: 'confirm', target: { symbol: 'MSFT', qty: 5 } },
    'refresh and keys do not retarget',
  );
  const closing = run(refreshed, { type: 'closeStarted' });
  assert.equal(closing.mode.kind, 'closing');
  assert.equal(closing.status?.text, 'Closing MSFT…');
  assert.equal(run(closing, { type: 'closeStarted' }), closing, 'a second y does nothing');
  assert.equal(run(asked, { type: 'cancelClose' }).mode.kind, 'browse');
});

test('a good refresh clears its own earlier error but not the last close result', () => {
  const failed = run(loaded(), { type: 'loadFailed', message: 'timeout' });
  assert.deepEqual(failed.status, { text: 'Refresh failed: timeout', tone: 'error', source: 'load' });
  assert.equal(run(failed, { type: 'loaded', rows }).status, null);
  const closed = run(
    loaded(),
    { type: 'askClose' },
    { type: 'closeStarted' },
    { type: 'closeDone', message: 'Closed MSFT' },
  );
  assert.deepEqual(run(closed, { type: 'loaded', rows }).status, {
    text: 'Closed MSFT',
    tone: 'success',
    source: 'close',
  });
  const refused = run(
    loaded(),
    { type: 'askClose' },
    { type: 'closeStarted' },
    { type: 'closeFailed', message: 'halted' },
  );
  assert.equal(refused.status?.text, 'Close failed: halted');
  assert.equal(refused.status?.tone, 'error');
  assert.equal(refused.mode.kind, 'browse');
});

test('a streamed price reprices its row (value, PnL, PnL %, weight, update time) and keeps the selection', () => {
  const held = [
    {
      symbol: 'AAPL',
      qty: 10,
      avgCost: 150,
      last: 190,
      marketValue: 1900,
      unrealizedPnl: 400,
      unrealizedPct: 400 / 1500,
      weight: 0.4,
      sector: null,
      assetClass: 'us_equity',
    },
    {
      symbol: 'MSFT',
      qty: 5,
      avgCost: 300,
      last: 410,
      marketValue: 2050,
      unrealizedPnl: 550,
      unrealizedPct: 550 / 1500,
      weight: 0.5,
      sector: null,
      assetClass: 'us_equity',
    },
  ];
  let s = viewerReducer(initialState('symbol'), { type: 'loaded', rows: held });
  s = viewerReducer(s, { type: 'move', delta: 1 });
  s = viewerReducer(s, { type: 'price', tick: { symbol: 'AAPL', price: 200, at: 1234 } });
  const aapl = s.rows!.find((r) => r.symbol === 'AAPL')!;
  assert.deepEqual(
    [aapl.last, aapl.marketValue, aapl.unrealizedPnl, aapl.unrealizedPct, aapl.updatedAt],
    [200, 2000, 500, 500 / 1500, 1234],
  );
  assert.ok(Math.abs(aapl.weight - (0.4 * 2000) / 1900) < 1e-12);
  assert.equal(s.selected, 'MSFT');
  assert.equal(
    viewerReducer(s, { type: 'price', tick: { symbol: 'TSLA', price: 1, at: 1 } }),
    s,
    'not held: no change',
  );
});
