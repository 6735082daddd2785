/**
 * The paper simulator works resting orders and bracket legs through stored daily bars, up to its clock and never
 * past it. Synthetic bars; every expected price is worked out beside it (rules: src/lib/broker/paper-fill.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BrokerError } from '../../src/lib/errors.js';
import { sessionClose } from '../../src/lib/market/calendar.js';
import { upsertBars } from '../../src/lib/store/bars.js';
import { nyMidnight } from '../../src/lib/time.js';
import type { BrokerOrder, OrderRequest } from '../../src/lib/broker/types.js';
import { execEnv, paperBroker } from './exec-helpers.js';
import type { ExecEnv } from './exec-helpers.js';

type Ohlc = [open: number, high: number, low: number, close: number];
/** 2025-03-04 … 2025-03-10: Tuesday to the next Monday, all NYSE sessions. */
const D = ['2025-03-04', '2025-03-05', '2025-03-06', '2025-03-07', '2025-03-10'] as const;

function bars(env: ExecEnv, rows: Ohlc[]): void {
  upsertBars(
    env.store,
    rows.map(([open, high, low, close], i) => ({
      symbol: 'AAPL',
      timeframe: '1d' as const,
      ts: nyMidnight(D[i] as string),
      open,
      high,
      low,
      close,
      volume: 1000,
      vwap: null,
      trades: null,
    })),
    'test',
  );
}

/** The clock one minute after a session's close, as ats runs under --asof. */
const asOf = (env: ExecEnv, session: string): void => {
  env.clock.now = sessionClose(session) + 60_000;
};

const entry = (id: string, extra: Partial<OrderRequest> = {}): OrderRequest => ({
  clientOrderId: id,
  symbol: 'AAPL',
  side: 'buy',
  qty: 10,
  type: 'market',
  timeInForce: 'day',
  limitPrice: null,
  stopPrice: null,
  ...extra,
});
const bracket = {
  orderClass: 'bracket',
  takeProfit: { limitPrice: 110 },
  stopLoss: { stopPrice: 95, limitPrice: null },
} as const;

const legsOf = (o: BrokerOrder | null) =>
  (o?.legs ?? []).map((l) => [l.clientOrderId, l.type, l.status, l.filledAvgPrice, l.filledSession ?? null]);

test('a bar that touches both legs of a bracket fills the stop (conservative) and cancels the take-profit', async (t) => {
  const env = execEnv(t);
  bars(env, [
    [99, 101, 98, 100],
    [100, 104, 97, 101],
    [101, 111, 94, 105], // reaches 110 and 95
  ]);
  asOf(env, D[0]);
  const broker = paperBroker(env);
  const placed = await broker.submitOrder(entry('b1', bracket));
  // market entry at the 2025-03-04 close, 100, in that session
  assert.deepEqual([placed.status, placed.filledAvgPrice, placed.filledSession], ['filled', 100, D[0]]);
  assert.deepEqual(legsOf(placed), [
    ['b1-tp', 'limit', 'new', null, null],
    ['b1-sl', 'stop', 'new', null, null],
  ]);
  asOf(env, D[2]);
  assert.deepEqual(legsOf(await broker.getOrderByClientId('b1')), [
    ['b1-tp', 'limit', 'canceled', null, null],
    ['b1-sl', 'stop', 'filled', 95, D[2]],
  ]);
  assert.deepEqual(await broker.getPositions(), []);
});

test('take-profit fills and cancels its stop; nothing after the clock is read', async (t) => {
  const env = execEnv(t);
  bars(env, [
    [99, 101, 98, 100],
    [100, 104, 97, 101],
    [103, 112, 102, 111], // reaches 110 only
  ]);
  asOf(env, D[0]);
  const broker = paperBroker(env);
  await broker.submitOrder(entry('b2', bracket));
  asOf(env, D[1]); // the 2025-03-06 bar is stored but after the clock
  assert.deepEqual(legsOf(await broker.getOrderByClientId('b2')), [
    ['b2-tp', 'limit', 'new', null, null],
    ['b2-sl', 'stop', 'new', null, null],
  ]);
  const [pos] = await broker.getPositions();
  assert.equal(pos?.currentPrice, 101); // the 2025-03-05 close, not 2025-03-06's 111
  asOf(env, D[2]);
  assert.deepEqual(legsOf(await broker.getOrderByClientId('b2')), [
    ['b2-tp', 'limit', 'filled', 110, D[2]],
    ['b2-sl', 'stop', 'canceled', null, null],
  ]);
});

