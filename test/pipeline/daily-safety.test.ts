import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { CRASH_PRELOAD, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';
import { openStore } from '../../src/lib/store/open.js';
import { acquireLock } from '../../src/lib/store/daily-lock.js';
import { recentRuns } from '../../src/lib/store/run-log.js';
import { listOrders, type LedgerOrder } from '../../src/lib/store/orders.js';
import { DAILY_STEP_NAMES, dailySteps } from '../../src/lib/pipeline/chain.js';
import type { DailyRun } from '../../src/lib/pipeline/daily.js';

const ARGS = ['daily', '--symbols', 'AAPL,MSFT', '--days', '500', '--asof', '2023-12-29'];

test('a second concurrent run refuses with exit 8 while the first holds the lock; a dead owner’s lock is taken over', async (t) => {
  const cwd = tempDir(t);
  const store = openStore(join(cwd, 'data', 'ats.db'));
  // a live process holds the lock: this test process itself
  acquireLock(store, 'daily', process.pid, Date.now());
  const blocked = await runCli(ARGS, { cwd });
  assert.equal(blocked.code, 8, blocked.stderr);
  assert.match(blocked.stderr, new RegExp(`another ats daily run is in progress \\(pid ${process.pid}`));
  // the owner dies: a pid that does not exist
  store.db.prepare('UPDATE locks SET pid = ? WHERE name = ?').run(2 ** 22 + 12345, 'daily');
  store.close();
  const ok = await runCli(ARGS, { cwd });
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stderr, /took over a stale lock/);
});

test('two runs started together: exactly one runs, the other exits 8', async (t) => {
  const cwd = tempDir(t);
  await runCli(['collect', '--symbols', 'AAPL', '--days', '5', '--asof', '2023-12-29'], { cwd }); // create the store first
  const [a, b] = await Promise.all([runCli(ARGS, { cwd }), runCli(ARGS, { cwd })]);
  const codes = [a.code, b.code].sort();
  // either they overlapped (one refused) or the second saw the first's completed run (both 0): never two runs
  const store = openStore(join(cwd, 'data', 'ats.db'));
  t.after(() => store.close());
  const runs = recentRuns(store).filter((r) => r.status === 'ok');
  assert.equal(runs.length, 1, `one completed run (exit codes ${codes.join(',')})`);
  assert.ok(codes[0] === 0 && (codes[1] === 0 || codes[1] === 8));
});

for (const step of DAILY_STEP_NAMES) {
  test(`a crash (kill -9) inside ${step}, then a rerun resumes at ${step} and completes`, async (t) => {
    const cwd = tempDir(t);
    const crashed = await runCli(ARGS, { cwd, nodeArgs: CRASH_PRELOAD, env: { ATS_TEST_CRASH_AT_STEP: step } });
    assert.equal(crashed.signal, 'SIGKILL', crashed.stderr);
    // the live view's last frame: this step running, only pending steps after it
    assert.match(crashed.stderr, new RegExp(`▶ ${step} +…\\n(?: {2}\\S+\\n)*$`), 'killed as the step started');
    const resumed = await runCli([...ARGS, '--json', '--quiet'], { cwd });
    assert.equal(resumed.code, 0, resumed.stderr);
    const run = JSON.parse(resumed.stdout) as DailyRun;
    assert.equal(run.status, 'ok');
    const idx = DAILY_STEP_NAMES.indexOf(step);
    // steps before the crash are not run again, except the cheap ones later steps need in memory (universe)
    const rerun = new Set(
      dailySteps()
        .filter((s) => s.rerunOnResume)
        .map((s) => s.name),
    );
    assert.deepEqual(
      run.steps.map((s) => s.status),
      DAILY_STEP_NAMES.map((name, i) => (i < idx && !rerun.has(name) ? 'resumed' : 'ok')),
    );
    const store = openStore(join(cwd, 'data', 'ats.db'));
    t.after(() => store.close());
    const runs = recentRuns(store);
    assert.equal(runs[0]!.status, 'ok');
    assert.equal(runs[1]!.status, 'failed', 'the crashed run is marked failed');
    const dupes = store.db
      .prepare('SELECT COUNT(*) AS n FROM (SELECT 1 FROM bars GROUP BY symbol, timeframe, ts HAVING COUNT(*) > 1)')
      .get() as { n: number };
    assert.equal(dupes.n, 0);
  });
}

