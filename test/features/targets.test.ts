/** Target definition: y = 1 if close[t+h]/close[t] - 1 > threshold else 0, NaN for the last h bars (hand-computed). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binaryTarget, forwardReturn, resolveTargetSpec } from '../../src/lib/features/index.js';
import { UsageError } from '../../src/lib/errors.js';

const closes = Float64Array.from([100, 125, 100, 150, 150, 75]);

test('default target: next close strictly higher', () => {
  assert.deepEqual(resolveTargetSpec(), { kind: 'direction', horizon: 1, threshold: 0 });
  // 1-bar returns: +25%, -20%, +50%, 0 (not > 0), -50%, last unknown
  assert.deepEqual(Array.from(binaryTarget(closes)), [1, 0, 1, 0, 0, Number.NaN]);
});

test('horizon looks h bars ahead and leaves the last h unknown', () => {
  const fr = forwardReturn(closes, 2);
  assert.ok(Math.abs(fr[0]! - 0) < 1e-15); // 100 -> 100
  assert.ok(Math.abs(fr[1]! - 0.2) < 1e-15); // 125 -> 150
  // 100->100: 0, 125->150: +, 100->150: +, 150->75: -, unknown x2
  assert.deepEqual(Array.from(binaryTarget(closes, { horizon: 2 })), [0, 1, 1, 0, Number.NaN, Number.NaN]);
});

test('threshold is a strict minimum forward return', () => {
  // forward 1-bar returns: +25% (exactly 0.25 in binary), -20%, +50%, 0, -50%
  assert.deepEqual(Array.from(binaryTarget(closes, { threshold: 0.25 })), [0, 0, 1, 0, 0, Number.NaN]);
  assert.deepEqual(Array.from(binaryTarget(closes, { threshold: 0.2499 })), [1, 0, 1, 0, 0, Number.NaN]);
  assert.deepEqual(Array.from(binaryTarget(closes, { threshold: -0.3 })), [1, 1, 1, 1, 0, Number.NaN]);
});

test('a horizon beyond the data leaves every target unknown; bad specs throw', () => {
  assert.ok(binaryTarget(closes, { horizon: 6 }).every(Number.isNaN));
  assert.throws(() => resolveTargetSpec({ horizon: 0 }), UsageError);
  assert.throws(() => resolveTargetSpec({ horizon: -1 }), UsageError);
  assert.throws(() => resolveTargetSpec({ threshold: Infinity }), UsageError);
});
