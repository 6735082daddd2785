import './force-color.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useEffect } from 'react';
import { render, cleanup } from 'ink-testing-library';
import { App } from '../../src/tui/App.js';
import { InMemoryProvider } from './fixtures/positions.js';
import { GREEN, KEYS, RED, isColoured, press, tableOrder, waitForFrame } from './ink-helpers.js';
import { waitFor } from '../helpers/wait.js';

// Expected numbers are hand-computed in test/tui/fixtures/positions.ts.

test.afterEach(() => cleanup());

/** Long refresh: only the initial load and explicit reloads happen unless a test asks for ticks. */
function mount(provider: InMemoryProvider, refreshMs = 60_000) {
  let unmounted = false;
  const ui = render(
    <>
      <App provider={provider} refreshMs={refreshMs} />
      <UnmountProbe onUnmount={() => (unmounted = true)} />
    </>,
  );
  const loaded = () => waitForFrame(ui.lastFrame, (f) => f.includes('Total'), 'the first load');
  return { ...ui, loaded, exited: () => unmounted };
}

/** Tells when ink tore the tree down (useApp().exit() unmounts everything). */
function UnmountProbe({ onUnmount }: { onUnmount: () => void }) {
  useEffect(() => onUnmount, [onUnmount]);
  return null;
}

async function waitForExit(exited: () => boolean): Promise<boolean> {
  return waitFor(exited, { what: 'the viewer to unmount' });
}

test('renders every position, coloured PnL and the totals line', async () => {
  const ui = mount(new InMemoryProvider());
  const frame = await ui.loaded();
  const lines = frame.split('\n');
  const line = (symbol: string) => lines.find((l) => l.includes(` ${symbol} `)) ?? '';
  assert.match(line('MSFT'), /5\s+\$300\.00\s+\$410\.00\s+\$2,050\.00\s+\+\$550\.00\s+36\.94%/);
  assert.match(line('AAPL'), /10\s+\$150\.00\s+\$190\.00\s+\$1,900\.00\s+\+\$400\.00\s+34\.23%/);
  assert.match(line('TSLA'), /8\s+\$250\.00\s+\$200\.00\s+\$1,600\.00\s+-\$400\.00\s+28\.83%/);
  assert.match(frame, /Total value \$5,550\.00\s+unrealized PnL \+\$550\.00\s+3 positions/);
  const raw = ui.lastFrame() ?? '';
  assert.ok(isColoured(raw, GREEN, '+$550.00'), 'gains are green');
  assert.ok(isColoured(raw, RED, '-$400.00'), 'losses are red');
  assert.ok(!isColoured(raw, RED, '+$400.00') && !isColoured(raw, GREEN, '-$400.00'), 'and not the other way round');
});

test('default order is market value, largest first; s cycles the sort column and r reverses it', async () => {
  const ui = mount(new InMemoryProvider());
  assert.deepEqual(tableOrder(await ui.loaded()).symbols, ['MSFT', 'AAPL', 'TSLA']);
  await press(ui.stdin, 's', 's', 's'); // value -> PnL -> weight -> symbol
  let frame = await waitForFrame(ui.lastFrame, (f) => f.includes('sort (symbol ↑)'), 'symbol sort');
  assert.deepEqual(tableOrder(frame).symbols, ['AAPL', 'MSFT', 'TSLA']);
  await press(ui.stdin, 'r');
  frame = await waitForFrame(ui.lastFrame, (f) => f.includes('sort (symbol ↓)'), 'reversed symbol sort');
  assert.deepEqual(tableOrder(frame).symbols, ['TSLA', 'MSFT', 'AAPL']);
  await press(ui.stdin, 's', 's', 'r'); // symbol -> value -> PnL, then smallest first
  frame = await waitForFrame(ui.lastFrame, (f) => f.includes('sort (PnL ↑)'), 'PnL ascending');
  assert.deepEqual(tableOrder(frame).symbols, ['TSLA', 'AAPL', 'MSFT']);
});

test('arrow keys and j/k move the selection and the detail pane follows it', async () => {
  const ui = mount(new InMemoryProvider());
  let frame = await ui.loaded();
  assert.equal(tableOrder(frame).selected, 'MSFT');
  assert.match(frame, /MSFT\s+Sector Technology\s+Asset class us_equity\s+Cost basis \$1,500\.00\s+PnL % \+36\.67%/);
  await press(ui.stdin, KEYS.down);
  frame = await waitForFrame(ui.lastFrame, (f) => tableOrder(f).selected === 'AAPL', 'AAPL selected');
  assert.match(frame, /AAPL\s+Sector Technology\s+Asset class us_equity\s+Cost basis \$1,500\.00\s+PnL % \+26\.67%/);
  await press(ui.stdin, 'j');
  frame = await waitForFrame(ui.lastFrame, (f) => tableOrder(f).selected === 'TSLA', 'TSLA selected');
  assert.match(frame, /TSLA\s+Sector unknown\s+Asset class us_equity\s+Cost basis \$2,000\.00\s+PnL % -20\.00%/);
  await press(ui.stdin, KEYS.down); // already at the bottom: stays
  await press(ui.stdin, KEYS.up);
  await waitForFrame(ui.lastFrame, (f) => tableOrder(f).selected === 'AAPL', 'back up to AAPL');
  await press(ui.stdin, 'k');
  await waitForFrame(ui.lastFrame, (f) => tableOrder(f).selected === 'MSFT', 'back up to MSFT');
});

