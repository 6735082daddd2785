import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../src/lib/store/open.js';
import { MIGRATIONS } from '../../src/lib/store/migrations/index.js';
import { loadBars, upsertBars, lastBarTs } from '../../src/lib/store/bars.js';
import { DataError } from '../../src/lib/errors.js';
import type { Bar } from '../../src/lib/types.js';
import { tempDir } from '../helpers/tmp.js';

const bar = (ts: number, close: number): Bar => ({
  symbol: 'AAPL',
  timeframe: '1d',
  ts,
  open: close,
  high: close + 1,
  low: close - 1,
  close,
  volume: 100,
  vwap: null,
  trades: null,
});

test('openStore applies every migration, uses WAL, and reopens without reapplying', (t) => {
  const file = join(tempDir(t), 'nested', 'ats.db');
  const s = openStore(file);
  assert.equal(s.db.pragma('user_version', { simple: true }), MIGRATIONS.length);
  assert.equal(s.db.pragma('journal_mode', { simple: true }), 'wal');
  s.close();
  const again = openStore(file);
  assert.equal(again.db.pragma('user_version', { simple: true }), MIGRATIONS.length);
  again.close();
});

test('upsertBars counts new and changed rows, and an identical rerun writes nothing', (t) => {
  const s = openStore(join(tempDir(t), 'a.db'));
  t.after(() => s.close());
  assert.deepEqual(upsertBars(s, [bar(1, 10), bar(2, 11)], 'test'), { inserted: 2, updated: 0 });
  assert.deepEqual(upsertBars(s, [bar(1, 10), bar(2, 11)], 'test'), { inserted: 0, updated: 0 });
  assert.deepEqual(upsertBars(s, [bar(2, 12), bar(3, 13)], 'test'), { inserted: 1, updated: 1 });
  assert.deepEqual(
    loadBars(s, 'AAPL', '1d').map((b) => b.close),
    [10, 12, 13],
  );
  assert.equal(lastBarTs(s, 'AAPL', '1d'), 3);
});

test('a batch that fails midway leaves the store unchanged (one transaction)', (t) => {
  const s = openStore(join(tempDir(t), 'a.db'));
  t.after(() => s.close());
  upsertBars(s, [bar(1, 10)], 'test');
  const bad = { ...bar(2, 11), close: { not: 'a number' } as unknown as number };
  assert.throws(() => upsertBars(s, [bar(5, 15), bad], 'test'));
  assert.deepEqual(
    loadBars(s, 'AAPL', '1d').map((b) => b.ts),
    [1],
  );
});

test('a corrupt database file is a DataError naming the file, and the file is left as it was', (t) => {
  const file = join(tempDir(t), 'corrupt.db');
  const junk = 'this is not a sqlite database, just text '.repeat(200);
  writeFileSync(file, junk);
  assert.throws(
    () => openStore(file),
    (err: unknown) =>
      err instanceof DataError &&
      /corrupt|not an ats database|not a database/.test(err.message) &&
      err.message.includes(file),
  );
});

test('a read-only database is a DataError and its rows survive', (t) => {
  if (process.getuid?.() === 0) {
    // root ignores file permissions; exercise the read-only path through SQLite's own read-only mode instead
    const file = join(tempDir(t), 'ro.db');
    const s = openStore(file);
    upsertBars(s, [bar(1, 10)], 'test');
    s.close();
    const ro = openStore(file, { readonly: true });
    assert.throws(() => upsertBars(ro, [bar(2, 11)], 'test'), /readonly/i);
    ro.close();
    const check = openStore(file);
    assert.equal(loadBars(check, 'AAPL', '1d').length, 1);
    check.close();
    return;
  }
  const file = join(tempDir(t), 'ro.db');
  const s = openStore(file);
  upsertBars(s, [bar(1, 10)], 'test');
  s.close();
  chmodSync(file, 0o444);
  assert.throws(
    () => openStore(file),
    (err: unknown) => err instanceof DataError && /read-only/.test(err.message),
  );
});

test('a database from a newer ats is refused rather than migrated backwards', (t) => {
  const file = join(tempDir(t), 'new.db');
  const s = openStore(file);
  s.db.pragma(`user_version = ${MIGRATIONS.length + 5}`);
  s.close();
  assert.throws(
    () => openStore(file),
    (err: unknown) => err instanceof DataError && /newer than this ats/.test(err.message),
  );
});
