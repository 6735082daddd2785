/**
 * Options on the paper simulator: an iron condor as one mleg order filled at the model chain's prices, grouped into
 * one position with net greeks, closed by the evaluator's take-profit rule, and settled at expiry with one leg
 * assigned. The underlying is synthetic: closes alternate 100, 101 (log returns ±ln 1.01), so its realised
 * volatility over 60 returns (30 up, 30 down, mean 0) is ln(1.01) × √(60/59 × 252) in closed form; every expected
 * price is bsm.ts's European price at that volatility (model-chain.ts: no dividend yield), rounded to the cent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { europeanGreeks, europeanPrice } from '../../src/lib/options/bsm.js';
import { sessionClose, sessionsBetween } from '../../src/lib/market/calendar.js';
import { upsertBars } from '../../src/lib/store/bars.js';
import { nyMidnight } from '../../src/lib/time.js';
import { BrokerError } from '../../src/lib/errors.js';
import type { OrderRequest } from '../../src/lib/broker/types.js';
import { replaceChainSnapshot } from '../../src/lib/store/option-chain.js';
import type { OptionChainRow } from '../../src/lib/store/option-chain.js';
import { loadOptionGroups } from '../../src/lib/portfolio/option-positions.js';
import { evaluateOptionsOnce } from '../../src/lib/evaluator/option-pass.js';
import { deps, execEnv, paperBroker } from './exec-helpers.js';
import { condorOrder as condor, seedSyntheticSpy } from '../helpers/paper-condor.js';
import type { ExecEnv } from './exec-helpers.js';

const SESSIONS = sessionsBetween('2025-01-02', '2025-06-30');
const OPEN = '2025-04-15';
const EXPIRY = '2025-05-16';
const RATE = 0.04;
const VOL = Math.log(1.01) * Math.sqrt((60 / 59) * 252);
const close = (i: number): number => (i % 2 === 0 ? 100 : 101);
const cents = (x: number): number => Math.round(x * 100) / 100;

const asOf = (env: ExecEnv, session: string): void => {
  env.clock.now = sessionClose(session) + 60_000;
};

/** SPY 16 May 2025: long 90 put, short 95 put, short 105 call, long 110 call. */
const LEGS = [
  { symbol: 'SPY250516P00090000', type: 'put', strike: 90, qty: 1 },
  { symbol: 'SPY250516P00095000', type: 'put', strike: 95, qty: -1 },
  { symbol: 'SPY250516C00105000', type: 'call', strike: 105, qty: -1 },
  { symbol: 'SPY250516C00110000', type: 'call', strike: 110, qty: 1 },
] as const;

/** Model price of a leg on `session` with the underlying at `spot`. */
function model(l: (typeof LEGS)[number], session: string, spot: number): number {
  const days = (Date.parse(EXPIRY) - Date.parse(session)) / 86_400_000;
  return europeanPrice({
    type: l.type,
    spot,
    strike: l.strike,
    years: days / 365,
    rate: RATE,
    dividendYield: 0,
    vol: VOL,
  });
}

test('an iron condor as one mleg order fills all four legs at the model chain prices; cash moves × 100', async (t) => {
  const env = execEnv(t);
  seedSyntheticSpy(env.store, (_s, i) => close(i));
  asOf(env, OPEN);
  const spot = close(SESSIONS.indexOf(OPEN)); // 100
  const broker = paperBroker(env, { optionsRate: RATE, startingCash: 10_000 });
  const order = await broker.submitOrder(condor('ic-1'));
  const expected = LEGS.map((l) => cents(model(l, OPEN, spot)));
  // bsm.ts at spot 100, 31 days, vol 15.93 %: 0.0142, 0.2649, 0.4126, 0.0435 → 0.01, 0.26, 0.41, 0.04.
  assert.deepEqual(expected, [0.01, 0.26, 0.41, 0.04]);
  assert.equal(order.status, 'filled');
  assert.deepEqual(
    order.legs?.map((l) => [l.symbol, l.side, l.qty, l.status, l.filledAvgPrice]),
    LEGS.map((l, i) => [l.symbol, l.qty > 0 ? 'buy' : 'sell', 1, 'filled', expected[i]]),
  );
  assert.equal(order.filledAvgPrice, -0.62); // net credit per share: 0.01 − 0.26 − 0.41 + 0.04
  const positions = await broker.getPositions();
  assert.deepEqual(
    positions.map((p) => [p.symbol, p.assetClass, p.qty, p.avgEntryPrice]),
    [...LEGS]
      .sort((a, b) => a.symbol.localeCompare(b.symbol))
      .map((l) => [l.symbol, 'us_option', l.qty, expected[LEGS.indexOf(l)]]),
  );
  const account = await broker.getAccount();
  assert.ok(Math.abs(account.cash - (10_000 + 62)) < 1e-9, `cash ${account.cash}`);
  const value = LEGS.reduce((s, l) => s + l.qty * model(l, OPEN, spot) * 100, 0);
  assert.ok(Math.abs(account.equity - (10_062 + value)) < 1e-9, `equity ${account.equity}`);
});