test('exit legs become active in the session after their entry filled', async (t) => {
  const env = execEnv(t);
  bars(env, [
    [99, 101, 98, 100],
    [100, 101, 94, 99], // the limit entry at 98 fills; the same bar's 94 does not touch the stop leg yet
    [99, 100, 96, 99],
    [98, 99, 94.5, 95], // stop 95 traded through
  ]);
  asOf(env, D[0]);
  const broker = paperBroker(env);
  const placed = await broker.submitOrder(
    entry('b3', { ...bracket, type: 'limit', limitPrice: 98, timeInForce: 'gtc' }),
  );
  assert.equal(placed.status, 'new');
  asOf(env, D[3]);
  const o = await broker.getOrderByClientId('b3');
  assert.deepEqual([o?.status, o?.filledAvgPrice, o?.filledSession], ['filled', 98, D[1]]);
  assert.deepEqual(legsOf(o), [
    ['b3-tp', 'limit', 'canceled', null, null],
    ['b3-sl', 'stop', 'filled', 95, D[3]],
  ]);
});

test('trailing-stop leg: the high-water mark starts at the entry fill and rises with each bar high', async (t) => {
  const env = execEnv(t);
  bars(env, [
    [99, 101, 98, 100],
    [101, 110, 101, 108], // mark 110 → stop 104.50
    [108, 109, 104, 105], // low 104 ≤ 104.50
  ]);
  asOf(env, D[0]);
  const broker = paperBroker(env);
  await broker.submitOrder(
    entry('t1', { orderClass: 'oto', stopLoss: { stopPrice: 95, limitPrice: null, trailPercent: 5 } }),
  );
  asOf(env, D[1]);
  assert.deepEqual(legsOf(await broker.getOrderByClientId('t1')), [['t1-sl', 'trailing_stop', 'new', null, null]]);
  asOf(env, D[2]);
  assert.deepEqual(legsOf(await broker.getOrderByClientId('t1')), [['t1-sl', 'trailing_stop', 'filled', 104.5, D[2]]]);
});

test('replaceOrder moves a resting stop in place; a filled or canceled order is refused', async (t) => {
  const env = execEnv(t);
  bars(env, [
    [99, 101, 98, 100],
    [100, 104, 96.5, 101], // low 96.5: under the replaced stop 97, above the original 95
  ]);
  asOf(env, D[0]);
  const broker = paperBroker(env);
  const placed = await broker.submitOrder(entry('r1', bracket));
  const stop = placed.legs?.find((l) => l.type === 'stop') as BrokerOrder;
  const moved = await broker.replaceOrder(stop.id, { stopPrice: 97 });
  assert.deepEqual([moved.id, moved.stopPrice, moved.status], [stop.id, 97, 'new']);
  await assert.rejects(
    broker.replaceOrder(placed.id, { qty: 5 }),
    (e: unknown) => e instanceof BrokerError && /filled/.test(String(e)),
  );
  await assert.rejects(broker.replaceOrder(stop.id, { limitPrice: 90 }), BrokerError); // a stop has no limit
  asOf(env, D[1]);
  assert.deepEqual(legsOf(await broker.getOrderByClientId('r1')), [
    ['r1-tp', 'limit', 'canceled', null, null],
    ['r1-sl', 'stop', 'filled', 97, D[1]],
  ]);
  const tp = placed.legs?.find((l) => l.type === 'limit') as BrokerOrder;
  await assert.rejects(broker.replaceOrder(tp.id, { limitPrice: 120 }), /canceled/);
});

test('a day order placed after the close works the next session, then expires', async (t) => {
  const env = execEnv(t);
  bars(env, [
    [99, 101, 98, 100],
    [100, 101, 96, 99],
    [97, 98, 90, 91], // would fill a limit at 95, but the day orders have expired
  ]);
  asOf(env, D[0]);
  const broker = paperBroker(env);
  await broker.submitOrder(entry('d1', { type: 'limit', limitPrice: 96.5, qty: 1 }));
  await broker.submitOrder(entry('d2', { type: 'limit', limitPrice: 95, qty: 1 }));
  asOf(env, D[2]);
  const [d1, d2] = await Promise.all([broker.getOrderByClientId('d1'), broker.getOrderByClientId('d2')]);
  assert.deepEqual([d1?.status, d1?.filledAvgPrice, d1?.filledSession], ['filled', 96.5, D[1]]);
  assert.equal(d2?.status, 'expired');
});

test('canceling an entry cancels its legs', async (t) => {
  const env = execEnv(t);
  bars(env, [[99, 101, 98, 100]]);
  asOf(env, D[0]);
  const broker = paperBroker(env);
  const placed = await broker.submitOrder(
    entry('c1', { ...bracket, type: 'limit', limitPrice: 96, timeInForce: 'gtc' }),
  );
  await broker.cancelOrder(placed.id);
  assert.deepEqual(
    (await broker.listOrders('all')).map((o) => [o.clientOrderId, o.status, ...(o.legs ?? []).map((l) => l.status)]),
    [['c1', 'canceled', 'canceled', 'canceled']],
  );
});
