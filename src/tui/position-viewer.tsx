import { render } from 'ink';
import { UsageError } from '../lib/errors.js';
import type { PositionProvider } from '../lib/position-row.js';
import { App } from './App.js';

export interface PositionViewerOptions {
  /** Reload positions this long after the previous load finished (ms). Default 2000. */
  refreshMs?: number;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
}

/** xterm's alternate screen: the viewer draws on its own page and the shell's scrollback comes back on exit. */
const ENTER_ALT_SCREEN = '\u001B[?1049h\u001B[H';
const LEAVE_ALT_SCREEN = '\u001B[?1049l';

/**
 * The live position viewer behind `ats portfolio --tui`. Resolves when the user quits (q or
 * Ctrl-C); ink restores raw mode and the cursor on unmount, and we leave the alternate screen.
 */
export async function runPositionViewer(provider: PositionProvider, opts: PositionViewerOptions = {}): Promise<void> {
  const stdout = opts.stdout ?? process.stdout;
  const stdin = opts.stdin ?? process.stdin;
  const refreshMs = opts.refreshMs ?? 2000;
  // Keys are read in raw mode, which only a terminal offers (ink would fail deep inside React).
  if (stdin.isTTY !== true)
    throw new UsageError('the position viewer needs an interactive terminal (stdin is not a TTY)');
  if (!(refreshMs > 0))
    throw new UsageError(`refresh interval must be a positive number of milliseconds, got ${refreshMs}`);
  const altScreen = stdout.isTTY === true;
  if (altScreen) stdout.write(ENTER_ALT_SCREEN);
  const instance = render(<App provider={provider} refreshMs={refreshMs} />, {
    stdin,
    stdout,
    exitOnCtrlC: true,
    patchConsole: true,
  });
  try {
    await instance.waitUntilExit();
  } finally {
    instance.cleanup();
    if (altScreen) stdout.write(LEAVE_ALT_SCREEN);
  }
}
