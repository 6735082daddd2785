/** Exit rules by hand, then one evaluator pass through the paper broker. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluatePosition } from '../../src/lib/evaluator/evaluate.js';
import { evaluateOnce } from '../../src/lib/evaluator/run-pass.js';
import { placeOrder } from '../../src/lib/execution/place-order.js';
import { ledgerPositions } from '../../src/lib/portfolio/service.js';
import { getHighWater } from '../../src/lib/store/execution-marks.js';
import { deps, execEnv, order, paperBroker, setQuote } from '../broker/exec-helpers.js';

const t5 = { stopLoss: 0.05, takeProfit: 0.1, trailing: 0.03 };
const long = { qty: 10, avgCost: 100 };
const short = { qty: -10, avgCost: 100 };

test('long: stop-loss at avg × 0.95, take-profit at avg × 1.10, trailing at high × 0.97', () => {
  assert.equal(evaluatePosition(long, 95.01, 96, t5).action, 'hold');
  const sl = evaluatePosition(long, 95, 100, t5); // 100 × (1 − 0.05) = 95: at the threshold closes
  assert.deepEqual([sl.action, sl.rule], ['close', 'stop-loss']);
  assert.equal(sl.reason, 'stop-loss: price 95.00 is 5% below the average cost 100.00 (threshold 5%)');
  assert.equal(evaluatePosition(long, 109.99, 109.99, t5).action, 'hold');
  assert.equal(evaluatePosition(long, 110, 110, t5).rule, 'take-profit');
  // high 108: trailing line 108 × 0.97 = 104.76
  assert.equal(evaluatePosition(long, 104.77, 108, t5).action, 'hold');
  const tr = evaluatePosition(long, 104.76, 108, t5);
  assert.equal(tr.rule, 'trailing');
  assert.match(tr.reason, /price 104.76 is 3% below the high since entry 108.00/);
  assert.equal(evaluatePosition(long, 104, null, { ...t5, stopLoss: null }).action, 'hold'); // no high known
});

test('short: mirrored thresholds; the trailing mark is the lowest price', () => {
  assert.equal(evaluatePosition(short, 105, 100, t5).rule, 'stop-loss'); // 100 × 1.05
  assert.equal(evaluatePosition(short, 90, 90, t5).rule, 'take-profit'); // 100 × 0.90
  assert.equal(evaluatePosition(short, 94.76, 92, t5).rule, 'trailing'); // low 92 × 1.03 = 94.76
  assert.equal(evaluatePosition(short, 94.75, 92, t5).action, 'hold');
  assert.equal(evaluatePosition({ qty: 0, avgCost: 0 }, 1, 1, t5).action, 'hold');
});

test('one pass: the high water is tracked, the trailing stop rests and fills at the broker; a close cancels it first', async (t) => {
  const env = execEnv(t);
  const d = deps(env, paperBroker(env));
  const at = (symbol: string, price: number) => setQuote(env, symbol, price, (env.clock.now += 1000));
  at('AAPL', 100);
  at('MSFT', 200);
  await placeOrder(d, order('AAPL', 'buy', 10));
  await placeOrder(d, order('MSFT', 'buy', 5));
  const notes: string[] = [];
  const thresholds = { stopLoss: 0.05, takeProfit: 0.1, trailing: 0.03 };
  at('AAPL', 108);
  const first = await evaluateOnce(d, thresholds, { notify: (s) => notes.push(s) });
  assert.deepEqual(
    first.map((r) => [r.symbol, r.action]),
    [
      ['AAPL', 'hold'],
      ['MSFT', 'hold'],
    ],
  );
  assert.equal(getHighWater(env.store, 'paper', 'AAPL'), 108);
  // No stop at the broker yet: the trailing rule places one at 108 × 0.97 = 104.76 (MSFT: 200 × 0.97 = 194).
  assert.match(first[0]!.stopMove ?? '', /AAPL: no stop at paper; placed a stop at 104\.76/);
  assert.match(first[1]!.stopMove ?? '', /MSFT: no stop at paper; placed a stop at 194\.00/);
  at('AAPL', 104.5); // through 104.76: the broker's stop fills, with no evaluator decision needed
  const second = await evaluateOnce(d, thresholds, { notify: (s) => notes.push(s) });
  assert.deepEqual(
    second.map((r) => [r.symbol, r.action]),
    [['MSFT', 'hold']],
  );
  assert.equal(ledgerPositions(d).get('AAPL')?.qty, 0);
  assert.match(
    readFileSync(join(env.reportsDir, 'pnl.csv'), 'utf8'),
    /,evaluator,ats-[0-9a-f]{16},AAPL,long,10,100,104\.[0-9]+,4[0-9.]+,/,
  );
  at('MSFT', 221); // 200 × 1.10 = 220: the evaluator's take-profit; the resting stop is canceled before the sell
  const third = await evaluateOnce(d, thresholds, { notify: (s) => notes.push(s) });
  assert.deepEqual(
    third.map((r) => [r.symbol, r.action]),
    [['MSFT', 'close']],
  );
  assert.equal(notes.length, 1);
  assert.deepEqual(await d.broker.listOrders('open'), [], 'no stop left behind to open a short');
  assert.equal(ledgerPositions(d).get('MSFT')?.qty, 0);
});
