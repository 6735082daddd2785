/**
 * reports/strategies.html from `ats options scan` on the bundled sample (model chain): one card per trade with an
 * inline SVG payoff, self-contained, and in headless Chromium no console error and no request leaving the machine.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { browserSkip, checkPageInBrowser } from '../helpers/browser.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const noChromium = browserSkip();

test('options scan on the sample: ranked trades, the model-chain label, strategies.html in Chromium', async (t) => {
  const cwd = tempDir(t);
  const env = {
    ATS_SOURCE: 'sample',
    ATS_SAMPLE_DIR: join(process.cwd(), 'data', 'sample'),
    ATS_OPTIONS_IV_RICH_RANK: '0',
  };
  const collect = await runCli(['collect', '--symbols', 'AAPL,MSFT,NVDA', '--days', '500'], { cwd, env });
  assert.equal(collect.code, 0, collect.stderr);
  const text = await runCli(['options', 'scan'], { cwd, env });
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /model chain \(no market quotes\)/);
  const json = await runCli(['options', 'scan', '--json'], { cwd, env });
  assert.equal(json.code, 0, json.stderr);
  const scan = JSON.parse(json.stdout) as {
    trades: Array<{ symbol: string; strategy: string; analysis: { expectedValue: number; source: string } }>;
    report: string;
  };
  // equity 100,000 (large tier): AAPL, MSFT, NVDA are on its list, neutral without a playbook → iron condors
  assert.deepEqual(scan.trades.map((x) => x.strategy).sort(), ['iron_condor', 'iron_condor', 'iron_condor']);
  const html = readFileSync(scan.report, 'utf8');
  assert.equal(html.match(/<article class="card">/g)?.length, 3);
  assert.equal(html.match(/<svg class="payoff"/g)?.length, 3);
  assert.doesNotMatch(html, /https?:\/\/|<script/i, 'self-contained and static');
  const bad = await runCli(['options', 'scan', '--equity', '-5'], { cwd, env });
  assert.equal(bad.code, 2);

  if (noChromium) return t.diagnostic(`browser check skipped: ${noChromium}`);
  const page = await checkPageInBrowser<{ cards: number; lines: number }>(scan.report, join(cwd, 'strategies.png'), {
    waitForSelector: 'article.card svg polyline',
    evaluate: `({ cards: document.querySelectorAll('article.card').length,
      lines: [...document.querySelectorAll('svg.payoff polyline')].filter((p) => p.getBoundingClientRect().width > 100).length })`,
  });
  assert.deepEqual(page.consoleErrors, []);
  assert.deepEqual(page.pageErrors, []);
  assert.deepEqual(page.failedRequests, []);
  assert.deepEqual(page.evaluated, { cards: 3, lines: 3 });
});
