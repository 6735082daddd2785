import { setTimeout as sleep } from 'node:timers/promises';

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
 * Type keys one at a time with a pause after each: ink parses stdin on 'readable' and React
 * re-renders asynchronously, so back-to-back writes would race the frame we assert on.
 */
export async function press(stdin: { write: (data: string) => void }, ...keys: string[]): Promise<void> {
  for (const key of keys) {
    stdin.write(key);
    await sleep(50);
  }
}

/** Poll the latest frame until `predicate` holds; fail with the last frame shown. */
export async function waitForFrame(
  lastFrame: () => string | undefined,
  predicate: (plain: string, raw: string) => boolean,
  what: string,
  timeoutMs = 3000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const raw = lastFrame() ?? '';
    const plain = stripAnsi(raw);
    if (predicate(plain, raw)) return plain;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last frame:\n${plain}`);
    await sleep(20);
  }
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