test('a limit mleg rests until its net is at or better than the limit; a leg without a price refuses the order', async (t) => {
  const env = execEnv(t);
  seedSyntheticSpy(env.store, (_s, i) => close(i));
  asOf(env, OPEN);
  const broker = paperBroker(env, { optionsRate: RATE });
  // Asking a 0.70 credit when the legs give 0.62: not marketable, rests (gtc).
  const resting = await broker.submitOrder(condor('ic-limit', { type: 'limit', limitPrice: -0.7, timeInForce: 'gtc' }));
  assert.equal(resting.status, 'new');
  assert.deepEqual(
    resting.legs?.map((l) => l.status),
    ['new', 'new', 'new', 'new'],
  );
  assert.deepEqual(await broker.getPositions(), []);
  // A credit of 0.60 or more is asked: 0.62 is better, fills at 0.62.
  const better = await broker.submitOrder(condor('ic-better', { type: 'limit', limitPrice: -0.6 }));
  assert.equal(better.filledAvgPrice, -0.62);
  const bad = condor('ic-bad');
  bad.optionLegs = [
    ...bad.optionLegs!.slice(0, 3),
    { ...bad.optionLegs![3]!, symbol: 'SPY250516C00110000'.replace('SPY', 'SPX') },
  ];
  await assert.rejects(broker.submitOrder(bad), BrokerError);
  assert.equal(await broker.getOrderByClientId('ic-bad'), null);
});

test('a resting single-leg limit fills at the first later session close whose price reaches it; cancel ends mleg legs', async (t) => {
  const env = execEnv(t);
  seedSyntheticSpy(env.store, (_s, i) => close(i));
  asOf(env, OPEN);
  const broker = paperBroker(env, { optionsRate: RATE });
  const call105 = LEGS[2];
  // The 105 call is worth 0.41 on 15 Apr: a buy limit at 0.30 rests (gtc), worked at each later close.
  const order = await broker.submitOrder({
    clientOrderId: 'c105',
    symbol: call105.symbol,
    side: 'buy',
    qty: 2,
    type: 'limit',
    timeInForce: 'gtc',
    limitPrice: 0.3,
    stopPrice: null,
  });
  assert.equal(order.status, 'new');
  const later = SESSIONS.slice(SESSIONS.indexOf(OPEN) + 1, SESSIONS.indexOf('2025-04-25') + 1);
  const first = later.find((s) => cents(model(call105, s, close(SESSIONS.indexOf(s)))) <= 0.3)!;
  const price = cents(model(call105, first, close(SESSIONS.indexOf(first))));
  asOf(env, '2025-04-25');
  const filled = await broker.getOrderByClientId('c105');
  assert.deepEqual([filled!.status, filled!.filledAvgPrice, filled!.filledSession], ['filled', price, first]);
  assert.ok(first > OPEN && price <= 0.3);
  const [position] = await broker.getPositions();
  assert.deepEqual([position!.symbol, position!.qty, position!.avgEntryPrice], [call105.symbol, 2, price]);

  // A resting mleg canceled: its legs go with it.
  const resting = await broker.submitOrder(condor('ic-cancel', { type: 'limit', limitPrice: -5, timeInForce: 'gtc' }));
  await broker.cancelOrder(resting.id);
  const canceled = await broker.getOrderByClientId('ic-cancel');
  assert.deepEqual(
    [canceled!.status, ...canceled!.legs!.map((l) => l.status)],
    ['canceled', ...LEGS.map(() => 'canceled')],
  );
});

