/** The portfolio limit settings: maxCorrelation, correlationSessions, maxHeat (a fraction, or a percentage). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/lib/config.js';
import { ConfigError } from '../../src/lib/errors.js';
import { riskLimitsOf } from '../../src/lib/risk/limits-config.js';
import { tempDir } from '../helpers/tmp.js';

const load = (cwd: string, env: NodeJS.ProcessEnv = {}) => loadConfig({ flags: {}, env, cwd, packageRoot: '/pkg' });

test('defaults 0.70 / 60 sessions / 15 %, from the environment and the file, into the risk limits', (t) => {
  const cwd = tempDir(t);
  const d = riskLimitsOf(load(cwd));
  assert.deepEqual([d.maxCorrelation, d.correlationSessions, d.maxHeat], [0.7, 60, 0.15]);
  const env = riskLimitsOf(
    load(cwd, { ATS_MAX_CORRELATION: '0.8', ATS_CORRELATION_SESSIONS: '20', ATS_MAX_HEAT: '12.5%' }),
  );
  assert.deepEqual([env.maxCorrelation, env.correlationSessions, env.maxHeat], [0.8, 20, 0.125]);
  writeFileSync(join(cwd, 'ats.config.json'), JSON.stringify({ maxHeat: 0.1, maxCorrelation: '65%' }));
  const file = load(cwd);
  assert.deepEqual([file.maxHeat, file.maxCorrelation], [0.1, 0.65]);
});

test('bad values are refused naming the setting: 15 for maxHeat is ambiguous, sessions are whole numbers ≥ 2', (t) => {
  const cwd = tempDir(t);
  const cases: Array<[NodeJS.ProcessEnv, RegExp]> = [
    [{ ATS_MAX_HEAT: '15' }, /ATS_MAX_HEAT.*must be a fraction > 0 and ≤ 1 \(e\.g\. 0\.15 or 15%\)/],
    [{ ATS_MAX_HEAT: '0' }, /ATS_MAX_HEAT/],
    [{ ATS_MAX_CORRELATION: '1.5' }, /ATS_MAX_CORRELATION/],
    [{ ATS_CORRELATION_SESSIONS: '1' }, /ATS_CORRELATION_SESSIONS.*whole number ≥ 2/],
    [{ ATS_CORRELATION_SESSIONS: '60.5' }, /ATS_CORRELATION_SESSIONS/],
  ];
  for (const [env, expected] of cases) {
    assert.throws(
      () => load(cwd, env),
      (e: unknown) => e instanceof ConfigError && expected.test(e.message),
      JSON.stringify(env),
    );
  }
});
