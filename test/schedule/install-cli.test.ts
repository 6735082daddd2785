import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../src/lib/store/open.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

// The real cron daemon and systemd user manager are not part of CI: stub `crontab` and `systemctl` first on PATH.
// The stub crontab keeps the table in a file (`-l` prints it or fails like cron's "no crontab for user", `-` replaces
// it from stdin); the stub systemctl records its arguments and answers `show-environment` per SYSTEMD_UP.
const CRONTAB = `#!/bin/sh
f="$STUB_DIR/crontab.txt"
echo "crontab $*" >> "$STUB_DIR/calls.log"
if [ "$1" = "-l" ]; then
  if [ -f "$f" ]; then cat "$f"; exit 0; fi
  echo "no crontab for $(id -un)" >&2; exit 1
fi
if [ "$1" = "-" ]; then cat > "$f"; exit 0; fi
exit 2
`;
const SYSTEMCTL = `#!/bin/sh
echo "systemctl $*" >> "$STUB_DIR/calls.log"
if [ "$2" = "show-environment" ]; then [ "$SYSTEMD_UP" = "1" ]; exit $?; fi
exit 0
`;
const USER_LINES = 'MAILTO=me@example.com\n0 5 * * * /usr/local/bin/backup --quiet\n';

function setup(t: Parameters<typeof tempDir>[0], systemdUp = false) {
  const cwd = tempDir(t);
  const stubs = join(cwd, 'stubs');
  mkdirSync(stubs);
  for (const [name, text] of [
    ['crontab', CRONTAB],
    ['systemctl', SYSTEMCTL],
  ] as const) {
    writeFileSync(join(stubs, name), text);
    chmodSync(join(stubs, name), 0o755);
  }
  const env = {
    PATH: `${stubs}:${process.env.PATH ?? ''}`,
    STUB_DIR: stubs,
    SYSTEMD_UP: systemdUp ? '1' : '0',
  };
  const cli = (...args: string[]) => runCli(['schedule', ...args], { cwd, env });
  const crontab = (): string => readFileSync(join(stubs, 'crontab.txt'), 'utf8');
  const calls = (): string =>
    existsSync(join(stubs, 'calls.log')) ? readFileSync(join(stubs, 'calls.log'), 'utf8') : '';
  return { cwd, stubs, cli, crontab, calls };
}

