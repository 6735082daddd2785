import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { collectMissingSectors, storedSector } from '../../src/lib/collect/sectors.js';
import { SampleSource } from '../../src/lib/market/sample.js';
import { openStore } from '../../src/lib/store/open.js';
import { loadSector } from '../../src/lib/store/sectors.js';
import { upsertTickerDetails } from '../../src/lib/store/reference.js';
import { fakeBars, polygonRig } from '../helpers/polygon.js';
import { tempDir } from '../helpers/tmp.js';

test('Polygon: ticker details are asked once per symbol, through the HTTP layer, and the SIC code stored as a sector', async (t) => {
  const bars = fakeBars('2023-12-01', '2023-12-29');
  const { fake, source, store } = await polygonRig(t, { AAPL: bars, MSFT: bars });
  const details = () => fake.requests.filter((r) => r.path.startsWith('/v3/reference/tickers/')).length;
  // The fake answers with Polygon's recorded AAPL body (sic_code "3571", ELECTRONIC COMPUTERS) for known tickers.
  assert.deepEqual(await collectMissingSectors(store, source, ['AAPL', 'MSFT'], () => 1), ['AAPL', 'MSFT']);
  assert.equal(details(), 2);
  assert.deepEqual(loadSector(store, 'AAPL'), {
    symbol: 'AAPL',
    sector: 'Information Technology',
    sicCode: '3571',
    source: 'polygon',
  });
  // collected once: a second run asks nothing
  assert.deepEqual(await collectMissingSectors(store, source, ['AAPL', 'MSFT'], () => 2), []);
  assert.equal(details(), 2);
});

test('sample: the SIC codes of data/sample/sectors.json, no request; unknown symbols stored without a sector', async (t) => {
  const store = openStore(join(tempDir(t), 'ats.db'));
  t.after(() => store.close());
  const source = new SampleSource(join(process.cwd(), 'data', 'sample'));
  await collectMissingSectors(store, source, ['AAPL', 'AMZN', 'TSLA', 'NVDA', 'ZZZZ'], () => 1);
  assert.deepEqual(
    ['AAPL', 'AMZN', 'TSLA', 'NVDA', 'ZZZZ'].map((s) => storedSector(store, s)),
    ['Information Technology', 'Consumer Discretionary', 'Consumer Discretionary', 'Information Technology', null],
  );
  assert.equal(loadSector(store, 'ZZZZ')?.source, 'sample', 'asked once, remembered as unknown');
  // details collected before sectors were (an older store): their SIC code is mapped on read
  upsertTickerDetails(
    store,
    {
      symbol: 'XOM',
      name: null,
      marketCap: null,
      sharesOutstanding: null,
      sicCode: '2911',
      sicDescription: 'PETROLEUM REFINING',
    },
    1,
  );
  assert.equal(storedSector(store, 'XOM'), 'Energy');
});
