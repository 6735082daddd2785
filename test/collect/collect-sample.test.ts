import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openStore } from '../../src/lib/store/open.js';
import { SampleSource } from '../../src/lib/market/sample.js';
import { collectDaily, lastSessions } from '../../src/lib/collect/collect-daily.js';
import { backfillDaily } from '../../src/lib/collect/backfill.js';
import { barTimestamps, loadBars } from '../../src/lib/store/bars.js';
import { sessionsBetween } from '../../src/lib/market/calendar.js';
import { nyMidnight } from '../../src/lib/time.js';
import { tempDir } from '../helpers/tmp.js';

const sample = () => new SampleSource(join(process.cwd(), 'data', 'sample'));

test('lastSessions returns exactly n sessions ending at the target', () => {
  const s = lastSessions('2024-01-02', 3);
  assert.deepEqual(s, ['2023-12-28', '2023-12-29', '2024-01-02']);
});

test('collect is incremental: a second run adds nothing, a later as-of adds only the new sessions', async (t) => {
  const store = openStore(join(tempDir(t), 'a.db'));
  t.after(() => store.close());
  const src = sample();
  const first = await collectDaily(store, src, 'AAPL', { days: 60, asOf: '2023-11-30' });
  assert.equal(first.newBars, 60);
  assert.equal(first.lastSession, '2023-11-30');
  const second = await collectDaily(store, src, 'AAPL', { days: 60, asOf: '2023-11-30' });
  assert.equal(second.newBars, 0);
  const later = await collectDaily(store, src, 'AAPL', { days: 60, asOf: '2023-12-29' });
  assert.equal(later.newBars, sessionsBetween('2023-12-01', '2023-12-29').length);
  assert.equal(later.gapsFilled, 0);
});

test('collect fills a hole inside the window and reports it as a gap', async (t) => {
  const store = openStore(join(tempDir(t), 'a.db'));
  t.after(() => store.close());
  const src = sample();
  await collectDaily(store, src, 'MSFT', { days: 30, asOf: '2023-12-29' });
  const hole = ['2023-12-12', '2023-12-13'];
  for (const d of hole) store.db.prepare('DELETE FROM bars WHERE symbol = ? AND ts = ?').run('MSFT', nyMidnight(d));
  const r = await collectDaily(store, src, 'MSFT', { days: 30, asOf: '2023-12-29' });
  assert.equal(r.newBars, 2);
  assert.equal(r.gapsFilled, 2);
  const ts = barTimestamps(store, 'MSFT', '1d', nyMidnight('2023-11-01'), nyMidnight('2023-12-29'));
  assert.deepEqual(ts, lastSessions('2023-12-29', 30).map(nyMidnight));
});

test('backfill adds exactly the missing sessions and stored values equal the sample file', async (t) => {
  const store = openStore(join(tempDir(t), 'a.db'));
  t.after(() => store.close());
  const src = sample();
  const r = await backfillDaily(store, src, 'NVDA', '2020-01-01', '2020-12-31');
  assert.equal(r.added, 253); // 2020 had 253 NYSE sessions
  assert.equal((await backfillDaily(store, src, 'NVDA', '2020-01-01', '2020-12-31')).added, 0);
  const stored = loadBars(store, 'NVDA', '1d');
  const ref = await src.dailyBars('NVDA', '2020-01-01', '2020-12-31');
  assert.deepEqual(
    stored.map((b) => [b.ts, b.open, b.high, b.low, b.close, b.volume]),
    ref.map((b) => [b.ts, b.open, b.high, b.low, b.close, b.volume]),
  );
});
