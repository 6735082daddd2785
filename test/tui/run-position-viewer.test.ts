import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { runPositionViewer } from '../../src/tui/position-viewer.js';
import { InMemoryProvider } from './fixtures/positions.js';
import { fakeTerminal } from './fake-terminal.js';
import { KEYS, stripAnsi } from './ink-helpers.js';
import { waitFor } from '../helpers/wait.js';
import { UsageError } from '../../src/lib/errors.js';

const ENTER_ALT_SCREEN = '\u001B[?1049h';
const LEAVE_ALT_SCREEN = '\u001B[?1049l';
/** Fast enough to see refreshes, slow enough not to starve a loaded machine of the renders the test waits for. */
const REFRESH_MS = 100;

for (const [name, key] of [
  ['q', 'q'],
  ['Ctrl-C', KEYS.ctrlC],
] as const) {
  test(`${name} ends runPositionViewer and restores the terminal (raw mode off, alternate screen left)`, async (t) => {
    const provider = new InMemoryProvider();
    const term = fakeTerminal();
    let settled = false;
    const viewer = runPositionViewer(provider, { ...term.streams, refreshMs: REFRESH_MS }).finally(
      () => (settled = true),
    );
    // A failed assertion must not leave the viewer refreshing forever (the test process would never end).
    t.after(async () => {
      if (!settled) term.stdin.write(KEYS.ctrlC);
      await viewer.catch(() => {});
    });
    // ink listens to the keys (raw mode on) and two refreshes have come since. Not "the table is on screen": under
    // CI=true ink draws only the last frame, when the viewer ends (checked below).
    await waitFor(() => provider.loads >= 3 && term.stdin.rawModeCalls.includes(true), {
      what: 'raw mode and two refreshes',
      describe: () => `loads ${provider.loads}`,
    });
    assert.equal(settled, false, 'the viewer waits for the user');
    term.stdin.write(key);
    await waitFor(() => settled, { what: 'the viewer to end' });
    await viewer;
    assert.ok(term.stdout.output.startsWith(ENTER_ALT_SCREEN), 'draws on the alternate screen');
    assert.ok(term.stdout.output.endsWith(LEAVE_ALT_SCREEN), 'and leaves it last');
    assert.equal(term.stdin.rawModeCalls[0], true);
    assert.equal(term.stdin.rawModeCalls.at(-1), false, 'raw mode is switched off again');
    assert.match(stripAnsi(term.stdout.output), /MSFT/);
    // No timer survives the exit: the provider is not asked again. Not a wait for an event but a proof
    // of absence: Node runs timers in the order they fall due, so a refresh timer (REFRESH_MS) the viewer
    // left behind would fire, and count a load, before this later one, however slow the machine.
    const loads = provider.loads;
    await sleep(5 * REFRESH_MS);
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
