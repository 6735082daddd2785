/** Backtest vs record by hand: the expectation compounded to the period, slippage in bps, missed/partial orders. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareWithBacktest } from '../../src/lib/portfolio/performance-compare.js';
import type { LedgerOrder } from '../../src/lib/store/orders.js';
import type { ModelEvidence } from '../../src/lib/model/model-gate.js';
import { nyTime } from '../../src/lib/time.js';

const order = (
  id: string,
  side: 'buy' | 'sell',
  status: LedgerOrder['status'],
  qty: number,
  filledQty: number,
  decisionPrice: number | null,
): LedgerOrder => ({
  clientOrderId: id,
  broker: 'paper',
  brokerOrderId: null,
  runId: 'r',
  session: '2024-01-03',
  symbol: 'AAPL',
  side,
  qty,
  type: 'market',
  timeInForce: 'day',
  limitPrice: null,
  stopPrice: null,
  intent: side === 'buy' ? 'entry' : 'exit',
  source: 'daily',
  status,
  filledQty,
  filledAvgPrice: null,
  reason: null,
  createdAt: 0,
  updatedAt: 0,
  decisionPrice,
});

test('slippage against the decision price, missed and partial orders, the expectation over the period', () => {
  const fill = (id: string, side: 'buy' | 'sell', qty: number, price: number) => ({
    id: `${id}:${qty}`,
    clientOrderId: id,
    broker: 'paper' as const,
    symbol: 'AAPL',
    side,
    qty,
    price,
    commission: 0,
    realizedPnl: 0,
    ts: nyTime('2024-01-03', 10),
  });
  const evidence = { returnPct: 21, sharpe: 1.1, from: '2022-01-01', to: '2024-01-01' } as ModelEvidence;
  const r = compareWithBacktest({
    from: '2024-01-01',
    to: '2024-01-31',
    record: { returnPct: 0.5, sharpe: 0.7 },
    model: { id: 'm1', evidence },
    orders: [
      order('b', 'buy', 'filled', 10, 10, 100),
      order('s', 'sell', 'canceled', 4, 2, 120),
      order('x', 'buy', 'expired', 3, 0, 50),
      order('n', 'buy', 'filled', 1, 1, null),
    ],
    fills: [fill('b', 'buy', 10, 100.5), fill('s', 'sell', 2, 119.4), fill('n', 'buy', 1, 10)],
  });
  // buy 100.5 vs 100: +50 bps (paid more); sell 119.4 vs 120: −(119.4 − 120)/120 = +50 bps (received less)
  assert.deepEqual(
    r.slippage.rows.map((x) => Math.round(x.bps * 1e9) / 1e9),
    [50, 50],
  );
  assert.equal(r.slippage.withoutDecisionPrice, 1);
  assert.equal(Math.round(r.slippage.meanBps * 1e9) / 1e9, 50);
  assert.deepEqual(
    r.orders.missed.map((o) => o.clientOrderId),
    ['x'],
  );
  assert.deepEqual(
    r.orders.partial.map((o) => [o.clientOrderId, o.filledQty]),
    [['s', 2]],
  );
  // 21 % over 730 days compounded to the 30 days of the period: 1.21^(30/730) − 1
  assert.ok(Math.abs(r.expectation!.expectedReturnPct - (1.21 ** (30 / 730) - 1) * 100) < 1e-12);
  const none = compareWithBacktest({
    from: '2024-01-01',
    to: '2024-01-31',
    record: r.record,
    model: null,
    orders: [],
    fills: [],
  });
  assert.equal(none.expectationNote, 'no active model');
});
