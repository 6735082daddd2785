/** The daily `options` step: off unless optionsEnabled; on, it runs the scan and writes reports/strategies.html. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultConfig } from '../../src/lib/config.js';
import { parseBarsCsv } from '../../src/lib/market/csv-bars.js';
import { DAILY_STEP_NAMES } from '../../src/lib/pipeline/chain.js';
import type { DailyContext } from '../../src/lib/pipeline/steps.js';
import { optionsStep } from '../../src/lib/pipeline/steps/options.js';
import { upsertBars } from '../../src/lib/store/bars.js';
import { openStore } from '../../src/lib/store/open.js';
import { tempDir } from '../helpers/tmp.js';

test('the options step runs right after playbook, off by default, on: scan + strategies.html, no orders', async (t) => {
  assert.equal(DAILY_STEP_NAMES[DAILY_STEP_NAMES.indexOf('playbook') + 1], 'options');
  const dir = tempDir(t);
  const store = openStore(join(dir, 'ats.db'));
  t.after(() => store.close());
  upsertBars(store, parseBarsCsv(readFileSync(join('data', 'sample', 'AAPL.csv'), 'utf8'), 'AAPL'), 'sample');
  const reportsDir = join(dir, 'reports');
  const cfg = { ...defaultConfig(process.cwd()), reportsDir, optionsIvRichRank: 0, paperCash: 50_000 };
  const ctx = (optionsEnabled: boolean) =>
    ({
      store,
      cfg: { ...cfg, optionsEnabled },
      asOf: '2023-12-29',
      now: () => 0,
      results: {},
    }) as unknown as DailyContext;
  assert.equal(await optionsStep.run(ctx(false)), 'off (ATS_OPTIONS=1 turns it on)');
  assert.ok(!existsSync(join(reportsDir, 'strategies.html')));
  const line = await optionsStep.run(ctx(true));
  assert.match(
    line,
    /^1 trade\(s\), \d+ dropped; top AAPL iron_condor × \d+ EV -?\d+\.\d\d; .*strategies\.html \(no orders placed\)$/,
  );
  assert.equal(readFileSync(join(reportsDir, 'strategies.html'), 'utf8').match(/<article class="card">/g)?.length, 1);
});
