import type { Command } from 'commander';
import type { CommandContext } from './context.js';
import { classifyStoreError } from '../lib/store/store-errors.js';

/**
 * Wrap a command action: build the context from global + local flags, run, print the result as JSON
 * when --json is set (otherwise the command's own text rendering), and always close the store.
 */
export async function runCommand<T>(
  cmd: Command,
  body: (ctx: CommandContext, opts: Record<string, unknown>) => Promise<{ result: T; text: string; exitCode?: number }>,
): Promise<T> {
  const opts = commandOptions(cmd);
  // Loaded here, not at the top: the configuration's schema (zod) would otherwise load for `ats --help` too.
  const { createContext } = await import('./context.js');
  const ctx = createContext(opts);
  try {
    if (ctx.cfg.broker === 'alpaca' && cmd.options.some((o) => o.long === '--live')) {
      // Half a live switch is refused before any work, whatever the command goes on to do.
      const { liveRequested } = await import('../lib/broker/open-broker.js');
      liveRequested(ctx.cfg, { live: opts.live === true });
    }
    const { fixedClockMs } = await import('../lib/market/clock.js');
    ctx.fixClock(fixedClockMs(ctx.cfg));
    const { result, text, exitCode } = await body(ctx, opts);
    // undefined: the command printed its results as they came (one JSON line per update).
    if (ctx.cfg.json) {
      if (result !== undefined) ctx.out(JSON.stringify(result, jsonReplacer, 2));
    } else if (text !== '') ctx.out(ctx.scrub(text));
    if (exitCode !== undefined && exitCode !== 0) process.exitCode = exitCode;
    return result;
  } catch (err) {
    throw classifyStoreError(err, ctx.cfg.db) ?? err;
  } finally {
    ctx.close();
  }
}

/**
 * The program's global options, a parent command's options, and this command's own. Its own win; a parent's
 * value of the same option counts only when the user typed it (`ats portfolio close X --broker alpaca` is parsed
 * by `portfolio`), never a parent's default: `train import` must not inherit `train`'s `--no-activate` default.
 */
function commandOptions(cmd: Command): Record<string, unknown> {
  const merged = cmd.optsWithGlobals<Record<string, unknown>>();
  const own = cmd.opts<Record<string, unknown>>();
  for (const o of cmd.options) {
    const name = o.attributeName();
    if (own[name] !== undefined) merged[name] = own[name];
    else if (!typedByUser(cmd.parent, name)) delete merged[name];
  }
  return merged;
}

function typedByUser(cmd: Command | null, name: string): boolean {
  for (let c = cmd; c !== null; c = c.parent) {
    const source = c.getOptionValueSource(name);
    if (source !== undefined && source !== 'default') return true;
  }
  return false;
}

/** NaN and ±Infinity are not JSON: print them as null. */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  if (value instanceof Float64Array) return Array.from(value);
  return value;
}
