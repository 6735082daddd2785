import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { outOfSampleEvidence } from '../../src/lib/backtest/oos-evidence.js';
import { DEFAULT_GATE, evidenceOf, modelGate, type ModelEvidence } from '../../src/lib/model/model-gate.js';
import { runTrainJob } from '../../src/lib/model/train-job.js';
import { upsertBars } from '../../src/lib/store/bars.js';
import { getModel, type ModelRecord } from '../../src/lib/store/models.js';
import { openStore } from '../../src/lib/store/open.js';
import type { DailyRun } from '../../src/lib/pipeline/daily.js';
import { plantedBars } from '../backtest/planted.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';

const EVIDENCE: ModelEvidence = {
  cvAuc: 0.56,
  sharpe: 1.2,
  buyHoldSharpe: 0.8,
  returnPct: 30,
  buyHoldReturnPct: 20,
  from: '2020-01-02',
  to: '2023-12-28',
  windows: 5,
  trades: 100,
  threshold: 0.55,
  commission: 0.002,
  slippageBps: 0,
  cash: 100_000,
};

const record = (oos: ModelEvidence | null): ModelRecord => ({
  id: 'm-1',
  createdAt: 0,
  kind: 'gbdt',
  path: 'm-1.onnx',
  features: [],
  retiredAt: null,
  fileRemovedAt: null,
  target: null,
  params: {},
  metrics: oos ? { oos } : {},
  symbols: [],
  dataFrom: null,
  dataTo: null,
  active: true,
});

test('model gate: open only with AUC ≥ the minimum and Sharpe above buy-and-hold’s by the margin; forced says so', () => {
  assert.equal(modelGate(record(EVIDENCE), DEFAULT_GATE, false).open, true);
  const low = modelGate(record({ ...EVIDENCE, cvAuc: 0.51 }), DEFAULT_GATE, false);
  assert.equal(low.open, false);
  assert.deepEqual(low.reasons, ['out-of-sample AUC 0.510 < 0.52']);
  assert.match(
    low.summary,
    /^model gate closed: m-1 has no out-of-sample edge \(out-of-sample AUC 0.510 < 0.52\); no entry$/,
  );
  const beaten = modelGate(record({ ...EVIDENCE, sharpe: 0.8 }), DEFAULT_GATE, false);
  assert.deepEqual(beaten.reasons, ['walk-forward Sharpe after costs 0.80 ≤ buy-and-hold 0.80']);
  const margin = modelGate(record(EVIDENCE), { minAuc: 0.52, minSharpeEdge: 0.5 }, false);
  assert.deepEqual(margin.reasons, ['walk-forward Sharpe after costs 1.20 ≤ buy-and-hold 0.80 + 0.5']);
  const noTrades = modelGate(record({ ...EVIDENCE, sharpe: Number.NaN }), DEFAULT_GATE, false);
  assert.equal(noTrades.open, false);
  assert.match(modelGate(record(null), DEFAULT_GATE, false).reasons[0]!, /no out-of-sample evidence/);
  assert.deepEqual(modelGate(null, DEFAULT_GATE, false).reasons, ['no active model']);
  const forced = modelGate(record({ ...EVIDENCE, cvAuc: 0.4 }), DEFAULT_GATE, true);
  assert.equal(forced.open, true);
  assert.equal(forced.forced, true);
  assert.match(forced.summary, /^model gate FORCED OPEN by --force-model: m-1 fails/);
  assert.equal(
    modelGate(record(EVIDENCE), DEFAULT_GATE, true).forced,
    false,
    'forcing a passing model changes nothing',
  );
});

async function trainOn(t: { after: (fn: () => void) => void }, planted: boolean) {
  const dir = tempDir(t);
  const store = openStore(join(dir, 'ats.db'));
  t.after(() => store.close());
  const symbols = ['AAA', 'BBB'];
  symbols.forEach((s, i) => upsertBars(store, plantedBars(s, 1100, 21 + i, planted), 'test'));
  const r = await runTrainJob(store, {
    symbols,
    target: { horizon: 1, threshold: 0 },
    config: {
      learner: { kind: 'gbdt', gbdt: { earlyStoppingRounds: 20, seed: 2 }, l2: 1 },
      folds: 5,
      topK: 1,
      validFraction: 0.2,
    },
    modelsDir: join(dir, 'models'),
    reportsDir: join(dir, 'reports'),
    activate: true,
    now: Date.UTC(2024, 0, 2),
    evidence: outOfSampleEvidence,
  });
  return getModel(store, r.id);
}

test('the gate opens for a model that learned a planted pattern, and stays closed on coin-flip prices', async (t) => {
  const learned = await trainOn(t, true);
  const e = evidenceOf(learned)!;
  assert.ok(e.cvAuc > 0.7 && e.sharpe > e.buyHoldSharpe + 1, JSON.stringify(e));
  assert.equal(e.windows, 5);
  const open = modelGate(learned, DEFAULT_GATE, false);
  assert.equal(open.open, true, open.summary);
  const noise = await trainOn(t, false);
  const closed = modelGate(noise, DEFAULT_GATE, false);
  assert.equal(closed.open, false);
  assert.match(closed.reasons.join('; '), /out-of-sample AUC 0\.[0-5]\d\d < 0.52/);
});

test('daily --trade on the sample: gate closed, no entry, exit 0, said in step, summary, JSON, Slack, dashboard', async (t) => {
  const cwd = tempDir(t);
  const posts: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      posts.push(body);
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  const env = { SLACK_WEBHOOK_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` };
  const args = ['daily', '--symbols', 'AAPL,MSFT', '--trade', '--threshold', '0.5'];
  const r = await runCli([...args, '--json'], { cwd, env });
  assert.equal(r.code, 0, r.stderr);
  const run = JSON.parse(r.stdout) as DailyRun;
  assert.equal(run.status, 'ok');
  assert.deepEqual(run.orders, []);
  const gate = run.results['gate'] as { open: boolean; forced: boolean; reasons: string[]; summary: string };
  assert.equal(gate.open, false);
  assert.match(gate.reasons.join('; '), /out-of-sample AUC 0\.\d+ < 0.52/);
  const orders = run.steps.find((s) => s.name === 'orders')!;
  assert.equal(orders.summary, gate.summary);
  assert.match(orders.summary, /^model gate closed: m-\S+ has no out-of-sample edge/);
  for (const trade of run.results['trades'] as Array<{ status: string }>)
    assert.equal(trade.status, 'not placed: model gate closed');
  await waitFor(() => posts.length === 1, { what: 'the Slack message' });
  assert.match((JSON.parse(posts[0]!) as { text: string }).text, /:no_entry: model gate closed: m-/);
  const dashboard = readFileSync(join(cwd, 'data', 'ats-reports', 'dashboard.html'), 'utf8');
  assert.match(dashboard, /Model gate:<\/b> model gate closed: m-/);

  // --force-model: the orders go out, and every output says the gate was forced.
  const forced = await runCli([...args, '--force-model'], { cwd, env });
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(forced.stdout, /model gate FORCED OPEN by --force-model/);
  assert.match(forced.stderr, /orders .*2 order\(s\) placed.*; model gate FORCED OPEN/, 'the step line');
  assert.match(forced.stderr, /model gate FORCED OPEN/);
  await waitFor(() => posts.length === 2, { what: 'the second Slack message' });
  assert.match((JSON.parse(posts[1]!) as { text: string }).text, /:warning: model gate FORCED OPEN by --force-model/);
  assert.match(readFileSync(join(cwd, 'data', 'ats-reports', 'dashboard.html'), 'utf8'), /FORCED OPEN/);
});
