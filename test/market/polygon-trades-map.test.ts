import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mapTrades } from '../../src/lib/market/polygon-map.js';

// Shape of GET /v3/trades/{ticker} results: https://polygon.io/docs/rest/stocks/trades-quotes/trades
const trade = (over: Record<string, unknown>) => ({
  sip_timestamp: '1703865600123456789',
  price: 192.5,
  size: 100,
  exchange: 4,
  sequence_number: 1234,
  ...over,
});

test('mapTrades: the tick id joins trade id, exchange and sequence number; without an id the sequence number stands in', () => {
  const [a, b] = mapTrades({ results: [trade({ id: 't1' }), trade({})] }, 'AAPL', 'trades');
  assert.equal(a?.id, 't1:4:1234');
  assert.equal(b?.id, '1234:4:1234');
  assert.equal(a?.ts, 1703865600123);
});

test('mapTrades: a malformed exchange or sequence number never turns into "[object Object]" in the id', () => {
  const [a, b] = mapTrades(
    { results: [trade({ id: 't1', exchange: { x: 1 } }), trade({ sequence_number: { n: 1 } })] },
    'AAPL',
    'trades',
  );
  assert.equal(a?.id, 't1::1234');
  assert.equal(b?.id, null, 'no id and no usable sequence number: no id');
});
