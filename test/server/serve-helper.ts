/** Start `ats serve` as a child process (the real CLI) and read the URL it prints. */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { waitFor } from '../helpers/wait.js';

export const BIN = join(process.cwd(), 'bin', 'ats.js');
export const SESSION = '2023-12-29';
export const SYMBOLS = 'AAPL,MSFT,NVDA,TSLA';

export interface ServeChild {
  url: string;
  child: ChildProcess;
  stderr: () => string;
  stop: () => Promise<number | null>;
}

/**
 * A store as `make run` fills it: the sample daily with trading on paper (the gate forced open, as pipeline tests
 * do), once per session given (two sessions give the performance record its two marks).
 */
export function fillStore(cwd: string, sessions: readonly string[] = [SESSION]): void {
  for (const session of sessions) fillSession(cwd, session);
}

function fillSession(cwd: string, session: string): void {
  const r = spawnSync(
    process.execPath,
    [
      BIN,
      'daily',
      '--symbols',
      SYMBOLS,
      '--days',
      '1000',
      '--asof',
      session,
      '--trade',
      '--force-model',
      '--threshold',
      '0.5',
      '--quiet',
    ],
    { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd }, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`daily failed: ${r.stderr}`);
}

export async function startServe(cwd: string, args: string[], env: Record<string, string> = {}): Promise<ServeChild> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: cwd, ATS_ASOF: SESSION, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b) => (stdout += b));
  child.stderr.on('data', (b) => (stderr += b));
  let code: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.once('close', (c) => {
      code = c;
      resolve(c);
    }),
  );
  const url = await waitFor(
    () => {
      if (code !== undefined) throw new Error(`serve exited ${code}: ${stderr}`);
      return /dashboard on (\S+)/.exec(stdout)?.[1];
    },
    { what: 'the dashboard URL', describe: () => stderr },
  );
  return {
    url,
    child,
    stderr: () => stderr,
    stop: async () => {
      if (code === undefined) child.kill('SIGTERM');
      return exited;
    },
  };
}
