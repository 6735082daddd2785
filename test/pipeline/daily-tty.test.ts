import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DAILY_STEP_NAMES } from '../../src/lib/pipeline/chain.js';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '../helpers/wait.js';

/**
 * `ats daily` on a real terminal (a private tmux server on a socket in a temp dir): one live step list, and once it
 * ends every step is on screen exactly once — no half-drawn list, no second table of steps.
 */
test('ats daily on a terminal: each step shown exactly once', { timeout: 120_000 }, async (t) => {
  if (spawnSync('tmux', ['-V']).error) {
    t.skip('tmux is not installed (apt-get install -y tmux)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'ats-daily-tty-'));
  const socket = join(dir, 'tmux.sock');
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '', HOME: dir, TERM: 'xterm-256color' };
  const tmux = (...args: string[]): string => {
    const r = spawnSync('tmux', ['-S', socket, ...args], { encoding: 'utf8', env });
    if (r.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  t.after(() => {
    spawnSync('tmux', ['-S', socket, 'kill-server'], { env });
    rmSync(dir, { recursive: true, force: true });
  });
  const bin = join(process.cwd(), 'bin', 'ats.js');
  const daily = 'daily --symbols AAPL --days 300 --skip train,playbook,orders';
  const script = `cd "${dir}" && "$0" "$1" ${daily}; echo "daily exit status $?"; exec sleep 600`;
  tmux('new-session', '-d', '-s', 'daily', '-x', '120', '-y', '50', '/bin/sh', '-c', script, process.execPath, bin);
  const capture = (): string => tmux('capture-pane', '-p', '-S', '-200', '-t', 'daily');
  const screen = await waitFor(
    () => {
      const shown = capture();
      return shown.includes('daily exit status') ? shown : null;
    },
    {
      what: 'the daily run to end on screen',
      timeoutMs: 100_000,
      intervalMs: 100,
      describe: capture,
    },
  );
  assert.match(screen, /daily exit status 0/);
  const lines = screen.split('\n');
  for (const step of DAILY_STEP_NAMES) {
    const shown = lines.filter((l) => new RegExp(`^\\s*\\S+\\s+${step}\\s`).test(l));
    assert.equal(shown.length, 1, `${step}:\n${screen}`);
  }
  assert.ok(!lines.some((l) => /^▶/.test(l)), `a running marker is left on screen:\n${screen}`);
  assert.match(screen, /\[1\/1\] AAPL: 300 new[\s\S]*✓ verify/, 'log lines stay above the step list');
});
