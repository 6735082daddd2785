import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMaxRisk, resolveRiskLimits, DEFAULT_RISK_LIMITS } from '../../src/lib/risk/index.js';
import { ConfigError } from '../../src/lib/errors.js';

test('parseMaxRisk reads strategy=dollars pairs', () => {
  assert.deepEqual(parseMaxRisk('call=100,condor=50'), { call: 100, condor: 50 });
  assert.deepEqual(parseMaxRisk(' call = 100 , iron-condor=52.5 '), { call: 100, 'iron-condor': 52.5 });
  assert.deepEqual(parseMaxRisk(''), {});
  assert.deepEqual(parseMaxRisk('   '), {});
});

test('parseMaxRisk keeps "__proto__" an ordinary key', () => {
  const r = parseMaxRisk('__proto__=5');
  assert.equal(Object.hasOwn(r, '__proto__'), true);
  assert.equal(Object.getPrototypeOf(r), Object.prototype);
});

test('parseMaxRisk: malformed parts are ConfigErrors naming the part', () => {
  const bad: Array<[string, string]> = [
    ['call', '"call"'],
    ['call=', '"call="'],
    ['=100', '"=100"'],
    ['call=abc', '"call=abc"'],
    ['call=-5', '"call=-5"'],
    ['call=100,', '""'],
    ['call=100;condor=50', '"call=100;condor=50"'],
    ['call=1,call=2', 'strategy "call" is given twice'],
  ];
  for (const [input, named] of bad) {
    assert.throws(
      () => parseMaxRisk(input),
      (e: unknown) => e instanceof ConfigError && e.message.startsWith('MAX_RISK: ') && e.message.includes(named),
      input,
    );
  }
});

test('resolveRiskLimits overlays defaults and rejects bad limits', () => {
  assert.deepEqual(resolveRiskLimits(), { ...DEFAULT_RISK_LIMITS });
  assert.equal(resolveRiskLimits({ maxSymbolPct: 10, maxSectorPct: undefined }).maxSectorPct, 25);
  assert.throws(() => resolveRiskLimits({ maxSymbolPct: 0 }), /maxSymbolPct must be a number > 0, got 0/);
  assert.throws(() => resolveRiskLimits({ maxDailyLossPct: Number.NaN }), ConfigError);
  assert.throws(() => resolveRiskLimits({ maxOpenPositions: 2.5 }), /maxOpenPositions must be a whole number/);
  assert.throws(() => resolveRiskLimits({ maxRiskByStrategy: { call: -1 } }), /strategy "call" must be dollars >= 0/);
});