test('c asks, y closes the selected position once, shows the result and reloads', async () => {
  const provider = new InMemoryProvider();
  const ui = mount(provider);
  await ui.loaded();
  await press(ui.stdin, KEYS.down, 'c');
  await waitForFrame(ui.lastFrame, (f) => f.includes('Close AAPL (10 shares)? y/n'), 'the confirmation');
  assert.deepEqual(provider.closed, [], 'nothing is closed before y');
  await press(ui.stdin, 'y', 'y');
  const frame = await waitForFrame(
    ui.lastFrame,
    (f) => f.includes('Closed AAPL: sold 10 shares at market') && f.includes('2 positions'),
    'close result and reload',
  );
  assert.deepEqual(provider.closed, ['AAPL']);
  assert.deepEqual(tableOrder(frame).symbols, ['MSFT', 'TSLA']);
  assert.doesNotMatch(frame, /y\/n/);
  assert.match(frame, /Total value \$3,650\.00\s+unrealized PnL \+\$150\.00/);
});

test('keys typed faster than React re-renders still see the newest state (c then y in the same tick)', async () => {
  const provider = new InMemoryProvider();
  const ui = mount(provider);
  await ui.loaded();
  ui.stdin.write('c');
  ui.stdin.write('y');
  await waitForFrame(ui.lastFrame, (f) => f.includes('Closed MSFT'), 'the close result');
  assert.deepEqual(provider.closed, ['MSFT']);
});

test('n and Esc cancel the confirmation without closing anything', async () => {
  const provider = new InMemoryProvider();
  const ui = mount(provider);
  await ui.loaded();
  for (const cancel of ['n', KEYS.escape]) {
    await press(ui.stdin, 'c');
    await waitForFrame(ui.lastFrame, (f) => f.includes('Close MSFT (5 shares)? y/n'), 'the confirmation');
    await press(ui.stdin, cancel);
    await waitForFrame(ui.lastFrame, (f) => !f.includes('y/n'), 'the confirmation to go away');
  }
  await press(ui.stdin, 'y'); // a stray y outside a confirmation does nothing
  assert.deepEqual(provider.closed, []);
  assert.equal(tableOrder(ui.lastFrame() ?? '').symbols.length, 3);
});

test('a failing close shows its error in red and keeps the position', async () => {
  const provider = new InMemoryProvider();
  provider.failClose = 'market is closed';
  const ui = mount(provider);
  await ui.loaded();
  await press(ui.stdin, 'c', 'y');
  await waitForFrame(
    ui.lastFrame,
    (_f, raw) => isColoured(raw, RED, 'Close failed: market is closed'),
    'the red error',
  );
  assert.deepEqual(provider.closed, ['MSFT']);
  assert.deepEqual(tableOrder(ui.lastFrame() ?? '').symbols, ['MSFT', 'AAPL', 'TSLA']);
});

test('load errors show in the status line, the viewer keeps running and recovers on the next refresh', async () => {
  const provider = new InMemoryProvider();
  provider.failLoad = 'database is locked';
  const ui = mount(provider, 50);
  await waitForFrame(
    ui.lastFrame,
    (_f, raw) => isColoured(raw, RED, 'Refresh failed: database is locked'),
    'the red load error',
  );
  provider.failLoad = null;
  const frame = await waitForFrame(ui.lastFrame, (f) => f.includes('3 positions'), 'recovery');
  assert.doesNotMatch(frame, /Refresh failed/);
});

test('refreshes pick up new prices on their own', async () => {
  const provider = new InMemoryProvider();
  const ui = mount(provider, 50);
  await ui.loaded();
  const msft = provider.holdings.find((h) => h.symbol === 'MSFT');
  assert.ok(msft);
  msft.last = 420; // 5 × 420 = 2,100; PnL 2,100 − 1,500 = +600
  await waitForFrame(ui.lastFrame, (f) => /\$2,100\.00\s+\+\$600\.00/.test(f), 'the new MSFT price');
});

test('an empty portfolio gets a friendly message instead of a table', async () => {
  const ui = mount(new InMemoryProvider([]));
  const frame = await waitForFrame(ui.lastFrame, (f) => f.includes('No open positions'), 'the empty message');
  assert.doesNotMatch(frame, /Symbol/);
  await press(ui.stdin, 'c', 'y'); // nothing to close
});

test('q quits; while a close is in flight q is held until it settles', async () => {
  const quick = mount(new InMemoryProvider());
  await quick.loaded();
  await press(quick.stdin, 'q');
  assert.equal(await waitForExit(quick.exited), true, 'q quits');

  const provider = new InMemoryProvider();
  let release = () => {};
  const realClose = provider.close.bind(provider);
  provider.close = (symbol) => new Promise<string>((resolve) => (release = () => resolve(realClose(symbol))));
  const ui = mount(provider);
  await ui.loaded();
  await press(ui.stdin, 'c', 'y', 'q');
  await waitForFrame(ui.lastFrame, (f) => f.includes('Closing MSFT…'), 'the pending close');
  assert.equal(ui.exited(), false);
  release();
  await waitForFrame(ui.lastFrame, (f) => f.includes('Closed MSFT'), 'the close result');
  await press(ui.stdin, 'q');
  assert.equal(await waitForExit(ui.exited), true);
});
