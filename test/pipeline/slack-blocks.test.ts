/**
 * Slack messages as Block Kit blocks. Limits from Slack's reference: header text ≤ 150 characters
 * (https://docs.slack.dev/reference/block-kit/blocks/header-block), section text ≤ 3000, fields ≤ 10 of ≤ 2000
 * each (https://docs.slack.dev/reference/block-kit/blocks/section-block), ≤ 50 blocks a message.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { notifySlack } from '../../src/lib/pipeline/notify.js';
import type { SlackMessage } from '../../src/lib/pipeline/slack-blocks.js';
import {
  dailyLossAlert,
  dailyMessage,
  largeTradeAlert,
  protectiveFillAlert,
  staleDataAlert,
} from '../../src/lib/pipeline/slack-messages.js';
import { silentLogger } from '../../src/lib/log.js';
import { rememberSecrets } from '../../src/lib/secrets.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

/** A fake incoming webhook on 127.0.0.1: every posted JSON body. */
async function fakeWebhook(t: { after: (fn: () => void) => void }): Promise<{ url: string; bodies: unknown[] }> {
  const bodies: unknown[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      bodies.push(JSON.parse(body));
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => server.close());
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T000/B000/hook-secret-token`,
    bodies,
  };
}

/** The shape Slack accepts, within its documented limits. */
function assertSlackShape(payload: unknown): asserts payload is SlackMessage {
  const m = payload as SlackMessage;
  assert.equal(typeof m.text, 'string');
  assert.ok(Array.isArray(m.blocks) && m.blocks.length > 0 && m.blocks.length <= 50);
  for (const b of m.blocks) {
    assert.ok(['header', 'section', 'context', 'divider'].includes(b.type), b.type);
    if (b.type === 'header') {
      assert.equal(b.text.type, 'plain_text');
      assert.ok(b.text.text.length > 0 && b.text.text.length <= 150, b.text.text);
    }
    if (b.type === 'section' && 'text' in b) {
      assert.equal(b.text.type, 'mrkdwn');
      assert.ok(b.text.text.length <= 3000);
    }
    if (b.type === 'section' && 'fields' in b) {
      assert.ok(b.fields.length <= 10);
      for (const f of b.fields) assert.ok(f.text.length <= 2000);
    }
    if (b.type === 'context') for (const e of b.elements) assert.ok(e.text.length <= 3000);
  }
}

test('daily posts its summary as blocks (header, gate, PnL, top trades) and a large-trade alert per big order', async (t) => {
  const hook = await fakeWebhook(t);
  const cwd = tempDir(t);
  const args = [
    'daily',
    '--symbols',
    'AAPL,MSFT,NVDA',
    '--asof',
    '2023-12-29',
    '--trade',
    '--force-model',
    '--threshold',
    '0.5',
    '--quiet',
  ];
  const r = await runCli(args, { cwd, env: { SLACK_WEBHOOK_URL: hook.url, ATS_ALERT_TRADE_DOLLARS: '1' } });
  assert.equal(r.code, 0, r.stderr);
  assert.ok(hook.bodies.length >= 2, JSON.stringify(hook.bodies));
  for (const body of hook.bodies) {
    assertSlackShape(body);
    assert.equal(JSON.stringify(body).includes('hook-secret-token'), false, 'the webhook URL is a secret');
  }
  const [daily, ...alerts] = hook.bodies as SlackMessage[];
  assert.ok(daily);
  const texts = daily.blocks.map((b) => JSON.stringify(b)).join('\n');
  assert.equal(daily.blocks[0]?.type, 'header');
  assert.match(texts, /2023-12-29: completed/);
  assert.match(texts, /Model gate/);
  assert.match(texts, /Realised PnL \(day\)/);
  assert.match(texts, /Unrealised PnL/);
  assert.match(texts, /```\\nsymbol/);
  assert.ok(alerts.length > 0 && alerts.every((a) => a.text.includes('Large trade')));

  // Above every order's size: no trade alert (the orders are already placed: the re-run posts the summary only).
  hook.bodies.length = 0;
  const again = await runCli([...args, '--rerun'], {
    cwd,
    env: { SLACK_WEBHOOK_URL: hook.url, ATS_ALERT_TRADE_DOLLARS: '1000000000' },
  });
  assert.equal(again.code, 0, again.stderr);
  assert.equal(hook.bodies.length, 1);
});

test('a failed run names the failed step; long texts are cut to Slack limits', () => {
  const msg = dailyMessage({
    session: '2024-01-05',
    status: 'failed',
    message: 'x'.repeat(5000),
    steps: [
      { name: 'verify', status: 'ok', ms: 10, summary: 'fine' },
      { name: 'collect', status: 'failed', ms: 20, summary: 'Polygon answered HTTP 503 after 5 attempts' },
    ],
    tradesTable: Array.from({ length: 400 }, (_, i) => `AAPL ${i}`.padEnd(40, '.')).join('\n'),
    pnl: { realized: -12.5, unrealized: 340.25 },
  });
  assertSlackShape(msg);
  const all = JSON.stringify(msg);
  assert.match(all, /Failed step:\* `collect`/);
  assert.match(all, /Polygon answered HTTP 503/);
  assert.match(all, /more line\(s\)/);
  assert.match(all, /-\$12\.50/);
  assert.match(msg.text, /at step collect/);
});

test('alerts: protective fill, daily loss limit, stale data, large trade', () => {
  const alerts = [
    protectiveFillAlert({ symbol: 'AAPL', side: 'sell', qty: 10, price: 180.5, kind: 'stop', realizedPnl: -95 }),
    dailyLossAlert({ session: '2024-01-05', lossRatio: 0.062, limitRatio: 0.05, equity: 93_800, startEquity: 100_000 }),
    staleDataAlert(
      Array.from({ length: 200 }, (_, i) => ({
        symbol: `S${i}`,
        message: 'last bar is 2023-12-20, 6 session(s) behind',
      })),
    ),
    largeTradeAlert({ symbol: 'NVDA', side: 'buy', shares: 100, price: 495.22, status: 'new' }, 10_000),
  ];
  for (const a of alerts) assertSlackShape(a);
  assert.match(alerts[0]!.text, /Protective stop filled: sell 10 AAPL at \$180\.50/);
  assert.match(alerts[1]!.text, /Daily loss limit hit \(2024-01-05\): 6\.20% below/);
  assert.match(alerts[2]!.text, /Stale data: 200 symbol/);
  assert.match(alerts[3]!.text, /Large trade: buy 100 NVDA \(\$49,522\.00\)/);
});

test('secrets never leave in a message: every text is scrubbed before posting', async (t) => {
  const hook = await fakeWebhook(t);
  rememberSecrets(['PKTESTSECRET1234']);
  const ok = await notifySlack(
    hook.url,
    dailyMessage({
      session: '2024-01-05',
      status: 'failed',
      message: 'GET https://api.polygon.io/v2/aggs?apiKey=abcdef123456 failed',
      steps: [{ name: 'verify', status: 'failed', ms: 1, summary: 'APCA-API-KEY-ID: PKTESTSECRET1234 refused' }],
    }),
    silentLogger,
  );
  assert.equal(ok, true);
  const posted = JSON.stringify(hook.bodies);
  assert.equal(posted.includes('PKTESTSECRET1234'), false);
  assert.equal(posted.includes('abcdef123456'), false);
  assert.match(posted, /\*\*\*/);
});
