import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from '../helpers/wait.js';
import { startFakePolygon } from '../fakes/polygon-server.js';
import { KEY } from '../helpers/polygon.js';
import { openPaperCondor } from '../helpers/paper-condor.js';

/**
 * The viewer in a real terminal: tmux runs the compiled fixture (fixtures/run-viewer.js, three
 * in-memory positions) in a detached 120×30 pane; we read the screen with capture-pane and type
 * with send-keys. A private tmux server on a socket in a temp dir (-S) keeps this away from any
 * tmux the user runs, and the socket file goes with the dir.
 */

let socket = '';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'run-viewer.js');
const SESSION = 'viewer';

function tmuxEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TERM: process.env['TERM'] || 'xterm-256color' };
  delete env['TMUX'];
  return env;
}

function tmux(...args: string[]): string {
  const r = spawnSync('tmux', ['-S', socket, ...args], { encoding: 'utf8', env: tmuxEnv() });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`tmux ${args.join(' ')} failed: ${r.stderr.trim()}`);
  return r.stdout;
}

function tmuxMissing(): string | null {
  const r = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
  return r.error
    ? `tmux is not installed (${r.error.message}); install it (apt-get install -y tmux) to run this test`
    : null;
}

const screen = () => tmux('capture-pane', '-p', '-t', SESSION);

/** Poll the pane until `predicate` holds (no fixed sleeps: CI machines vary a lot). */
async function waitForScreen(predicate: (text: string) => boolean, what: string): Promise<string> {
  const seen = await waitFor(
    () => {
      const text = screen();
      return predicate(text) ? { text } : null;
    },
    { what, intervalMs: 100, describe: () => `screen:\n${screen()}` },
  );
  return seen.text;
}

/**
 * A private tmux server on a socket in a fresh temp dir, killed and removed after the test; null (test
 * skipped with the reason printed) when tmux is not installed.
 */
