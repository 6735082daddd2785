/** The universe ranking's options-flow term: hand-computed, point in time, and absent without chain data. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBarsCsv } from '../../src/lib/market/csv-bars.js';
import { DEFAULT_UNIVERSE_WEIGHTS, rankUniverse } from '../../src/lib/pipeline/universe.js';
import { upsertBars } from '../../src/lib/store/bars.js';
import { replaceChainSnapshot, type OptionChainRow } from '../../src/lib/store/option-chain.js';
import { openStore } from '../../src/lib/store/open.js';
import { tempDir } from '../helpers/tmp.js';

const T = '2023-06-30';
const SYMBOLS = ['AAPL', 'MSFT', 'TSLA'];

function row(underlying: string, session: string, type: 'call' | 'put', volume: number): OptionChainRow {
  return {
    ticker: `O:${underlying}230818${type === 'call' ? 'C' : 'P'}00100000`,
    underlying,
    expiry: '2023-08-18',
    type,
    strike: 100,
    bid: 1,
    ask: 1.1,
    last: 1,
    dayClose: 1,
    volume,
    openInterest: 1,
    iv: 0.3,
    delta: null,
    gamma: null,
    theta: null,
    vega: null,
    underlyingPrice: 100,
    quoteTs: null,
    session,
    greeksSource: 'polygon',
    priceSource: 'mid',
  };
}

const snap = (store: ReturnType<typeof openStore>, u: string, session: string, calls: number, puts: number): void => {
  replaceChainSnapshot(store, u, session, [row(u, session, 'call', calls), row(u, session, 'put', puts)], 1);
};

test('options flow: put/call and volume against the 20-snapshot average move the score by flow × (zv − zp) / 2', (t) => {
  const store = openStore(join(tempDir(t), 'ats.db'));
  t.after(() => store.close());
  for (const s of SYMBOLS)
    upsertBars(store, parseBarsCsv(readFileSync(join('data', 'sample', `${s}.csv`), 'utf8'), s), 'sample');
  const base = rankUniverse(store, SYMBOLS, T, DEFAULT_UNIVERSE_WEIGHTS);
  assert.ok(
    base.every((u) => !('optionFlow' in u)),
    'no chain: no flow field',
  );

  // AAPL: 3 earlier snapshots of 100 calls + 100 puts, then 300 calls + 100 puts → put/call 1/3, volume 400/200 = 2
  for (const d of ['2023-06-27', '2023-06-28', '2023-06-29']) snap(store, 'AAPL', d, 100, 100);
  snap(store, 'AAPL', T, 300, 100);
  // MSFT: 2 earlier snapshots of 50 + 50, then 50 calls + 100 puts → put/call 2, volume 150/100 = 1.5
  for (const d of ['2023-06-28', '2023-06-29']) snap(store, 'MSFT', d, 50, 50);
  snap(store, 'MSFT', T, 50, 100);
  // after T: must not count
  snap(store, 'AAPL', '2023-07-03', 10, 10_000);
  const ranked = rankUniverse(store, SYMBOLS, T, DEFAULT_UNIVERSE_WEIGHTS);
  const by = new Map(ranked.map((u) => [u.symbol, u]));
  const was = new Map(base.map((u) => [u.symbol, u.score]));
  assert.deepEqual(by.get('AAPL')!.optionFlow, { putCall: 1 / 3, volumeRatio: 2, snapshots: 4 });
  assert.deepEqual(by.get('MSFT')!.optionFlow, { putCall: 2, volumeRatio: 1.5, snapshots: 3 });
  // Two symbols: z = ±1 each. AAPL zv = +1, zp = −1 → +1; MSFT zv = −1, zp = +1 → −1; TSLA: no term.
  assert.ok(Math.abs(by.get('AAPL')!.score - (was.get('AAPL')! + 1)) < 1e-12);
  assert.ok(Math.abs(by.get('MSFT')!.score - (was.get('MSFT')! - 1)) < 1e-12);
  assert.equal(by.get('TSLA')!.score, was.get('TSLA'));
  assert.ok(!('optionFlow' in by.get('TSLA')!));
  // flow=0 gives back the ranking without the term
  const off = rankUniverse(store, SYMBOLS, T, { ...DEFAULT_UNIVERSE_WEIGHTS, flow: 0 });
  assert.deepEqual(
    off.map((u) => [u.symbol, u.score]),
    base.map((u) => [u.symbol, u.score]),
  );
});
