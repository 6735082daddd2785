/**
 * Daily bars of held option contracts from Polygon's aggregates (/v2/aggs/ticker/O:.../range/1/day/...), stored
 * under the OCC symbol's stored form. Held = OCC symbols among the broker's last reported positions and the
 * ledger's open positions; a contract bought and sold again is not held.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { silentLogger } from '../../src/lib/log.js';
import { collectHeldContracts, heldContracts } from '../../src/lib/pipeline/held-contracts.js';
import { loadBars } from '../../src/lib/store/bars.js';
import { saveBrokerPositions } from '../../src/lib/store/broker-positions.js';
import { insertFill, type LedgerFill } from '../../src/lib/store/fills.js';
import { fakeBars, polygonRig } from '../helpers/polygon.js';

const fill = (id: string, symbol: string, side: 'buy' | 'sell', qty: number): LedgerFill => ({
  id,
  clientOrderId: `c-${id}`,
  broker: 'alpaca',
  symbol,
  side,
  qty,
  price: 2,
  commission: 0,
  realizedPnl: 0,
  ts: 1,
});

test('held contracts: their daily bars are fetched and stored as O:<OCC>; closed ones and stocks are not', async (t) => {
  const HELD = 'O:AAPL240119C00190000';
  const SHORT = 'O:MSFT240119P00350000';
  const CLOSED = 'O:TSLA240119C00250000';
  const bars = {
    [HELD]: fakeBars('2023-10-02', '2023-12-29', 3),
    [SHORT]: fakeBars('2023-11-01', '2023-12-29', 4),
    [CLOSED]: fakeBars('2023-10-02', '2023-12-29', 5),
  };
  const { fake, source, store } = await polygonRig(t, bars);
  // Alpaca spells contracts without O:, the ledger keeps what the broker said
  insertFill(store, fill('1', 'AAPL240119C00190000', 'buy', 2));
  insertFill(store, fill('2', 'TSLA240119C00250000', 'buy', 1));
  insertFill(store, fill('3', 'TSLA240119C00250000', 'sell', 1));
  insertFill(store, fill('4', 'AAPL', 'buy', 10));
  saveBrokerPositions(
    store,
    'paper',
    [{ symbol: SHORT, qty: -1, avgEntryPrice: 3, marketValue: -300, currentPrice: 3 }],
    1,
  );
  assert.deepEqual(heldContracts(store), [HELD, SHORT]);

  const r = await collectHeldContracts(store, source, {
    asOf: '2023-12-29',
    now: () => Date.parse('2023-12-30T00:00:00Z'),
    log: silentLogger,
    scrub: (s) => s,
  });
  assert.deepEqual(
    r?.symbols.map((s) => s.symbol),
    [HELD, SHORT],
  );
  const stored = loadBars(store, HELD, '1d');
  assert.equal(stored.length, bars[HELD].length);
  assert.deepEqual(
    stored.map((b) => [b.ts, b.close, b.volume]),
    bars[HELD].map((b) => [b.t, b.c, b.v]),
  );
  assert.equal(loadBars(store, SHORT, '1d').length, bars[SHORT].length);
  assert.equal(loadBars(store, CLOSED, '1d').length, 0);
  // the client percent-encodes the colon (O%3A…), which the path decodes back to the ticker
  const paths = fake.requests.map((q) => decodeURIComponent(q.path)).filter((p) => p.startsWith('/v2/aggs/'));
  assert.ok(
    paths.some((p) => p.startsWith(`/v2/aggs/ticker/${HELD}/range/1/day/`)),
    paths.join(' '),
  );
  assert.ok(!paths.some((p) => p.includes('TSLA')));
});