test('a stored chain quote taken by the clock wins over the model: mid ± optionSlippage dollars per share', async (t) => {
  const env = execEnv(t);
  seedSyntheticSpy(env.store, (_s, i) => close(i));
  asOf(env, OPEN);
  const quote = (bid: number, ask: number, quoteTs: number): OptionChainRow => ({
    ticker: 'O:SPY250516C00105000',
    underlying: 'SPY',
    expiry: EXPIRY,
    type: 'call',
    strike: 105,
    bid,
    ask,
    last: null,
    dayClose: null,
    volume: null,
    openInterest: null,
    iv: null,
    delta: null,
    gamma: null,
    theta: null,
    vega: null,
    underlyingPrice: 100,
    quoteTs,
    session: OPEN,
    greeksSource: null,
    priceSource: 'mid',
  });
  // Bid 0.50 / ask 0.60 quoted at the close: a buy fills at the mid 0.55 + 0.02 slippage, a sell at 0.55 − 0.02.
  replaceChainSnapshot(env.store, 'SPY', OPEN, [quote(0.5, 0.6, sessionClose(OPEN))], env.clock.now);
  const broker = paperBroker(env, { optionsRate: RATE, optionSlippage: 0.02 });
  const single = (id: string, side: 'buy' | 'sell'): OrderRequest => ({
    clientOrderId: id,
    symbol: 'SPY250516C00105000',
    side,
    qty: 1,
    type: 'market',
    timeInForce: 'day',
    limitPrice: null,
    stopPrice: null,
  });
  assert.equal((await broker.submitOrder(single('buy-1', 'buy'))).filledAvgPrice, 0.57);
  assert.equal((await broker.submitOrder(single('sell-1', 'sell'))).filledAvgPrice, 0.53);
  // A quote stamped after the clock is not read: the model price (0.41) less the slippage.
  replaceChainSnapshot(env.store, 'SPY', OPEN, [quote(0.5, 0.6, env.clock.now + 1)], env.clock.now);
  const model105 = cents(model(LEGS[2], OPEN, 100));
  assert.equal((await broker.submitOrder(single('sell-2', 'sell'))).filledAvgPrice, cents(model105 - 0.02));
});

test('one grouped position with net greeks; the take-profit rule closes it with one mleg order', async (t) => {
  const env = execEnv(t);
  seedSyntheticSpy(env.store, (_s, i) => close(i));
  asOf(env, OPEN);
  const broker = paperBroker(env, { optionsRate: RATE, startingCash: 10_000 });
  await broker.submitOrder(condor('ic-tp'));
  const [group, ...rest] = loadOptionGroups(env.store, await broker.getPositions(), env.clock.now, RATE);
  assert.equal(rest.length, 0);
  assert.equal(group!.strategy, 'iron_condor');
  assert.equal(group!.daysToExpiry, 31);
  assert.ok(Math.abs(group!.premium - 62) < 1e-9);
  assert.ok(Math.abs(group!.maxProfit! - 62) < 1e-9);
  assert.ok(Math.abs(group!.maxLoss! - (500 - 62)) < 1e-9); // 5-point wings less the credit, × 100
  for (const k of ['delta', 'gamma', 'theta', 'vega'] as const) {
    const want = LEGS.reduce((s, l) => {
      const g = europeanGreeks({
        type: l.type,
        spot: 100,
        strike: l.strike,
        years: 31 / 365,
        rate: RATE,
        dividendYield: 0,
        vol: VOL,
      });
      return s + g[k] * l.qty * 100;
    }, 0);
    assert.ok(
      Math.abs(group!.greeks[k] - want) < 1e-9 * Math.max(1, Math.abs(want)),
      `${k} ${group!.greeks[k]} vs ${want}`,
    );
  }
  const rules = { takeProfit: 0.5, stopMultiple: 2, closeDte: 7 };
  // 25 Apr (21 days, spot 101): PnL 21.19 < 31 = half the max profit: hold.
  asOf(env, '2025-04-25');
  const held = await evaluateOptionsOnce(deps(env, broker), rules, { rate: RATE });
  assert.deepEqual(
    held.map((r) => r.action),
    ['hold'],
  );
  // 28 Apr (18 days, spot 100): PnL 36.96 ≥ 31: one mleg closing order, filled at the marks.
  asOf(env, '2025-04-28');
  const [closed] = await evaluateOptionsOnce(deps(env, broker), rules, { rate: RATE });
  assert.equal(closed!.action, 'close');
  assert.equal(closed!.decision.rule, 'take-profit');
  assert.equal(closed!.status, 'filled');
  const order = await broker.getOrderByClientId(closed!.clientOrderId!);
  assert.equal(order!.orderClass, 'mleg');
  const marks = LEGS.map((l) => cents(model(l, '2025-04-28', 100)));
  assert.deepEqual(
    order!.legs!.map((l) => [l.symbol, l.side, l.filledAvgPrice]),
    [...LEGS]
      .sort((a, b) => a.strike - b.strike || a.type.localeCompare(b.type))
      .map((l) => [l.symbol, l.qty > 0 ? 'sell' : 'buy', marks[LEGS.indexOf(l)]]),
  );
  assert.deepEqual(await broker.getPositions(), []);
  const account = await broker.getAccount();
  // Selling the longs back and buying the shorts back: Σ contracts × mark × 100 (negative: a net debit of 26).
  const proceeds = LEGS.reduce((s, l, i) => s + l.qty * marks[i]! * 100, 0);
  assert.ok(Math.abs(proceeds + 26) < 1e-9, `proceeds ${proceeds}`);
  assert.ok(Math.abs(account.cash - (10_062 + proceeds)) < 1e-9, `cash ${account.cash}`);
  // A second pass the same session finds nothing to close and sends nothing.
  assert.deepEqual(await evaluateOptionsOnce(deps(env, broker), rules, { rate: RATE }), []);
});

