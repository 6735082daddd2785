import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { metricsText } from '../../src/lib/metrics/export.js';
import { StreamStatus } from '../../src/lib/metrics/stream-status.js';
import { upsertBars } from '../../src/lib/store/bars.js';
import { openStore } from '../../src/lib/store/open.js';
import type { Bar } from '../../src/lib/types.js';
import { tempDir } from '../helpers/tmp.js';
import { samples } from '../helpers/promtool.js';

const bar = (symbol: string, timeframe: Bar['timeframe'], ts: number): Bar => ({
  symbol,
  timeframe,
  ts,
  open: 1,
  high: 1,
  low: 1,
  close: 1,
  volume: 1,
  vwap: null,
  trades: null,
});

test('bar age per symbol from its latest daily bar; a fresh registry per call (nothing carried between stores)', async (t) => {
  const dir = tempDir(t);
  const a = openStore(join(dir, 'a.db'));
  const b = openStore(join(dir, 'b.db'));
  t.after(() => {
    a.close();
    b.close();
  });
  const now = Date.UTC(2024, 0, 10);
  const day = 86_400_000;
  upsertBars(
    a,
    [bar('AAPL', '1d', now - 3 * day), bar('AAPL', '1d', now - 2 * day), bar('MSFT', '1d', now - 5 * day)],
    'test',
  );
  upsertBars(a, [bar('TSLA', '1m', now - 60_000)], 'test'); // minute bars only: no daily age
  const cfg = { broker: 'paper' as const, maxDailyLossPct: 5 };
  const stream = new StreamStatus();
  stream.setConnected(true);
  stream.recordEvent(now - 2500, now);
  const m = samples(await metricsText({ store: a, cfg, now, stream }));
  assert.equal(m.get('ats_bar_age_seconds{symbol="AAPL",timeframe="1d"}'), 2 * 86_400);
  assert.equal(m.get('ats_bar_age_seconds{symbol="MSFT",timeframe="1d"}'), 5 * 86_400);
  assert.equal([...m.keys()].filter((k) => k.includes('TSLA')).length, 0);
  assert.equal(m.get('ats_stream_connected'), 1);
  assert.equal(m.get('ats_stream_lag_seconds'), 2.5);
  assert.equal(m.get('ats_daily_loss_limit_ratio'), 0.05);

  const other = samples(await metricsText({ store: b, cfg, now }));
  assert.equal([...other.keys()].filter((k) => k.startsWith('ats_bar_age_seconds')).length, 0);
  assert.equal(other.has('ats_stream_connected'), false, 'no feed held: no stream gauges');
  assert.equal(other.get('ats_open_positions{broker="paper"}'), 0);
});
