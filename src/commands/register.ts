import type { Command } from 'commander';
import { registerCollect } from './collect.js';
import { registerBackfill } from './backfill.js';
import { registerQuality } from './quality.js';
import { registerVerify } from './verify.js';
import { registerDaily } from './daily.js';

/** Every subcommand. Command modules import only light code at the top; heavy work loads in the action. */
export function registerCommands(program: Command): void {
  registerDaily(program);
  registerCollect(program);
  registerBackfill(program);
  registerQuality(program);
  registerVerify(program);
}
