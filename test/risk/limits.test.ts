import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveRiskLimits, DEFAULT_RISK_LIMITS } from '../../src/lib/risk/index.js';
import { ConfigError } from '../../src/lib/errors.js';

test('resolveRiskLimits overlays defaults and rejects bad limits', () => {
  assert.deepEqual(resolveRiskLimits(), { ...DEFAULT_RISK_LIMITS });
  assert.equal(resolveRiskLimits({ maxSymbolPct: 10, maxSectorPct: undefined }).maxSectorPct, 25);
  assert.throws(() => resolveRiskLimits({ maxSymbolPct: 0 }), /maxSymbolPct must be a number > 0, got 0/);
  assert.throws(() => resolveRiskLimits({ maxDailyLossPct: Number.NaN }), ConfigError);
  assert.throws(() => resolveRiskLimits({ maxOpenPositions: 2.5 }), /maxOpenPositions must be a whole number/);
  assert.throws(() => resolveRiskLimits({ maxRiskByStrategy: { call: -1 } }), /strategy "call" must be dollars >= 0/);
});
