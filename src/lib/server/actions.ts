/**
 * Dashboard actions that run the CLI itself as a child process (`daily` on paper, `verify`), one at a time, with
 * every output line sent to the pages as an `action` event. `daily` keeps its own lock in the store, so a run
 * started from cron at the same time is refused by the child, not by us.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { EventHub } from './event-hub.js';

export type CliAction = 'daily' | 'verify';

export interface ActionRunnerOptions {
  /** node and the CLI entry (bin/ats.js). */
  node: string;
  cli: string;
  db: string;
  cwd: string;
  hub: EventHub;
  scrub: (text: string) => string;
  /** After a child ends (reload positions). */
  onDone?: (kind: CliAction, code: number | null) => void;
}

export const ACTION_ARGS: Record<CliAction, string[]> = {
  daily: ['daily', '--broker', 'paper', '--trade'],
  verify: ['verify'],
};

export class ActionRunner {
  private running: { id: number; kind: CliAction } | null = null;
  private nextId = 1;

  constructor(private readonly o: ActionRunnerOptions) {}

  busy(): { id: number; kind: CliAction } | null {
    return this.running;
  }

  /** Start `kind` (with `args` after its own); null when another action is still running. */
  start(kind: CliAction, args: string[] = []): { id: number } | null {
    if (this.running) return null;
    const id = this.nextId++;
    this.running = { id, kind };
    const child = spawn(this.o.node, [this.o.cli, ...ACTION_ARGS[kind], ...args, '--db', this.o.db], {
      cwd: this.o.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const send = (line: string): void => this.o.hub.send('action', { id, kind, line: this.o.scrub(line) });
    createInterface({ input: child.stdout }).on('line', send);
    createInterface({ input: child.stderr }).on('line', send);
    const finish = (code: number | null, error?: string): void => {
      if (this.running?.id !== id) return;
      this.running = null;
      if (error) send(error);
      this.o.hub.send('action', { id, kind, done: true, ok: code === 0, code });
      this.o.onDone?.(kind, code);
    };
    child.on('error', (err) => finish(null, `could not start: ${err.message}`));
    child.on('close', (code) => finish(code));
    return { id };
  }
}