test('at expiry the worthless legs expire and the in-the-money short call is assigned into 100 short shares', async (t) => {
  const env = execEnv(t);
  // SPY closes at 107 on the expiry session: the 105 call is in the money, the 110 call and both puts are not.
  seedSyntheticSpy(env.store, (s, i) => (s >= EXPIRY ? 107 : close(i)));
  asOf(env, OPEN);
  const broker = paperBroker(env, { optionsRate: RATE, startingCash: 10_000 });
  const opened = await broker.submitOrder(condor('ic-exp'));
  // Point in time: the later bars (the jump to 107) did not touch the fill at the open.
  assert.equal(opened.filledAvgPrice, -0.62);
  // Before the expiry session's close nothing is settled.
  env.clock.now = sessionClose(EXPIRY) - 60_000;
  assert.equal((await broker.getPositions()).length, 4);
  asOf(env, EXPIRY);
  const positions = await broker.getPositions();
  assert.deepEqual(
    positions.map((p) => [p.symbol, p.assetClass ?? 'us_equity', p.qty, p.avgEntryPrice]),
    [['SPY', 'us_equity', -100, 105]],
  );
  const records = (await broker.listOrders('closed')).filter((o) => /^(expiry|exercise):/.test(o.clientOrderId));
  assert.deepEqual(
    records.map((o) => [o.clientOrderId, o.side, o.qty, o.filledAvgPrice, o.filledSession]).sort(),
    [
      ['exercise:SPY250516C00105000', 'sell', 100, 105, EXPIRY],
      ['expiry:SPY250516C00105000', 'buy', 1, 0, EXPIRY],
      ['expiry:SPY250516C00110000', 'sell', 1, 0, EXPIRY],
      ['expiry:SPY250516P00090000', 'sell', 1, 0, EXPIRY],
      ['expiry:SPY250516P00095000', 'buy', 1, 0, EXPIRY],
    ].sort(),
  );
  const account = await broker.getAccount();
  // 10 000 + 62 credit + 10 500 from the assigned sale; equity marks the short 100 at the 107 close.
  assert.ok(Math.abs(account.cash - 20_562) < 1e-9, `cash ${account.cash}`);
  assert.ok(Math.abs(account.equity - (20_562 - 10_700)) < 1e-9, `equity ${account.equity}`);
  // Written once: a later bar changing the expiry close changes nothing already settled.
  upsertBars(
    env.store,
    [
      {
        symbol: 'SPY',
        timeframe: '1d',
        ts: nyMidnight(EXPIRY),
        open: 90,
        high: 90,
        low: 90,
        close: 90,
        volume: 1,
        vwap: null,
        trades: null,
      },
    ],
    'test',
  );
  asOf(env, '2025-05-19');
  assert.deepEqual(
    (await broker.getPositions()).map((p) => [p.symbol, p.qty]),
    [['SPY', -100]],
  );
});
