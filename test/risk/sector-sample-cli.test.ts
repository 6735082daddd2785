/** The 25 % sector limit on the bundled sample, through the CLI: sectors from data/sample/sectors.json. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

test('CLI on the sample: a third Information Technology buy that takes the sector past 25 % is refused (exit 5)', async (t) => {
  const cwd = tempDir(t);
  // --fundamentals stores each symbol's SIC code (AAPL 3571, MSFT 7372, NVDA 3674: all Information Technology)
  const collected = await runCli(['collect', '--symbols', 'AAPL,MSFT,NVDA', '--days', '30', '--fundamentals'], { cwd });
  assert.equal(collected.code, 0, collected.stderr);
  // 10 % per symbol, so three symbols of about $9,500 each fit the symbol limit but not the sector's 25 %.
  const env = { ATS_MAX_SYMBOL_PCT: '10' };
  const buy = (symbol: string, qty: string, asof: string) =>
    runCli(['broker', 'buy', symbol, qty], { cwd, env: { ...env, ATS_ASOF: asof } });
  const aapl = await buy('AAPL', '49', '2023-12-27'); // ≈ 49 × $193 = $9,460
  assert.equal(aapl.code, 0, aapl.stderr);
  const msft = await buy('MSFT', '25', '2023-12-28'); // ≈ 25 × $375 = $9,380
  assert.equal(msft.code, 0, msft.stderr);
  const nvda = await buy('NVDA', '19', '2023-12-29'); // 19 × $495.22 = $9,409.18
  assert.equal(nvda.code, 5, nvda.stderr);
  const m =
    /refused by the risk check: sector limit: Information Technology would be ([\d.]+)% of equity \(\$([\d,.]+) of \$([\d,.]+)\), limit 25%/.exec(
      nvda.stderr,
    );
  assert.ok(m, nvda.stderr);
  const num = (s: string): number => Number(s.replace(/,/g, ''));
  const [pct, exposure, equity] = [Number(m[1]), num(m[2]!), num(m[3]!)];
  assert.ok(exposure > 0.25 * equity && exposure < 0.3 * equity, m[0]);
  assert.ok(Math.abs(pct - (exposure / equity) * 100) < 0.05);
  // NVDA's own share of the exposure is its order: 19 × $495.22 (the 2023-12-29 close)
  assert.ok(exposure - 19 * 495.22 > 18_000, 'the AAPL and MSFT positions are counted');
});
