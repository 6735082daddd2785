import type { Command } from 'commander';
import { createContext, type CommandContext } from './context.js';

/**
 * Wrap a command action: build the context from global + local flags, run, print the result as JSON
 * when --json is set (otherwise the command's own text rendering), and always close the store.
 */
export async function runCommand<T>(
  cmd: Command,
  body: (ctx: CommandContext, opts: Record<string, unknown>) => Promise<{ result: T; text: string; exitCode?: number }>,
): Promise<T> {
  const opts = cmd.optsWithGlobals<Record<string, unknown>>();
  const ctx = createContext(opts);
  try {
    const { fixedClockMs } = await import('../lib/market/clock.js');
    ctx.fixClock(fixedClockMs(ctx.cfg));
    const { result, text, exitCode } = await body(ctx, opts);
    if (ctx.cfg.json) ctx.out(JSON.stringify(result, jsonReplacer, 2));
    else if (text !== '') ctx.out(ctx.scrub(text));
    if (exitCode !== undefined && exitCode !== 0) process.exitCode = exitCode;
    return result;
  } finally {
    ctx.close();
  }
}

/** NaN and ±Infinity are not JSON: print them as null. */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  if (value instanceof Float64Array) return Array.from(value);
  return value;
}