function privateTmux(t: { skip: (msg: string) => void; after: (fn: () => void) => void }): string | null {
  const missing = tmuxMissing();
  if (missing) {
    console.log(`skipping tmux test: ${missing}`);
    t.skip(missing);
    return null;
  }
  const dir = mkdtempSync(join(tmpdir(), 'ats-tmux-'));
  socket = join(dir, 'tmux.sock');
  t.after(() => {
    spawnSync('tmux', ['-S', socket, 'kill-server'], { env: tmuxEnv() }); // kill first: the socket is its address
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

test(
  'in a real terminal (tmux): table on screen, Down + c + y closes AAPL, q ends the process',
  { timeout: 300_000 },
  async (t) => {
    const dir = privateTmux(t);
    if (dir === null) return;
    // ink renders only the final frame when CI is set (is-in-ci), so the viewer must not inherit it.
    // After the viewer the shell reports its exit status and idles, so the end is visible on screen.
    const script = 'env -u CI -u CONTINUOUS_INTEGRATION "$0" "$1"; echo "viewer exit status $?"; exec sleep 600';
    tmux(
      'new-session',
      '-d',
      '-s',
      SESSION,
      '-x',
      '120',
      '-y',
      '30',
      '/bin/sh',
      '-c',
      script,
      process.execPath,
      SCRIPT,
    );

    let text = await waitForScreen((s) => s.includes('3 positions'), 'the table');
    assert.match(text, /> MSFT\s+5\s+\$300\.00\s+\$410\.00\s+\$2,050\.00\s+\+\$550\.00\s+36\.94%/);
    assert.match(text, / {2}AAPL\s+10\s+\$150\.00\s+\$190\.00\s+\$1,900\.00\s+\+\$400\.00\s+34\.23%/);
    assert.match(text, / {2}TSLA\s+8\s+\$250\.00\s+\$200\.00\s+\$1,600\.00\s+-\$400\.00\s+28\.83%/);
    assert.match(text, /Total value \$5,550\.00\s+unrealized PnL \+\$550\.00\s+3 positions/);

    tmux('send-keys', '-t', SESSION, 'Down');
    await waitForScreen((s) => /> AAPL/.test(s), 'AAPL selected');
    tmux('send-keys', '-t', SESSION, 'c');
    await waitForScreen((s) => s.includes('Close AAPL (10 shares)? y/n'), 'the confirmation');
    tmux('send-keys', '-t', SESSION, 'y');
    text = await waitForScreen(
      (s) => s.includes('Closed AAPL: sold 10 shares at market') && s.includes('2 positions'),
      'the close result',
    );
    assert.doesNotMatch(text, / AAPL\s+10/);

    assert.doesNotMatch(text, /viewer exit status/, 'still running before q');
    tmux('send-keys', '-t', SESSION, 'q');
    text = await waitForScreen((s) => s.includes('viewer exit status'), 'the viewer to end');
    assert.match(text, /run-viewer: exited cleanly\s+viewer exit status 0/);
    assert.doesNotMatch(text, /Total value/, 'the alternate screen is gone: the shell screen is back');
  },
);

test(
  'ats portfolio --tui in a real terminal: positions from the store, close AAPL through the paper broker, q quits',
  { timeout: 300_000 },
  async (t) => {
    const dir = privateTmux(t);
    if (dir === null) return;
    const bin = join(process.cwd(), 'bin', 'ats.js');
    const ats = (...args: string[]) => {
      const r = spawnSync(process.execPath, [bin, ...args, '--quiet'], {
        cwd: dir,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '' },
      });
      assert.equal(r.status, 0, r.stderr);
      return r.stdout;
    };
    ats('collect', '--symbols', 'AAPL,MSFT', '--days', '30');
    ats('broker', 'buy', 'AAPL', '5');
    ats('broker', 'buy', 'MSFT', '3');
    const script =
      'cd "$2" && env -u CI -u CONTINUOUS_INTEGRATION "$0" "$1" portfolio --tui; echo "viewer exit status $?"; exec sleep 600';
    tmux(
      'new-session',
      '-d',
      '-s',
      SESSION,
      '-x',
      '120',
      '-y',
      '30',
      '/bin/sh',
      '-c',
      script,
      process.execPath,
      bin,
      dir,
    );
    const text = await waitForScreen((s) => s.includes('2 positions'), 'the table');
    assert.match(text, /AAPL\s+5\s/);
    assert.match(text, /MSFT\s+3\s/);
    // the selection starts on the first row; find AAPL and close it
    if (!/> AAPL/.test(text)) {
      tmux('send-keys', '-t', SESSION, 'Down');
      await waitForScreen((s) => /> AAPL/.test(s), 'AAPL selected');
    }
    tmux('send-keys', '-t', SESSION, 'c');
    await waitForScreen((s) => s.includes('Close AAPL (5 shares)? y/n'), 'the confirmation');
    tmux('send-keys', '-t', SESSION, 'y');
    await waitForScreen((s) => s.includes('1 position') && !/AAPL\s+5\s/.test(s), 'AAPL closed');
    tmux('send-keys', '-t', SESSION, 'q');
    await waitForScreen((s) => s.includes('viewer exit status 0'), 'the viewer to end');
    const after = JSON.parse(ats('portfolio', 'show', '--json')) as { rows: Array<{ symbol: string }> };
    assert.deepEqual(
      after.rows.map((r) => r.symbol),
      ['MSFT'],
      'the close went through the broker into the store',
    );
  },
);

test(
  'ats portfolio --tui with live prices (tmux): broker-side stop and take-profit with the room to each, ' +
    'entry date; a streamed trade moves the row',
  { timeout: 300_000 },
  async (t) => {
    const dir = privateTmux(t);
    if (dir === null) return;
    const bin = join(process.cwd(), 'bin', 'ats.js');
    const ats = (...args: string[]) => {
      const r = spawnSync(process.execPath, [bin, ...args, '--quiet'], {
        cwd: dir,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '' },
      });
      assert.equal(r.status, 0, r.stderr);
      return r.stdout;
    };
    // The sample's AAPL closes at 192.53 on 2023-12-29 (data/sample), the paper fill price.
    ats('collect', '--symbols', 'AAPL', '--days', '30');
    ats('broker', 'buy', 'AAPL', '5');
    ats('broker', 'sell', 'AAPL', '5', '--type', 'stop', '--stop', '170', '--tif', 'gtc');
    ats('broker', 'sell', 'AAPL', '5', '--type', 'limit', '--limit', '215', '--tif', 'gtc');
    const fake = await startFakePolygon({ apiKey: KEY });
    t.after(() => fake.close());
    const script =
      'cd "$2" && env -u CI -u CONTINUOUS_INTEGRATION POLYGON_API_KEY="$3" POLYGON_WS_URL="$4" "$0" "$1" portfolio --tui; ' +
      'echo "viewer exit status $?"; exec sleep 600';
    tmux(
      'new-session',
      '-d',
      '-s',
      SESSION,
      '-x',
      '150',
      '-y',
      '30',
      '/bin/sh',
      '-c',
      script,
      process.execPath,
      bin,
      dir,
      KEY,
      `${fake.wsUrl}/delayed`,
    );
    let text = await waitForScreen((s) => s.includes('1 position') && s.includes('Stop (room)'), 'the table');
    // room to the stop (192.53 − 170) / 192.53 = 11.70 %; to the take-profit (215 − 192.53) / 192.53 = 11.67 %
    assert.match(text, /AAPL\s+5\s+\$192\.53\s+\$192\.53\s.*\$170\.00 11\.70%\s+\$215\.00 11\.67%\s+\S+\s+2023-12-29/);
    assert.match(text, /Entry 2023-12-29/);
    await fake.ws.waitForSubscription('T.AAPL');
    fake.ws.push([{ ev: 'T', sym: 'AAPL', i: '1', x: 4, p: 200, s: 10, t: Date.now(), q: 1 }]);
    // at 200: (200 − 170) / 200 = 15.00 % to the stop, (215 − 200) / 200 = 7.50 % to the take-profit
    text = await waitForScreen((s) => /\$200\.00\s+\$1,000\.00/.test(s), 'the streamed price on screen');
    assert.match(text, /\$170\.00 15\.00%\s+\$215\.00 7\.50%\s+\d\d:\d\d:\d\d\s+2023-12-29/);
    assert.match(text, /Updated \d\d:\d\d:\d\d/);
    tmux('send-keys', '-t', SESSION, 'q');
    await waitForScreen((s) => s.includes('viewer exit status 0'), 'the viewer to end');
  },
);

test(
  'ats portfolio --tui (tmux): a paper iron condor is one grouped row with its strategy, expiry and net greeks',
  { timeout: 300_000 },
  async (t) => {
    const dir = privateTmux(t);
    if (dir === null) return;
    const bin = join(process.cwd(), 'bin', 'ats.js');
    await openPaperCondor(join(dir, 'data', 'ats.db'));
    const script =
      'cd "$2" && env -u CI -u CONTINUOUS_INTEGRATION ATS_ASOF=2025-04-15 "$0" "$1" portfolio --tui; ' +
      'echo "viewer exit status $?"; exec sleep 600';
    tmux(
      'new-session',
      '-d',
      '-s',
      SESSION,
      '-x',
      '120',
      '-y',
      '30',
      '/bin/sh',
      '-c',
      script,
      process.execPath,
      bin,
      dir,
    );
    const text = await waitForScreen((s) => s.includes('1 position') && s.includes('Strategy'), 'the grouped row');
    // One row for the four legs: 1 unit, valued at the model marks (−$61.98: the condor is a net short).
    assert.match(text, /> SPY\s+1\s.*-\$61\.98/);
    assert.doesNotMatch(text, /SPY250516/, 'no leg rows');
    assert.match(text, /Strategy iron_condor \(4 legs\)/);
    assert.match(text, /Expiry 2025-05-16 \(31 DTE\)/);
    assert.match(text, /Greeks Δ -3\.89 Γ -7\.8351 Θ 2\.76 V -10\.60/);
    assert.match(text, /Max profit \$62\.00/);
    tmux('send-keys', '-t', SESSION, 'q');
    await waitForScreen((s) => s.includes('viewer exit status 0'), 'the viewer to end');
  },
);
