/**
 * The broker's risk check counts options by their delta-adjusted notional (risk/exposure.ts), with the deltas of
 * the order and of the held contracts filled in by the execution layer (account-snapshot.ts: bsm.ts at the
 * contract mark's volatility). Synthetic SPY of test/helpers/paper-condor.ts (spot 100 on 15 Apr 2025, realised
 * volatility ln(1.01) × √(60/59 × 252)); 31 days to 16 May. bsm.ts deltas: 90 call 0.99101, 95 call 0.88519.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { europeanGreeks } from '../../src/lib/options/bsm.js';
import { openStore } from '../../src/lib/store/open.js';
import { runCli } from '../helpers/cli.js';
import { seedSyntheticSpy } from '../helpers/paper-condor.js';
import { tempDir } from '../helpers/tmp.js';

const VOL = Math.log(1.01) * Math.sqrt((60 / 59) * 252);
const delta = (strike: number): number =>
  europeanGreeks({ type: 'call', spot: 100, strike, years: 31 / 365, rate: 0.04, dividendYield: 0, vol: VOL }).delta;

function store(t: Parameters<typeof tempDir>[0]): string {
  const dir = tempDir(t, 'ats-optdelta-');
  mkdirSync(join(dir, 'data'));
  const s = openStore(join(dir, 'data', 'ats.db'));
  seedSyntheticSpy(s);
  s.close();
  return dir;
}

test('one deep in-the-money call is refused by its delta-adjusted notional, not its premium', async (t) => {
  const dir = store(t);
  // Premium $1 100 (1.1 % of equity) but 0.99101 × 100 × 100 = $9 910 (9.9 %) against a 5 % limit.
  assert.equal(delta(90).toFixed(5), '0.99101');
  const env = { ATS_ASOF: '2025-04-15', ATS_MAX_ASSET_CLASS_PCT: '5%' };
  const r = await runCli(['broker', 'buy', 'SPY250516C00090000', '1', '11'], { cwd: dir, env });
  assert.equal(r.code, 5, r.stderr);
  assert.match(r.stderr, /asset class limit: option would be 9\.9% of equity/);
});

test('a held contract counts by its delta: a second call crosses the limit the premiums would not', async (t) => {
  const dir = store(t);
  const env = { ATS_ASOF: '2025-04-15', ATS_MAX_ASSET_CLASS_PCT: '15%' };
  const first = await runCli(['broker', 'buy', 'SPY250516C00090000', '1', '11'], { cwd: dir, env });
  assert.equal(first.code, 0, first.stderr);
  // Held 90 call + the 95 call: (0.99101 + 0.88519) × 100 × 100 = $18 762 (18.8 %) > 15 %. By premium for the
  // held one ($1 032) the total would be $9 884: allowed.
  const notional = (delta(90) + delta(95)) * 100 * 100;
  assert.equal(notional.toFixed(0), '18762');
  const second = await runCli(['broker', 'buy', 'SPY250516C00095000', '1', '6'], { cwd: dir, env });
  assert.equal(second.code, 5, second.stderr);
  assert.match(second.stderr, /asset class limit: option would be 18\.8% of equity \(\$18,76\d\.\d\d of/);
});
