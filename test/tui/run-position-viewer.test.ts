import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { runPositionViewer } from '../../src/tui/position-viewer.js';
import { InMemoryProvider } from './fixtures/positions.js';
import { fakeTerminal } from './fake-terminal.js';
import { KEYS, stripAnsi } from './ink-helpers.js';
import { UsageError } from '../../src/lib/errors.js';

const ENTER_ALT_SCREEN = '\u001B[?1049h';
const LEAVE_ALT_SCREEN = '\u001B[?1049l';

/** Resolves to 'exited' when the viewer's promise settles, or 'still running' after `ms`. */
async function settlesWithin(viewer: Promise<void>, ms: number): Promise<'exited' | 'still running'> {
  const timer = new AbortController();
  const timeout = sleep(ms, 'still running' as const, { signal: timer.signal }).catch(() => 'still running' as const);
  try {
    return await Promise.race([viewer.then(() => 'exited' as const), timeout]);
  } finally {
    timer.abort();
  }
}

async function untilLoaded(provider: InMemoryProvider): Promise<void> {
  for (let i = 0; i < 100 && provider.loads === 0; i++) await sleep(10);
  await sleep(50);
}

for (const [name, key] of [
  ['q', 'q'],
  ['Ctrl-C', KEYS.ctrlC],
] as const) {
  test(`${name} ends runPositionViewer and restores the terminal (raw mode off, alternate screen left)`, async () => {
    const provider = new InMemoryProvider();
    const term = fakeTerminal();
    const viewer = runPositionViewer(provider, { ...term.streams, refreshMs: 20 });
    await untilLoaded(provider);
    assert.equal(await settlesWithin(viewer, 200), 'still running', 'the viewer waits for the user');
    term.stdin.write(key);
    assert.equal(await settlesWithin(viewer, 2000), 'exited');
    assert.ok(term.stdout.output.startsWith(ENTER_ALT_SCREEN), 'draws on the alternate screen');
    assert.ok(term.stdout.output.endsWith(LEAVE_ALT_SCREEN), 'and leaves it last');
    assert.equal(term.stdin.rawModeCalls[0], true);
    assert.equal(term.stdin.rawModeCalls.at(-1), false, 'raw mode is switched off again');
    assert.match(stripAnsi(term.stdout.output), /MSFT/);
    // No timer survives the exit: the provider is not asked again.
    const loads = provider.loads;
    await sleep(100);
    assert.equal(provider.loads, loads);
  });
}

test('without a terminal on stdin (or with a nonsense interval) it refuses with a UsageError before drawing', async () => {
  const term = fakeTerminal();
  term.stdin.isTTY = false;
  await assert.rejects(
    runPositionViewer(new InMemoryProvider(), term.streams),
    (err: unknown) => err instanceof UsageError && /not a TTY/.test(err.message),
  );
  const tty = fakeTerminal();
  await assert.rejects(runPositionViewer(new InMemoryProvider(), { ...tty.streams, refreshMs: 0 }), UsageError);
  assert.equal(term.stdout.output + tty.stdout.output, '');
});
