/**
 * The column path of the store (upsertColumns, BarWriter.writeColumns inline and threaded) writes
 * exactly what the object path (upsertBars) writes: same rows, NULL for NaN, same counts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/lib/store/open.js';
import { loadBars, upsertBars, upsertColumns } from '../../src/lib/store/bars.js';
import { inlineBarWriter, threadedBarWriter } from '../../src/lib/store/bar-writer.js';
import { barsToColumns } from '../../src/lib/bar-columns.js';
import type { Bar } from '../../src/lib/types.js';
import { tempDir } from '../helpers/tmp.js';

/** 150 bars (more than one 64-row statement), some without vwap/trades, one without open. */
function sampleBars(symbol: string, closeShift = 0): Bar[] {
  return Array.from({ length: 150 }, (_, i) => ({
    symbol,
    timeframe: '1d',
    ts: 1_700_000_000_000 + i * 86_400_000,
    open: i === 7 ? (null as unknown as number) : 100 + i / 3,
    high: 101 + i / 3,
    low: 99 + i / 3,
    close: 100.5 + i / 7 + closeShift,
    volume: 1e6 + i,
    vwap: i % 5 === 0 ? null : 100.25 + i / 3,
    trades: i % 4 === 0 ? null : 500 + i,
  }));
}

/** Every column, and the storage class of each (an integer ts must stay INTEGER, a missing vwap NULL). */
const rows = (s: Store, symbol: string): unknown[] =>
  s.db
    .prepare(
      `SELECT *, typeof(ts), typeof(open), typeof(volume), typeof(vwap), typeof(trades) FROM bars WHERE symbol = ? ORDER BY ts`,
    )
    .all(symbol);

test('upsertColumns stores the same rows and counts as upsertBars (NaN → NULL), and a rerun writes nothing', (t) => {
  const dir = tempDir(t);
  const byBars = openStore(join(dir, 'bars.db'));
  const byColumns = openStore(join(dir, 'columns.db'));
  t.after(() => {
    byBars.close();
    byColumns.close();
  });
  const bars = sampleBars('AAPL');
  assert.deepEqual(upsertBars(byBars, bars, 'polygon'), { inserted: 150, updated: 0 });
  assert.deepEqual(upsertColumns(byColumns, 'AAPL', '1d', barsToColumns(bars), 'polygon'), {
    inserted: 150,
    updated: 0,
  });
  assert.deepEqual(rows(byColumns, 'AAPL'), rows(byBars, 'AAPL'));
  assert.equal(loadBars(byColumns, 'AAPL', '1d')[7]!.open, null);
  assert.equal(loadBars(byColumns, 'AAPL', '1d')[0]!.vwap, null);
  assert.deepEqual(upsertColumns(byColumns, 'AAPL', '1d', barsToColumns(bars), 'polygon'), { inserted: 0, updated: 0 });
  // Two changed closes among 150 known rows: only those two are rewritten.
  const changed = bars.map((b, i) => (i === 3 || i === 140 ? { ...b, close: b.close + 1 } : b));
  assert.deepEqual(upsertColumns(byColumns, 'AAPL', '1d', barsToColumns(changed), 'polygon'), {
    inserted: 0,
    updated: 2,
  });
  assert.deepEqual(upsertBars(byBars, changed, 'polygon'), { inserted: 0, updated: 2 });
  assert.deepEqual(rows(byColumns, 'AAPL'), rows(byBars, 'AAPL'));
});

test('writeColumns: the inline and the threaded writer store the same rows', async (t) => {
  const dir = tempDir(t);
  const inline = openStore(join(dir, 'inline.db'));
  const threaded = openStore(join(dir, 'threaded.db'));
  const writer = await threadedBarWriter(threaded.path);
  t.after(async () => {
    await writer.close();
    inline.close();
    threaded.close();
  });
  for (const symbol of ['AAPL', 'MSFT']) {
    const bars = sampleBars(symbol, symbol === 'MSFT' ? 3 : 0);
    assert.deepEqual(await inlineBarWriter(inline).writeColumns(symbol, '1d', barsToColumns(bars), 'polygon'), {
      inserted: 150,
      updated: 0,
    });
    const columns = barsToColumns(bars);
    assert.deepEqual(await writer.writeColumns(symbol, '1d', columns, 'polygon'), { inserted: 150, updated: 0 });
    assert.equal(columns.ts.length, 0, 'the buffers were transferred, not copied');
    assert.deepEqual(rows(threaded, symbol), rows(inline, symbol));
  }
});
