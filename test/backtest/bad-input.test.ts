/** Bad input fails with the right AtsError subclass and a message naming the problem. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataError, UsageError } from '../../src/lib/errors.js';
import { runBacktest } from '../../src/lib/backtest/engine.js';
import { runPortfolioBacktest } from '../../src/lib/backtest/portfolio-engine.js';
import { buyHold, signalStrategy, smaCross } from '../../src/lib/backtest/strategy.js';
import { bars } from './bars.js';

const ok = bars('X', [
  [10, 10],
  [10, 11],
  [11, 12],
]);

test('empty series → DataError', () => {
  assert.throws(
    () => runBacktest(bars('X', []), buyHold()),
    (e) => e instanceof DataError && /X: no bars/.test(e.message),
  );
});

test('NaN or non-positive prices → DataError naming the bar', () => {
  assert.throws(
    () =>
      runBacktest(
        bars('X', [
          [10, 10],
          [10, Number.NaN],
        ]),
        buyHold(),
      ),
    (e) => e instanceof DataError && /bar 1/.test(e.message),
  );
  assert.throws(
    () =>
      runBacktest(
        bars('X', [
          [0, 10],
          [10, 10],
        ]),
        buyHold(),
      ),
    (e) => e instanceof DataError && /bar 0/.test(e.message),
  );
});

test('unsorted stamps or ragged columns → DataError', () => {
  const s = bars('X', [
    [10, 10],
    [10, 11],
  ]);
  s.ts.reverse();
  assert.throws(
    () => runBacktest(s, buyHold()),
    (e) => e instanceof DataError && /not after/.test(e.message),
  );
  const r = {
    ...bars('X', [
      [10, 10],
      [10, 11],
    ]),
    open: new Float64Array([10]),
  };
  assert.throws(
    () => runBacktest(r, buyHold()),
    (e) => e instanceof DataError && /open has 1 values/.test(e.message),
  );
});

test('fast >= slow, or non-integer periods → UsageError', () => {
  assert.throws(
    () => smaCross({ fast: 30, slow: 30 }),
    (e) => e instanceof UsageError && /fast period \(30\) must be smaller/.test(e.message),
  );
  assert.throws(() => smaCross({ fast: 40, slow: 30 }), UsageError);
  assert.throws(
    () => smaCross({ fast: 0, slow: 30 }),
    (e) => e instanceof UsageError && /fast must be a positive integer/.test(e.message),
  );
  assert.throws(() => smaCross({ fast: 2.5, slow: 30 }), UsageError);
});

test('bad options → UsageError', () => {
  assert.throws(
    () => runBacktest(ok, buyHold(), { cash: 0 }),
    (e) => e instanceof UsageError && /cash/.test(e.message),
  );
  assert.throws(
    () => runBacktest(ok, buyHold(), { commission: 0.5 }),
    (e) => e instanceof UsageError && /commission/.test(e.message),
  );
  assert.throws(
    () => runBacktest(ok, buyHold(), { slippageBps: -1 }),
    (e) => e instanceof UsageError && /slippage/.test(e.message),
  );
  assert.throws(
    () => runBacktest(ok, buyHold(), { from: '2030-01-01' }),
    (e) => e instanceof UsageError && /no bars between/.test(e.message),
  );
  assert.throws(() => runBacktest(ok, buyHold(), { from: '2024-13-01' }), UsageError);
});

test('signal strategy: wrong length or threshold → UsageError', () => {
  assert.throws(
    () => runBacktest(ok, signalStrategy(new Float64Array(2), 0.5)),
    (e) => e instanceof UsageError && /2 probabilities for 3 bars/.test(e.message),
  );
  assert.throws(() => signalStrategy(new Float64Array(3), 1.5), UsageError);
});

test('portfolio: no symbols or duplicates → UsageError', () => {
  assert.throws(() => runPortfolioBacktest([], buyHold()), UsageError);
  assert.throws(
    () => runPortfolioBacktest([ok, ok], buyHold()),
    (e) => e instanceof UsageError && /duplicate/.test(e.message),
  );
});
