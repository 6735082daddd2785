import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { openStore } from '../../src/lib/store/open.js';
import type { DailyRun } from '../../src/lib/pipeline/daily.js';
import type { CollectReport } from '../../src/lib/collect/collect-symbols.js';
import type { QualityReport } from '../../src/lib/quality/check-store.js';

test('daily on the sample: says it uses the sample, collects, passes quality; a rerun does nothing, --rerun adds nothing', async (t) => {
  const cwd = tempDir(t);
  const first = await runCli(['daily', '--symbols', 'AAPL,MSFT', '--days', '500'], { cwd });
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stderr, /POLYGON_API_KEY is not set: running on the bundled sample data/);
  assert.match(first.stdout, /daily run for 2023-12-29 completed/);
  const again = await runCli(['daily', '--symbols', 'AAPL,MSFT', '--days', '500', '--json', '--quiet'], { cwd });
  assert.equal(again.code, 0, again.stderr);
  assert.equal((JSON.parse(again.stdout) as DailyRun).status, 'already-done');
  const rerun = await runCli(['daily', '--symbols', 'AAPL,MSFT', '--days', '500', '--json', '--quiet', '--rerun'], {
    cwd,
  });
  const run = JSON.parse(rerun.stdout) as DailyRun;
  assert.ok(
    run.steps.every((s) => s.status === 'ok'),
    JSON.stringify(run.steps),
  );
  assert.deepEqual(
    run.steps.map((s) => s.name),
    [
      'verify',
      'collect',
      'universe',
      'quality',
      'train',
      'playbook',
      'options',
      'protect',
      'orders',
      'evaluator',
      'snapshot',
      'reports',
    ],
  );
  assert.equal(
    run.results.collect?.symbols.reduce((n, s) => n + s.newBars, 0),
    0,
  );
  assert.ok(existsSync(join(cwd, 'data', 'ats.db')));
});

test('collect --json reports per symbol; --db and ATS_DB choose the store', async (t) => {
  const cwd = tempDir(t);
  const r = await runCli(
    ['collect', '--symbols', 'nvda', '--days', '5', '--asof', '2023-06-30', '--json', '--db', 'x.db'],
    { cwd },
  );
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as CollectReport;
  assert.equal(out.asOf, '2023-06-30');
  assert.equal(out.symbols[0]?.symbol, 'NVDA');
  assert.equal(out.symbols[0]?.newBars, 5);
  const viaEnv = await runCli(['collect', '--symbols', 'NVDA', '--days', '5', '--asof', '2023-06-30', '--json'], {
    cwd,
    env: { ATS_DB: 'x.db' },
  });
  assert.equal((JSON.parse(viaEnv.stdout) as CollectReport).symbols[0]?.newBars, 0);
});

test('quality --strict exits 7 on a gap and lists the missing session', async (t) => {
  const cwd = tempDir(t);
  await runCli(['collect', '--symbols', 'AAPL', '--days', '20', '--asof', '2023-12-29'], { cwd });
  const store = openStore(join(cwd, 'data', 'ats.db'));
  store.db
    .prepare(
      "DELETE FROM bars WHERE symbol = 'AAPL' AND ts = (SELECT ts FROM bars WHERE symbol = 'AAPL' ORDER BY ts LIMIT 1 OFFSET 5)",
    )
    .run();
  store.close();
  const r = await runCli(['quality', '--symbols', 'AAPL', '--strict', '--asof', '2023-12-29', '--json'], { cwd });
  assert.equal(r.code, 7, r.stderr);
  const report = JSON.parse(r.stdout) as QualityReport;
  assert.ok(report.errors >= 1);
  assert.ok(JSON.stringify(report).includes('2023-12-08'), 'the missing session is named');
  const lax = await runCli(['quality', '--symbols', 'AAPL', '--asof', '2023-12-29'], { cwd });
  assert.equal(lax.code, 0);
});

interface BadCase {
  name: string;
  args: string[];
  code: number;
  message: RegExp;
  setup?: (cwd: string) => void;
}

const BAD_INPUT: BadCase[] = [
  { name: 'malformed symbol', args: ['collect', '--symbols', 'AA$PL'], code: 2, message: /invalid symbol "AA\$PL"/ },
  {
    name: 'unknown symbol in the sample',
    args: ['collect', '--symbols', 'ZZZZ'],
    code: 4,
    message: /no sample data for ZZZZ/,
  },
  {
    name: 'FROM after TO',
    args: ['backfill', 'AAPL', '2023-02-01', '2023-01-01'],
    code: 2,
    message: /FROM 2023-02-01 is after TO 2023-01-01/,
  },
  {
    name: 'malformed date',
    args: ['backfill', 'AAPL', '2023-13-01', '2023-12-01'],
    code: 2,
    message: /malformed FROM date "2023-13-01"/,
  },
  {
    name: 'bad --days',
    args: ['collect', '--symbols', 'AAPL', '--days', '-3'],
    code: 2,
    message: /--days must be a positive whole number/,
  },
  {
    name: 'unknown --skip step',
    args: ['daily', '--symbols', 'AAPL', '--skip', 'lunch'],
    code: 2,
    message: /unknown step "lunch"/,
  },
  { name: 'unknown command', args: ['fly'], code: 2, message: /unknown command/ },
  {
    name: 'polygon without a key',
    args: ['collect', '--symbols', 'AAPL', '--source', 'polygon'],
    code: 3,
    message: /POLYGON_API_KEY is not set/,
  },
  {
    name: 'corrupt database file',
    args: ['collect', '--symbols', 'AAPL', '--db', 'bad.db'],
    code: 4,
    message: /corrupt or not an ats database/,
    setup: (cwd) => writeFileSync(join(cwd, 'bad.db'), 'garbage '.repeat(1000)),
  },
];

for (const c of BAD_INPUT) {
  test(`bad input: ${c.name} → one-line error, exit ${c.code}, store untouched`, async (t) => {
    const cwd = tempDir(t);
    c.setup?.(cwd);
    const before = c.setup ? readFileSync(join(cwd, 'bad.db')) : null;
    const r = await runCli(c.args, { cwd });
    assert.equal(r.code, c.code, `stderr: ${r.stderr}`);
    assert.match(r.stderr, c.message);
    if (c.code !== 2 || !/unknown command/.test(c.message.source)) {
      assert.equal(
        r.stderr
          .trim()
          .split('\n')
          .filter((l) => l.startsWith('ats:')).length,
        1,
        r.stderr,
      );
    }
    if (before) assert.deepEqual(readFileSync(join(cwd, 'bad.db')), before);
    if (c.code === 2) assert.equal(existsSync(join(cwd, 'data', 'ats.db')), false, 'a usage error creates no store');
  });
}

test('--help is instant-safe: it lists every command and loads no heavy module', async (t) => {
  const cwd = tempDir(t);
  const r = await runCli(['--help'], { cwd });
  assert.equal(r.code, 0);
  for (const c of ['daily', 'collect', 'backfill', 'quality', 'verify'])
    assert.match(r.stdout, new RegExp(`\\b${c}\\b`));
});