test('cron: install keeps the user lines, re-install replaces the block, remove restores the table', async (t) => {
  const { stubs, cli, crontab, cwd } = setup(t);
  writeFileSync(join(stubs, 'crontab.txt'), USER_LINES);
  const first = await cli('install', '--using', 'cron', '--args', '--symbols AAPL,MSFT --trade');
  assert.equal(first.code, 0, first.stderr);
  const table = crontab();
  assert.ok(table.startsWith(USER_LINES), table);
  const block = table.slice(USER_LINES.length).split('\n');
  assert.match(block[0]!, /^# BEGIN ats schedule/);
  assert.equal(block[1], 'CRON_TZ=America/New_York');
  assert.match(
    block[2]!,
    /^30 16 \* \* 1-5 cd .+ && .+ schedule run --once --at 16:30 --args '--symbols AAPL,MSFT --trade'/,
  );
  assert.match(block[3]!, /^30 13 \* \* 1-5 .+ schedule run --once --at 16:30 /); // the half-day wake-up
  assert.equal(block[4], '# END ats schedule');
  assert.ok(block[2]!.includes(`cd ${cwd} && `));

  const again = await cli('install', '--using', 'cron', '--at', '17:05');
  assert.equal(again.code, 0, again.stderr);
  const table2 = crontab();
  assert.equal(table2.split('# BEGIN ats schedule').length, 2, 'exactly one block');
  assert.ok(table2.startsWith(USER_LINES));
  assert.match(table2, /^5 17 \* \* 1-5 .+--at 17:05 >\/dev\/null 2>&1$/m);
  assert.match(table2, /^5 14 \* \* 1-5 /m);
  assert.doesNotMatch(table2, /--at 16:30/);

  const status = await cli('status', '--json');
  assert.equal(status.code, 0, status.stderr);
  const s = JSON.parse(status.stdout) as { installed: string; at: string; paused: boolean; nextRun: { ny: string } };
  assert.equal(s.installed, 'cron');
  assert.equal(s.at, '17:05');
  assert.equal(s.paused, false);
  assert.match(s.nextRun.ny, / 1[47]:05 America\/New_York$/);

  const removed = await cli('remove');
  assert.equal(removed.code, 0, removed.stderr);
  assert.equal(crontab(), USER_LINES);
  const after = await cli('status', '--json');
  assert.equal((JSON.parse(after.stdout) as { installed: unknown }).installed, null);
});

test('systemd detected: unit files written, daemon reloaded, timer enabled; remove disables and deletes', async (t) => {
  const { cli, calls, cwd } = setup(t, true);
  const r = await cli('install', '--at', '16:45', '--json');
  assert.equal(r.code, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as { installed: string }).installed, 'systemd');
  const dir = join(cwd, '.config', 'systemd', 'user');
  const timer = readFileSync(join(dir, 'ats-daily.timer'), 'utf8');
  const service = readFileSync(join(dir, 'ats-daily.service'), 'utf8');
  assert.match(timer, /^OnCalendar=Mon\.\.Fri 16:45 America\/New_York$/m);
  assert.match(timer, /^OnCalendar=Mon\.\.Fri 13:45 America\/New_York$/m);
  assert.match(timer, /^WantedBy=timers\.target$/m);
  assert.match(service, /^Type=oneshot$/m);
  assert.match(service, /^ExecStart=".+" ".+ats\.js" "schedule" "run" "--once" "--at" "16:45"$/m);
  assert.match(calls(), /systemctl --user daemon-reload\nsystemctl --user enable --now ats-daily\.timer/);
  assert.doesNotMatch(calls(), /crontab -$/m);

  const removed = await cli('remove');
  assert.equal(removed.code, 0, removed.stderr);
  assert.equal(existsSync(join(dir, 'ats-daily.timer')), false);
  assert.equal(existsSync(join(dir, 'ats-daily.service')), false);
  assert.match(calls(), /systemctl --user disable --now ats-daily\.timer/);
});

test('bad input: one line, exit 2, nothing installed or written', async (t) => {
  const { cli, calls, cwd, stubs } = setup(t);
  for (const args of [
    ['--at', '25:00'],
    ['--at', 'half past four'],
    ['--using', 'anacron'],
    ['--args', '--skip "train'],
  ]) {
    const r = await cli('install', ...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.equal(r.stdout, '');
  }
  assert.equal(calls(), '', 'neither crontab nor systemctl was run');
  assert.equal(existsSync(join(stubs, 'crontab.txt')), false);
  assert.equal(existsSync(join(cwd, 'data', 'ats.db')), false);
  assert.equal(existsSync(join(cwd, '.config')), false);
});

test('pause and resume are store flags that status reports; a second scheduler gets exit 8', async (t) => {
  const { cli, cwd } = setup(t);
  assert.equal((await cli('pause')).code, 0);
  let s = JSON.parse((await cli('status', '--json')).stdout) as { paused: boolean };
  assert.equal(s.paused, true);
  assert.equal((await cli('resume')).code, 0);
  s = JSON.parse((await cli('status', '--json')).stdout) as { paused: boolean };
  assert.equal(s.paused, false);

  // A live scheduler (this test process) holds the lock: `run --once` refuses, whatever the day.
  const store = openStore(join(cwd, 'data', 'ats.db'));
  store.db
    .prepare('INSERT INTO locks (name, pid, host, acquired_at) VALUES (?, ?, ?, ?)')
    .run('schedule', process.pid, (await import('node:os')).hostname(), Date.now());
  store.close();
  const r = await cli('run', '--once');
  assert.equal(r.code, 8, r.stderr);
  assert.match(r.stderr, /another ats schedule run is in progress \(pid \d+/);
  const log = readFileSync(join(cwd, 'data', 'logs', 'schedule.log'), 'utf8');
  assert.match(log, /^\S+Z schedule run --once: another ats schedule run is in progress/m);
});
