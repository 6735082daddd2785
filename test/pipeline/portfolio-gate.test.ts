/** The portfolio limits of `daily` on the bundled sample: sectors from its sectors.json, real bars, the paper broker. */
import { ExecutionEvents } from '../../src/lib/execution/events.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { PaperBroker } from '../../src/lib/broker/paper.js';
import { silentLogger } from '../../src/lib/log.js';
import { sessionClose } from '../../src/lib/market/calendar.js';
import { SampleSource } from '../../src/lib/market/sample.js';
import { gatePortfolioRisk, type GatedTrade } from '../../src/lib/pipeline/portfolio-gate.js';
import type { RiskLimits } from '../../src/lib/risk/index.js';
import { upsertBars, loadBars, loadSeries } from '../../src/lib/store/bars.js';
import { atr } from '../../src/lib/features/volatility.js';
import { openStore, type Store } from '../../src/lib/store/open.js';
import { loadSector } from '../../src/lib/store/sectors.js';
import { nyMidnight } from '../../src/lib/time.js';
import { tempDir } from '../helpers/tmp.js';

const ASOF = '2023-06-01';
const SYMBOLS = ['AAPL', 'AMZN', 'GOOGL', 'META', 'MSFT', 'NVDA', 'TSLA'];
const source = new SampleSource(join(process.cwd(), 'data', 'sample'));

async function setup(t: { after: (fn: () => void) => void }, lastSession: string) {
  const store = openStore(join(tempDir(t), 'ats.db'));
  t.after(() => store.close());
  for (const s of SYMBOLS) upsertBars(store, await source.dailyBars(s, '2022-06-01', lastSession), 'sample');
  const broker = new PaperBroker(store, { now: () => sessionClose(ASOF) });
  const limits: Partial<RiskLimits> = {};
  const deps = {
    store,
    broker,
    events: new ExecutionEvents(),
    log: silentLogger,
    now: () => sessionClose(ASOF),
    limits,
  };
  const ctx = { store, source, asOf: ASOF, log: silentLogger, now: () => 0, execution: () => Promise.resolve(deps) };
  return { store, broker, limits, ctx };
}

const closeOn = (store: Store, symbol: string): number =>
  loadBars(store, symbol, '1d', nyMidnight(ASOF), nyMidnight(ASOF))[0]!.close;

/** About `dollars` of `symbol` at its as-of close, stop 5 % below. */
function pick(store: Store, symbol: string, dollars: number): GatedTrade {
  const entry = closeOn(store, symbol);
  return { symbol, shares: Math.floor(dollars / entry), entry, stop: entry * 0.95, status: 'planned' };
}

test('sector limit on the sample: the third $10,000 Information Technology pick of a run is refused', async (t) => {
  const { store, limits, ctx } = await setup(t, ASOF);
  limits.maxCorrelation = 1; // the sector limit alone
  const planned = ['GOOGL', 'AMZN', 'META', 'MSFT'].map((s) => pick(store, s, 10_000));
  assert.equal(await gatePortfolioRisk(ctx, planned, 2), 1);
  // sectors were collected from data/sample/sectors.json (SEC EDGAR SIC codes): 7370 and 7372 → IT, 5961 → CD
  assert.deepEqual(
    ['GOOGL', 'AMZN', 'META', 'MSFT'].map((s) => loadSector(store, s)?.sector),
    ['Information Technology', 'Consumer Discretionary', 'Information Technology', 'Information Technology'],
  );
  assert.deepEqual(
    planned.map((p) => p.status.slice(0, 21)),
    ['planned', 'planned', 'planned', 'refused: sector limit'],
  );
  const [googl, , meta, msft] = planned;
  const it = [googl!, meta!, msft!].reduce((sum, p) => sum + p.shares * p.entry, 0);
  const m =
    /^refused: sector limit: buying (\d+) MSFT \(\$[\d,.]+\) would put Information Technology at ([\d.]+)% of equity \(\$([\d,.]+) of \$100,000\), limit 25%$/.exec(
      msft!.status,
    );
  assert.ok(m, msft!.status);
  assert.equal(Number(m[1]), msft!.shares);
  assert.ok(Math.abs(Number(m[2]) - it / 1000) < 0.05, `${m[2]}% vs ${it / 1000}%`);
  assert.ok(it > 25_000 && it - msft!.shares * msft!.entry <= 25_000);
});

