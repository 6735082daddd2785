import { setImmediate as nextTurn } from 'node:timers/promises';
import { waitFor } from '../helpers/wait.js';

/** Escape sequences a terminal sends for the keys the viewer uses. */
export const KEYS = { up: '\u001B[A', down: '\u001B[B', escape: '\u001B', ctrlC: '\u0003' } as const;

export const RED = '\u001B[31m';
export const GREEN = '\u001B[32m';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001B\[[0-9;]*m/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/**
 * Type keys one at a time. ink handles a key synchronously inside the write (its legacy React root commits
 * the state update before write returns), but a lone Esc is only told apart from the start of an escape
 * sequence on the next event-loop turn (ink's setImmediate), so each key gets that turn before the next:
 * no clock involved, only the order of the event loop.
 */
export async function press(stdin: { write: (data: string) => void }, ...keys: string[]): Promise<void> {
  for (const key of keys) {
    stdin.write(key);
    await nextTurn();
  }
}

/** Poll the latest frame until `predicate` holds; fail with the last frame shown. */
export async function waitForFrame(
  lastFrame: () => string | undefined,
  predicate: (plain: string, raw: string) => boolean,
  what: string,
  timeoutMs?: number,
): Promise<string> {
  const seen = await waitFor(
    () => {
      const raw = lastFrame() ?? '';
      const plain = stripAnsi(raw);
      return predicate(plain, raw) ? { plain } : null;
    },
    { what, timeoutMs, describe: () => `last frame:\n${stripAnsi(lastFrame() ?? '')}` },
  );
  return seen.plain;
}

/** Symbols of the table rows, top to bottom, and which one carries the "> " selection marker. */
export function tableOrder(frame: string): { symbols: string[]; selected: string | undefined } {
  const rows = stripAnsi(frame)
    .split('\n')
    .map((line) => /^(>| ) ([A-Z.]+)\s+[-\d]/.exec(line))
    .filter((m) => m !== null);
  return { symbols: rows.map((m) => m[2] ?? ''), selected: rows.find((m) => m[1] === '>')?.[2] };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether `text` is drawn in `color` (ink may put the cell's padding inside the colour). */
export function isColoured(raw: string, color: string, text: string): boolean {
  return new RegExp(`${escapeRegExp(color)} *${escapeRegExp(text)}`).test(raw);
}
