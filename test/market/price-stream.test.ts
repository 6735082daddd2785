/** The price feed over the Polygon stream: prices per symbol as they arrive, through drops and new subscriptions. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startPriceStream } from '../../src/lib/market/price-stream.js';
import { silentLogger } from '../../src/lib/log.js';
import { startFakePolygon } from '../fakes/polygon-server.js';
import { KEY } from '../helpers/polygon.js';
import { waitFor } from '../helpers/wait.js';

const trade = (sym: string, p: number, i: number) => ({
  ev: 'T',
  sym,
  i: String(i),
  x: 4,
  p,
  s: 100,
  t: 1e12 + i,
  q: i,
});

test('the stream drops: the client reconnects with backoff, resubscribes (followed symbols too) and updates resume', async (t) => {
  const fake = await startFakePolygon({ apiKey: KEY });
  t.after(() => fake.close());
  const prices = startPriceStream({
    apiKey: KEY,
    delayedUrl: `${fake.wsUrl}/delayed`,
    realtimeUrl: fake.wsUrl,
    realtime: false,
    symbols: ['AAPL'],
    log: silentLogger,
    maxReconnectDelayMs: 50,
  });
  t.after(() => prices.stop());
  const seen: string[] = [];
  prices.feed.onUpdate((p) => seen.push(`${p.symbol}@${p.price}`));
  await fake.ws.waitForSubscription('T.AAPL');
  prices.follow(['MSFT']);
  await fake.ws.waitForSubscription('T.MSFT');
  fake.ws.push([trade('AAPL', 190, 1), trade('MSFT', 410, 2)]);
  await waitFor(() => seen.length === 2, { what: 'the first two trades' });

  fake.ws.dropAll(); // the network drops: no close frame
  await fake.ws.waitUntil(() => fake.ws.connectionsTotal === 2 && fake.ws.subscriptions().includes('T.MSFT'));
  fake.ws.push([trade('AAPL', 191, 3), trade('MSFT', 411, 4)]);
  await waitFor(() => seen.length === 4, { what: 'the trades after the reconnect' });
  assert.deepEqual(seen, ['AAPL@190', 'MSFT@410', 'AAPL@191', 'MSFT@411']);
  assert.equal(prices.feed.latest('MSFT')?.price, 411);
  assert.equal(prices.stats().connections, 2);
  assert.equal(fake.ws.subscribeRequests, 3, 'AAPL at start, MSFT when followed, both once after the reconnect');
});
