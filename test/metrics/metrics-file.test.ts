import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { prometheusSkip, promtool, samples } from '../helpers/promtool.js';

const DAILY = ['daily', '--symbols', 'AAPL,MSFT,NVDA', '--asof', '2023-12-29', '--quiet'];
const TRADE = ['--trade', '--force-model', '--threshold', '0.5'];

test(
  'daily --metrics-file writes the run metrics atomically; promtool accepts them; they match the broker',
  { skip: prometheusSkip() },
  async (t) => {
    const cwd = tempDir(t);
    const file = join(cwd, 'textfile', 'ats.prom');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(cwd, 'textfile'));
    const r = await runCli([...DAILY, ...TRADE, '--metrics-file', file], { cwd });
    assert.equal(r.code, 0, r.stderr);
    const text = readFileSync(file, 'utf8');
    assert.deepEqual(readdirSync(join(cwd, 'textfile')), ['ats.prom'], 'no temp file left behind');
    const check = promtool(['check', 'metrics'], text);
    assert.equal(check.code, 0, check.out);
    const m = samples(text);
    // The broker's own account (ats broker account) is the independent reference for equity and cash.
    const acct = await runCli(['broker', 'account', '--json'], { cwd });
    assert.equal(acct.code, 0, acct.stderr);
    const account = JSON.parse(acct.stdout) as { account: { equity: number; cash: number }; positions: unknown[] };
    assert.equal(m.get('ats_equity_dollars{broker="paper"}'), account.account.equity);
    assert.equal(m.get('ats_cash_dollars{broker="paper"}'), account.account.cash);
    assert.equal(m.get('ats_open_positions{broker="paper"}'), account.positions.length);
    assert.equal(m.get('ats_daily_run_status{status="ok"}'), 1);
    assert.equal(m.get('ats_daily_run_failed{step=""}'), 0);
    for (const step of ['verify', 'collect', 'train', 'orders', 'snapshot'])
      assert.ok((m.get(`ats_daily_run_step_duration_seconds{step="${step}",status="ok"}`) ?? -1) >= 0, step);
    assert.ok((m.get('ats_fills_total{broker="paper"}') ?? 0) > 0);
    assert.ok([...m.keys()].some((k) => k.startsWith('ats_model_oos_auc{')));
    assert.ok(m.has('ats_bar_age_seconds{symbol="AAPL",timeframe="1d"}'));

    // ats metrics prints the same metrics from the store; promtool accepts them too.
    const printed = await runCli(['metrics'], { cwd });
    assert.equal(printed.code, 0, printed.stderr);
    assert.equal(promtool(['check', 'metrics'], printed.stdout + '\n').code, 0);
    assert.equal(samples(printed.stdout).get('ats_equity_dollars{broker="paper"}'), account.account.equity);
  },
);

test('a metrics file in a missing folder: one line, exit 2, before the run starts', async (t) => {
  const cwd = tempDir(t);
  const r = await runCli([...DAILY, '--metrics-file', join(cwd, 'nope', 'ats.prom')], { cwd });
  assert.equal(r.code, 2);
  assert.match(r.stderr.trim(), /^ats: --metrics-file .*nope.*does not exist$/);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  assert.equal(existsSync(join(cwd, 'data')), false, 'nothing was written: no store opened');
  const m = await runCli(['metrics', '--file', join(cwd, 'nope', 'x.prom')], { cwd });
  assert.equal(m.code, 2);
});

test(
  'a failed run still writes its metrics: the failed step and the HTTP retries of the run',
  { skip: prometheusSkip() },
  async (t) => {
    // A market data server that answers 503 to everything: collect retries (the shared policy), then fails.
    const polygon = createServer((_req, res) => res.writeHead(503).end('{"status":"ERROR"}'));
    await new Promise<void>((r) => polygon.listen(0, '127.0.0.1', r));
    t.after(() => polygon.close());
    const cwd = tempDir(t);
    const file = join(cwd, 'ats.prom');
    const env = {
      POLYGON_API_KEY: 'polygon-key-for-test',
      POLYGON_BASE_URL: `http://127.0.0.1:${(polygon.address() as AddressInfo).port}`,
      POLYGON_RATE_LIMIT: '0',
      ATS_HTTP_ATTEMPTS: '3',
      ATS_HTTP_BACKOFF_MS: '1',
    };
    const r = await runCli([...DAILY, '--skip', 'verify', '--metrics-file', file], { cwd, env });
    assert.notEqual(r.code, 0);
    const text = readFileSync(file, 'utf8');
    assert.equal(promtool(['check', 'metrics'], text).code, 0);
    const m = samples(text);
    assert.equal(m.get('ats_daily_run_status{status="failed"}'), 1, text);
    assert.equal(m.get('ats_daily_run_failed{step="collect"}'), 1, text);
    // 3 attempts per request: at least 2 retries of the first request the run made.
    assert.ok((m.get('ats_http_retries_total{reason="HTTP 503"}') ?? 0) >= 2, text);
    assert.equal(text.includes('polygon-key-for-test'), false);
  },
);