test('a crash (kill -9) in the orders step right after an order was placed: the rerun places no order twice', async (t) => {
  const cwd = tempDir(t);
  // 600 sessions: on this window the sample's model (forced open) scores an entry, so an order is placed before the crash.
  const trade = [
    ...ARGS.slice(0, 3),
    '--days',
    '600',
    '--asof',
    '2023-12-29',
    '--trade',
    '--force-model',
    '--threshold',
    '0.5',
  ];
  const crashed = await runCli(trade, {
    cwd,
    nodeArgs: CRASH_PRELOAD,
    env: { ATS_TEST_CRASH_AFTER_APPEND: 'orders.csv' },
  });
  assert.equal(crashed.signal, 'SIGKILL', `an order was placed, then the process died: ${crashed.stderr}`);
  const before = orderRows(cwd);
  assert.ok(before.length >= 1, 'the order placed before the crash is in the store');
  // one line per finished step: the step before orders is the last one printed (then the forced gate's warning),
  // so the process died inside orders
  const lastDone = DAILY_STEP_NAMES[DAILY_STEP_NAMES.indexOf('orders') - 1]!;
  assert.match(
    crashed.stderr,
    new RegExp(`✓ ${lastDone} ok [^\\n]*\\n(?:warning: model gate FORCED OPEN[^\\n]*\\n)?$`),
    'inside the orders step',
  );

  const resumed = await runCli([...trade, '--json', '--quiet'], { cwd });
  assert.equal(resumed.code, 0, resumed.stderr);
  const run = JSON.parse(resumed.stdout) as { status: string; steps: Array<{ name: string; status: string }> };
  assert.equal(run.status, 'ok');
  assert.equal(run.steps.find((s) => s.name === 'orders')?.status, 'ok', 'the orders step ran again');
  const after = orderRows(cwd);
  const ids = after.map((o) => o.clientOrderId);
  assert.equal(new Set(ids).size, ids.length, `no order placed twice: ${ids.join(', ')}`);
  const trades = after.map((o) => `${o.side} ${o.symbol}`);
  assert.equal(new Set(trades).size, trades.length, `one order per symbol and side: ${trades.join(', ')}`);
  for (const o of before) assert.ok(ids.includes(o.clientOrderId), `${o.clientOrderId} kept`);
  const csv = readFileSync(join(cwd, 'data', 'ats-reports', 'orders.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  const csvIds = csv.map((line) => line.split(',')[3]);
  assert.equal(new Set(csvIds).size, csvIds.length, 'one line per order in reports/orders.csv');
  assert.deepEqual([...csvIds].sort(), [...ids].sort());
});

test('on a holiday or a weekend it says so and exits 0 without running any step', async (t) => {
  const cwd = tempDir(t);
  for (const [day, why] of [
    ['2023-12-25', /Christmas/],
    ['2023-12-30', /weekend/],
  ] as const) {
    const r = await runCli(['daily', '--symbols', 'AAPL', '--asof', day, '--json', '--quiet'], { cwd });
    assert.equal(r.code, 0, r.stderr);
    const run = JSON.parse(r.stdout) as DailyRun;
    assert.equal(run.status, 'not-a-session');
    assert.match(run.message, why);
    assert.deepEqual(run.steps, []);
  }
});

test('the quality gate stops the run on a gap (exit 7) before later steps; --force goes on', async (t) => {
  const cwd = tempDir(t);
  await runCli(ARGS, { cwd });
  const store = openStore(join(cwd, 'data', 'ats.db'));
  store.db
    .prepare(
      "DELETE FROM bars WHERE symbol = 'MSFT' AND ts = (SELECT ts FROM bars WHERE symbol = 'MSFT' ORDER BY ts LIMIT 1 OFFSET 10)",
    )
    .run();
  store.close();
  const stopped = await runCli([...ARGS, '--skip', 'collect', '--json', '--quiet'], { cwd });
  assert.equal(stopped.code, 7, stopped.stderr);
  const run = JSON.parse(stopped.stdout) as DailyRun;
  assert.equal(run.status, 'stopped');
  assert.match(run.steps.find((s) => s.name === 'quality')?.summary ?? '', /quality gate: 1 error/);
  const forced = await runCli([...ARGS, '--skip', 'collect', '--force', '--json', '--quiet'], { cwd });
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(
    (JSON.parse(forced.stdout) as DailyRun).steps.find((s) => s.name === 'quality')?.summary ?? '',
    /overridden by --force/,
  );
});

test('a Slack webhook that is down or hangs never fails or blocks the run', async (t) => {
  const cwd = tempDir(t);
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    if (req.url === '/down') res.writeHead(500).end('boom');
    // '/hang': never answers
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  const { port } = server.address() as AddressInfo;
  const down = await runCli(ARGS, { cwd, env: { SLACK_WEBHOOK_URL: `http://127.0.0.1:${port}/down` } });
  assert.equal(down.code, 0, down.stderr);
  assert.match(down.stderr, /Slack webhook answered HTTP 500/);
  // The webhook never answers: the run still ends (runCli's bound only catches a run stuck for good), having
  // given up on the alert by its own timeout.
  const hang = await runCli([...ARGS, '--rerun'], { cwd, env: { SLACK_WEBHOOK_URL: `http://127.0.0.1:${port}/hang` } });
  assert.equal(hang.code, 0, hang.stderr);
  assert.match(hang.stderr, /Slack webhook failed \(.*\); alert not delivered/, 'the hanging webhook was given up on');
  await waitFor(() => hits.includes('/hang'), { what: 'the server to log the hanging request' });
  const refused = await runCli([...ARGS, '--rerun'], { cwd, env: { SLACK_WEBHOOK_URL: 'http://127.0.0.1:9/refused' } });
  assert.equal(refused.code, 0, refused.stderr);
  assert.match(refused.stderr, /Slack webhook failed/);
  assert.deepEqual(hits, ['/down', '/hang']);
});

test('the run log records session, steps and status (the product has no fault-injection hook)', async (t) => {
  const cwd = tempDir(t);
  const child = spawn(process.execPath, [join(process.cwd(), 'bin', 'ats.js'), ...ARGS], {
    cwd,
    stdio: 'ignore',
    // The variable that once crashed the pipeline from inside: crashes come from the tests now.
    env: { PATH: process.env.PATH ?? '', ATS_FAULT_INJECT: 'crash:verify' },
  });
  await new Promise((r) => child.once('close', r));
  const store = openStore(join(cwd, 'data', 'ats.db'));
  t.after(() => store.close());
  const [run] = recentRuns(store);
  assert.equal(run!.session, '2023-12-29');
  assert.equal(run!.status, 'ok');
  assert.deepEqual(run!.symbols, ['AAPL', 'MSFT']);
  assert.deepEqual(
    run!.steps.map((s) => s.name),
    DAILY_STEP_NAMES,
  );
});

function orderRows(cwd: string): LedgerOrder[] {
  const store = openStore(join(cwd, 'data', 'ats.db'));
  try {
    return listOrders(store, 'paper').filter((o) => o.parentId == null); // entries; their exit legs are rows too
  } finally {
    store.close();
  }
}
