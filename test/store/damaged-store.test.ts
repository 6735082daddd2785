import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../../src/lib/store/open.js';
import { classifyStoreError } from '../../src/lib/store/store-errors.js';
import { collectDaily } from '../../src/lib/collect/collect-daily.js';
import { SampleSource } from '../../src/lib/market/sample.js';
import { ExitCode } from '../../src/lib/errors.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const COLLECT = ['collect', '--symbols', 'AAPL,MSFT,NVDA', '--days', '2520', '--asof', '2023-12-29'];

/** Deterministic "random" bytes (a 32-bit LCG), so a failure is reproducible. */
function seededBytes(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let s = seed >>> 0;
  for (let i = 0; i < length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

/**
 * Overwrite three leaf pages of the bars table with random bytes, like `dd if=/dev/urandom seek=80 count=3`,
 * but chosen through SQLite's dbstat so that each symbol's range has a damaged page whatever the layout.
 */
function corruptBarPages(file: string): number[] {
  const db = new Database(file, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const leaves = (
    db.prepare(`SELECT pageno FROM dbstat WHERE name = 'bars' AND pagetype = 'leaf' ORDER BY path`).all() as Array<{
      pageno: number;
    }>
  ).map((r) => r.pageno);
  db.close();
  const pages = [1, 3, 5].map((sixth) => leaves[Math.floor((leaves.length * sixth) / 6)]!);
  const fd = openSync(file, 'r+');
  pages.forEach((p, i) => writeSync(fd, seededBytes(pageSize, 42 + i), 0, pageSize, (p - 1) * pageSize));
  closeSync(fd);
  return pages;
}

function assertOneDataLine(r: CliResult, what: RegExp): void {
  assert.equal(r.code, ExitCode.data, r.stderr);
  const lines = r.stderr.split('\n').filter((l) => what.test(l));
  assert.equal(lines.length, 1, r.stderr);
  assert.doesNotMatch(r.stderr, /internal error|\n\s+at /, r.stderr);
}

test('a store with corrupt data pages: verify, quality, backtest, collect and train exit 4 with one line', async (t) => {
  const cwd = tempDir(t);
  const made = await runCli(COLLECT, { cwd });
  assert.equal(made.code, 0, made.stderr);
  const good = join(cwd, 'data', 'ats.db');
  const commands = [
    ['verify'],
    ['quality'],
    ['backtest', '--symbols', 'AAPL', '--strategy', 'sma_cross'],
    COLLECT,
    ['train', '--symbols', 'AAPL,MSFT,NVDA'],
  ];
  for (const [i, args] of commands.entries()) {
    const copy = join(cwd, `copy-${i}.db`);
    copyFileSync(good, copy);
    corruptBarPages(copy);
    const r = await runCli([...args, '--db', copy], { cwd });
    assertOneDataLine(r, /is corrupt|failed SQLite's integrity check/);
    assert.match(r.stderr, /restore it from a backup/, `${args[0]}: ${r.stderr}`);
  }
});

test('disk full (SQLite max_page_count): a DataError saying so, and every committed symbol is intact', async (t) => {
  const dir = tempDir(t);
  const store = openStore(join(dir, 'ats.db'));
  t.after(() => store.close());
  const source = new SampleSource(join(process.cwd(), 'data', 'sample'));
  const first = await collectDaily(store, source, 'AAPL', { days: 2520, asOf: '2023-12-29' });
  const pages = store.db.pragma('page_count', { simple: true }) as number;
  store.db.pragma(`max_page_count = ${pages + 5}`); // the next symbol does not fit
  const failure = await collectDaily(store, source, 'MSFT', { days: 2520, asOf: '2023-12-29' }).then(
    () => assert.fail('MSFT should not fit'),
    (err: unknown) => err,
  );
  const mapped = classifyStoreError(failure, store.path);
  assert.ok(mapped, `not classified: ${String(failure)}`);
  assert.equal(mapped.exitCode, ExitCode.data);
  assert.match(mapped.message, /disk is full.*free space and run again/);
  const count = (s: string) =>
    (store.db.prepare('SELECT count(*) AS n FROM bars WHERE symbol = ?').get(s) as { n: number }).n;
  assert.equal(count('AAPL'), first.newBars);
  assert.equal(count('MSFT'), 0, 'the failed batch is rolled back as a whole');
  assert.equal(store.db.pragma('integrity_check', { simple: true }), 'ok');
});

/** A real full disk: a 600 KiB tmpfs (room for about one symbol). Needs root and a sandbox that may mount. */
function mountSmallTmpfs(dir: string): string | null {
  if (process.getuid?.() !== 0) return 'not root: cannot mount a tmpfs';
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=600k', 'tmpfs', dir], { encoding: 'utf8' });
  return r.status === 0 ? null : `mount -t tmpfs failed here: ${(r.stderr || String(r.error)).trim()}`;
}

test('disk full on a real 600 KiB tmpfs: collect exits 4 with one line, committed symbols intact', async (t) => {
  const cwd = tempDir(t);
  const mnt = mkdtempSync(join(tmpdir(), 'ats-small-disk-'));
  const skip = mountSmallTmpfs(mnt);
  t.after(() => {
    if (skip === null) spawnSync('umount', [mnt]);
    rmSync(mnt, { recursive: true, force: true });
  });
  if (skip !== null) return t.skip(skip);
  const db = join(mnt, 'ats.db');
  const r = await runCli([...COLLECT, '--db', db], { cwd });
  assertOneDataLine(r, /disk is full/);
  const done = [...r.stderr.matchAll(/\] (\w+): (\d+) new/g)].map((m) => ({ symbol: m[1]!, bars: Number(m[2]) }));
  assert.ok(done.length >= 1 && done.length < 3, `the disk must fill after the first symbol: ${r.stderr}`);
  const opened = new Database(db, { readonly: true });
  try {
    assert.equal(opened.pragma('integrity_check', { simple: true }), 'ok');
    for (const { symbol, bars } of done) {
      const n = (opened.prepare('SELECT count(*) AS n FROM bars WHERE symbol = ?').get(symbol) as { n: number }).n;
      assert.equal(n, bars, `${symbol}: every committed bar is still there`);
    }
  } finally {
    opened.close();
  }
});
