/** monitoring/: the alert rules and scrape config pass promtool; the Grafana dashboard names only exported metrics. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildMetricsRegistry } from '../../src/lib/metrics/registry.js';
import { StreamStatus } from '../../src/lib/metrics/stream-status.js';
import { openStore } from '../../src/lib/store/open.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { prometheusSkip, promtool } from '../helpers/promtool.js';

const MONITORING = join(process.cwd(), 'monitoring');

test('promtool accepts the alert rules and the example scrape configuration', { skip: prometheusSkip() }, () => {
  const rules = promtool(['check', 'rules', join(MONITORING, 'alerts.yml')]);
  assert.equal(rules.code, 0, rules.out);
  assert.match(rules.out, /SUCCESS: 6 rules found/);
  const config = promtool(['check', 'config', join(MONITORING, 'prometheus.yml')]);
  assert.equal(config.code, 0, config.out);
});

/** Every `ats_…` metric name in an expression. */
const namesIn = (expr: string): string[] => [...expr.matchAll(/\bats_[a-z_]+/g)].map((m) => m[0]);

test('every metric the dashboard and the alerts name is one the exporter writes', async (t) => {
  const cwd = tempDir(t);
  const run = await runCli(
    // Two symbols: the sample's model (forced open) then places an entry, so the loss gauges have a start-of-day mark.
    [
      'daily',
      '--symbols',
      'AAPL,MSFT',
      '--asof',
      '2023-12-29',
      '--trade',
      '--force-model',
      '--threshold',
      '0.5',
      '--quiet',
    ],
    { cwd },
  );
  assert.equal(run.code, 0, run.stderr);
  const store = openStore(join(cwd, 'data', 'ats.db'));
  t.after(() => store.close());
  const registry = buildMetricsRegistry({
    store,
    cfg: { broker: 'paper', maxDailyLossPct: 5 },
    now: Date.now(),
    stream: new StreamStatus(),
  });
  const exported = new Set((await registry.getMetricsAsJSON()).map((m) => m.name));

  const dashboard = JSON.parse(readFileSync(join(MONITORING, 'grafana-dashboard.json'), 'utf8')) as {
    panels: { title: string; targets: { expr: string }[] }[];
  };
  assert.ok(dashboard.panels.length >= 8);
  for (const panel of dashboard.panels) {
    assert.ok(panel.targets.length > 0, panel.title);
    for (const { expr } of panel.targets) {
      assert.ok(namesIn(expr).length > 0, `${panel.title}: ${expr}`);
      for (const name of namesIn(expr)) assert.ok(exported.has(name), `${panel.title}: ${name} is not exported`);
    }
  }
  const alerts = readFileSync(join(MONITORING, 'alerts.yml'), 'utf8');
  const exprs = [...alerts.matchAll(/^\s+expr: (?:\|\n)?([\s\S]*?)(?=\n\s+(?:for|labels):)/gm)].map((m) => m[1] ?? '');
  assert.equal(exprs.length, 6);
  for (const expr of exprs)
    for (const name of namesIn(expr)) assert.ok(exported.has(name), `alerts.yml: ${name} is not exported`);
});
