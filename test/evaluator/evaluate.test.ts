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

test('one pass: the high-water mark is tracked in the store, the crossing position is closed and logged to pnl.csv', async (t) => {
  const env = execEnv(t);
  const d = deps(env, paperBroker(env));
  const at = (symbol: string, price: number) => setQuote(env, symbol, price, (env.clock.now += 1000));
  at('AAPL', 100);
  at('MSFT', 200);
  await placeOrder(d, order('AAPL', 'buy', 10));
  await placeOrder(d, order('MSFT', 'buy', 5));
  const notes: string[] = [];
  const thresholds = { stopLoss: 0.05, takeProfit: null, trailing: 0.03 };
  at('AAPL', 108);
  assert.deepEqual(
    (await evaluateOnce(d, thresholds, { notify: (s) => notes.push(s) })).map((r) => r.action),
    ['hold', 'hold'],
  );
  assert.equal(getHighWater(env.store, 'paper', 'AAPL'), 108);
  at('AAPL', 104.5); // 108 × 0.97 = 104.76 > 104.5: trailing stop
  at('MSFT', 199);
  const results = await evaluateOnce(d, thresholds, { notify: (s) => notes.push(s) });
  assert.deepEqual(
    results.map((r) => [r.symbol, r.action]),
    [
      ['AAPL', 'close'],
      ['MSFT', 'hold'],
    ],
  );
  assert.match(results[0]!.reason, /^trailing: price 104.50 is 3.2407% below the high since entry 108.00/);
  assert.equal(ledgerPositions(d).get('AAPL')?.qty, 0);
  assert.equal(notes.length, 1);
  // (104.5 − 100) × 10 = 45, booked by the evaluator
  assert.match(
    readFileSync(join(env.reportsDir, 'pnl.csv'), 'utf8'),
    /,evaluator,ats-[0-9a-f]{16},AAPL,long,10,100,104.5,45,/,
  );
});
