/** The options gate: every strategy has a MAX_RISK tag, every account tier a strategy list, and the rules by hand. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gateStrategy, MAX_RISK_TAGS, TIER_STRATEGIES } from '../../src/lib/options/strategy-gate.js';
import { STRATEGIES } from '../../src/lib/options/strategy-legs.js';
import { ACCOUNT_TIERS } from '../../src/lib/risk/tiers.js';

test('every named strategy (and custom) has a MAX_RISK tag; every account tier a list of allowed strategies', () => {
  assert.deepEqual(Object.keys(MAX_RISK_TAGS).sort(), [...Object.keys(STRATEGIES), 'custom'].sort());
  assert.deepEqual(
    Object.keys(TIER_STRATEGIES),
    ACCOUNT_TIERS.map((t) => t.name),
  );
  for (const { strategies } of Object.values(TIER_STRATEGIES))
    for (const s of strategies) assert.ok(s in STRATEGIES, s);
});

test('gate by hand: tag and own-name MAX_RISK, unbounded loss, tier lists, custom by its payoff', () => {
  const base = { equity: 5000, tier: 'small', maxRisk: {} };
  const spread = gateStrategy({ ...base, strategy: 'bull_put_spread', maxLoss: 400, maxRisk: { spread: 400 } });
  assert.deepEqual([spread.allowed, spread.maxRiskKey, spread.maxRisk], [true, 'spread', 400]);
  const over = gateStrategy({ ...base, strategy: 'bull_put_spread', maxLoss: 400.01, maxRisk: { spread: 400 } });
  assert.deepEqual(over.reasons, ['MAX_RISK spread=$400.00: max loss $400.01 exceeds it']);
  const own = gateStrategy({
    ...base,
    strategy: 'iron_condor',
    maxLoss: 300,
    maxRisk: { condor: 50, iron_condor: 300 },
  });
  assert.deepEqual([own.allowed, own.maxRiskKey], [true, 'iron_condor']);
  const naked = gateStrategy({ ...base, strategy: 'custom', maxLoss: null, maxRisk: { custom: 1e9 } });
  assert.equal(naked.allowed, false);
  assert.equal(naked.reasons.length, 2, naked.reasons.join('; '));
  assert.equal(gateStrategy({ ...base, strategy: 'custom', maxLoss: 250 }).allowed, true);
  assert.equal(gateStrategy({ ...base, strategy: 'cash_secured_put', maxLoss: 9000 }).allowed, false);
  assert.equal(gateStrategy({ ...base, tier: 'medium', strategy: 'cash_secured_put', maxLoss: 9000 }).allowed, true);
  assert.equal(gateStrategy({ ...base, tier: 'large', strategy: 'custom', maxLoss: null }).allowed, true);
});
