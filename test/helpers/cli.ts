import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { GENEROUS_MS } from './wait.js';

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd: string;
  env?: Record<string, string>;
  /** Kill a stuck child after this long (default: generous, several times a slow machine's worst run). */
  timeoutMs?: number;
  /** Options for node itself, before the script (e.g. `--import` of a test-only module). */
  nodeArgs?: string[];
  uid?: number;
  gid?: number;
}

/** The test-only module that makes a child kill itself at a named point (see crash-preload.ts). */
export const CRASH_PRELOAD = ['--import', join(process.cwd(), 'dist', 'test', 'helpers', 'crash-preload.js')];

/** Run the real CLI (bin/ats.js → dist) in `cwd` with a clean environment plus `env`. */
export function runCli(args: string[], opts: CliOptions): Promise<CliResult> {
  const bin = join(process.cwd(), 'bin', 'ats.js');
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: opts.cwd, ...opts.env };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), bin, ...args], {
      cwd: opts.cwd,
      env,
      uid: opts.uid,
      gid: opts.gid,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const limit = opts.timeoutMs ?? 3 * GENEROUS_MS;
    const timer = setTimeout(() => {
      stderr += `\n[runCli: still running after ${limit} ms, killed]`;
      child.kill('SIGKILL');
    }, limit);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
