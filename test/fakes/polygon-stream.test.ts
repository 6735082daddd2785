/** The fake Polygon WebSocket: frames as in test/fixtures/polygon/ws_stocks_messages.json. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { WebSocket } from 'ws';
import { fixturePath } from '../helpers/tmp.js';
import { messageText } from '../../src/lib/market/polygon-stream.js';
import { PLAN_LACKS_WEBSOCKET, startFakePolygon } from './polygon-server.js';
import type { FakePolygon, FakePolygonOptions } from './polygon-server.js';

const KEY = 'ws-key-456';
const recorded = JSON.parse(readFileSync(fixturePath('polygon', 'ws_stocks_messages.json'), 'utf8')) as Record<
  string,
  unknown
>;

async function withFake(
  t: { after: (fn: () => Promise<void>) => void },
  opts: Partial<FakePolygonOptions> = {},
): Promise<FakePolygon> {
  const fake = await startFakePolygon({ apiKey: KEY, ...opts });
  t.after(() => fake.close());
  return fake;
}

/** A client that queues every frame it receives, parsed. */
async function connect(
  url: string,
): Promise<{ ws: WebSocket; next: () => Promise<unknown[]>; closed: Promise<number> }> {
  const ws = new WebSocket(url);
  const frames: unknown[][] = [];
  const waiting: Array<(f: unknown[]) => void> = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(messageText(data)) as unknown[];
    const w = waiting.shift();
    if (w) w(frame);
    else frames.push(frame);
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const next = (): Promise<unknown[]> => {
    const f = frames.shift();
    return f ? Promise.resolve(f) : new Promise((resolve) => waiting.push(resolve));
  };
  return { ws, next, closed };
}

test('stream: connected, auth, subscribe acks, filtered push, unsubscribe', async (t) => {
  const fake = await withFake(t);
  const c = await connect(`${fake.wsUrl}/stocks`);
  assert.deepEqual(await c.next(), recorded.on_connect);
  c.ws.send(JSON.stringify({ action: 'auth', params: KEY }));
  assert.deepEqual(await c.next(), recorded.auth_success);
  c.ws.send(JSON.stringify({ action: 'subscribe', params: 'T.AAPL,Q.AAPL,AM.*' }));
  assert.deepEqual(await c.next(), recorded.subscribe_ack_per_channel);
  assert.deepEqual(await c.next(), [{ ev: 'status', status: 'success', message: 'subscribed to: Q.AAPL' }]);
  assert.deepEqual(await c.next(), [{ ev: 'status', status: 'success', message: 'subscribed to: AM.*' }]);
  assert.deepEqual(fake.ws.subscriptions(), ['AM.*', 'Q.AAPL', 'T.AAPL']);

  const trade = (recorded.frame_single_trade_mock as unknown[])[0];
  const amzn = (recorded.frame_two_trades_mock_second_without_conditions as unknown[])[0];
  const minute = recorded.event_AM_spec_example;
  assert.equal(fake.ws.push([trade as object, amzn as object, minute as object]), 1);
  assert.deepEqual(await c.next(), [trade, minute]); // AMZN trades were not subscribed

  c.ws.send(JSON.stringify({ action: 'unsubscribe', params: 'T.AAPL' }));
  assert.deepEqual(await c.next(), recorded.unsubscribe_ack);
  assert.equal(fake.ws.push([trade as object]), 0);
  c.ws.close();
});

test('stream: a wrong key gets auth_failed and is hung up', async (t) => {
  const fake = await withFake(t);
  const c = await connect(`${fake.wsUrl}/stocks`);
  await c.next();
  c.ws.send(JSON.stringify({ action: 'auth', params: 'wrong' }));
  assert.deepEqual(await c.next(), recorded.auth_failed);
  assert.equal(await c.closed, 1008);
});

test('stream: subscribe before auth is refused', async (t) => {
  const fake = await withFake(t);
  const c = await connect(`${fake.wsUrl}/stocks`);
  await c.next();
  c.ws.send(JSON.stringify({ action: 'subscribe', params: 'T.AAPL' }));
  assert.deepEqual(await c.next(), [{ ev: 'status', status: 'error', message: 'not authorized' }]);
  assert.deepEqual(fake.ws.subscriptions(), []);
  c.ws.close();
});

test('stream: dropAll cuts connections; a reconnect is counted', async (t) => {
  const fake = await withFake(t);
  const c = await connect(`${fake.wsUrl}/stocks`);
  await c.next();
  c.ws.send(JSON.stringify({ action: 'auth', params: KEY }));
  await c.next();
  c.ws.send(JSON.stringify({ action: 'subscribe', params: 'T.AAPL' }));
  await fake.ws.waitForSubscription('T.AAPL');
  assert.equal(fake.ws.connections(), 1);
  fake.ws.dropAll();
  assert.equal(await c.closed, 1006); // abnormal closure: no close frame
  assert.equal(fake.ws.connections(), 0);
  const again = await connect(`${fake.wsUrl}/stocks`);
  await again.next();
  assert.equal(fake.ws.connectionsTotal, 2);
  again.ws.close();
});

test('stream: realtimeForbidden refuses /stocks with the plan message, /delayed/stocks works', async (t) => {
  const fake = await withFake(t, { realtimeForbidden: true });
  const rt = await connect(`${fake.wsUrl}/stocks`);
  await rt.next();
  rt.ws.send(JSON.stringify({ action: 'auth', params: KEY }));
  assert.deepEqual(await rt.next(), [{ ev: 'status', status: 'auth_failed', message: PLAN_LACKS_WEBSOCKET }]);
  await rt.closed;
  const delayed = await connect(`${fake.wsUrl}/delayed/stocks`);
  await delayed.next();
  delayed.ws.send(JSON.stringify({ action: 'auth', params: KEY }));
  assert.deepEqual(await delayed.next(), recorded.auth_success);
  delayed.ws.close();
});

test("stream: realtimeForbidden 'subscribe' authenticates but refuses each channel", async (t) => {
  const fake = await withFake(t, { realtimeForbidden: 'subscribe' });
  const c = await connect(`${fake.wsUrl}/stocks`);
  await c.next();
  c.ws.send(JSON.stringify({ action: 'auth', params: KEY }));
  assert.deepEqual(await c.next(), recorded.auth_success);
  c.ws.send(JSON.stringify({ action: 'subscribe', params: 'T.AAPL' }));
  assert.deepEqual(await c.next(), [{ ev: 'status', status: 'error', message: PLAN_LACKS_WEBSOCKET }]);
  assert.deepEqual(fake.ws.subscriptions(), []);
  c.ws.close();
});