// AAPL–META: 0.5833 over the 60 daily returns 2023-03-08 … 2023-06-01 (closes 2023-03-07 … 2023-06-01), computed
// independently with a short Python script from data/sample/*.csv; AAPL–GOOGL 0.5256, GOOGL–META 0.5516.
test('correlation limit on the sample: META refused for its 0.58 correlation with AAPL; later bars change nothing', async (t) => {
  const { store, limits, ctx } = await setup(t, '2023-12-29');
  limits.maxCorrelation = 0.55;
  const run = async (): Promise<string[]> => {
    const planned = ['AAPL', 'GOOGL', 'META'].map((s) => pick(store, s, 5_000));
    await gatePortfolioRisk(ctx, planned, 2);
    return planned.map((p) => p.status);
  };
  const before = await run();
  assert.deepEqual(before, [
    'planned',
    'planned',
    "refused: correlation limit: META's 60-session daily-return correlation with AAPL (open) is 0.58, limit 0.55",
  ]);
  // Perturb every bar after the as-of session: ±20 % on alternate days. The decision must not move.
  for (const s of ['AAPL', 'META', 'GOOGL']) {
    const later = loadBars(store, s, '1d', nyMidnight(ASOF) + 1);
    assert.ok(later.length > 100);
    upsertBars(
      store,
      later.map((b, i) => ({ ...b, close: b.close * (i % 2 === 0 ? 1.2 : 0.8) })),
      'sample',
    );
  }
  assert.deepEqual(await run(), before);
});

test('heat limit: a held position risks qty × (price − its broker stop); without a stop, 2 ATRs', async (t) => {
  const { store, broker, limits, ctx } = await setup(t, ASOF);
  const aaplClose = closeOn(store, 'AAPL'); // 180.09, the sample's 2023-06-01 close
  await broker.submitOrder({
    clientOrderId: 'buy',
    symbol: 'AAPL',
    side: 'buy',
    qty: 100,
    type: 'market',
    timeInForce: 'day',
    limitPrice: null,
    stopPrice: null,
  });
  const [position] = await broker.getPositions();
  assert.equal(position?.qty, 100);
  const price = position.currentPrice;
  assert.equal(price, aaplClose);
  const stopOrder = await broker.submitOrder({
    clientOrderId: 'stop',
    symbol: 'AAPL',
    side: 'sell',
    qty: 100,
    type: 'stop',
    timeInForce: 'gtc',
    limitPrice: null,
    stopPrice: 170,
  });
  limits.maxHeat = 0.01; // $1,000 of about $100,000
  const amzn = pick(store, 'AMZN', 5_000);
  await gatePortfolioRisk(ctx, [amzn], 2);
  const open = 100 * (price - 170); // $1,009
  const added = amzn.shares * (amzn.entry - amzn.stop);
  const m =
    /^refused: heat limit: risk to stops would be \$([\d,.]+) = [\d.]+% of equity \$[\d,.]+ \(\$([\d,.]+) open \+ \$([\d,.]+) for \d+ AMZN, /.exec(
      amzn.status,
    );
  assert.ok(m, amzn.status);
  const num = (s: string): number => Number(s.replace(/,/g, ''));
  assert.ok(Math.abs(num(m[2]!) - open) < 0.01, `${m[2]} vs ${open}`);
  assert.ok(Math.abs(num(m[3]!) - added) < 0.01);
  assert.ok(Math.abs(num(m[1]!) - open - added) < 0.02);

  // Without a broker stop the position counts at its sizing stop, two ATR(14)s below the price: 100 × 2 × ATR.
  await broker.cancelOrder(stopOrder.id);
  limits.maxHeat = 0.005;
  const again = pick(store, 'AMZN', 5_000);
  await gatePortfolioRisk(ctx, [again], 2);
  const bars = loadSeries(store, 'AAPL', -Infinity, nyMidnight(ASOF));
  const atr14 = atr(bars.high, bars.low, bars.close).at(-1)!;
  const m2 = /\(\$([\d,.]+) open/.exec(again.status);
  assert.ok(m2, again.status);
  assert.ok(Math.abs(num(m2[1]!) - 100 * 2 * atr14) < 0.01, `${m2[1]} vs ${200 * atr14}`);
});
