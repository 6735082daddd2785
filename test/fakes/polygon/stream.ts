/**
 * Fake Polygon stocks WebSocket, frames from test/fixtures/polygon/ws_stocks_messages.json.
 * Protocol (client-python websocket/__init__.py, client-js getStocksWebsocket): the server sends
 * [{"ev":"status","status":"connected"}] on connect; the client sends {"action":"auth","params":KEY}
 * (client-js sends it on open, without waiting for "connected"); then
 * {"action":"subscribe","params":"T.AAPL,Q.AAPL,AM.*"}. Every server frame is a JSON array.
 * Paths: /stocks (real-time cluster, wss://socket.polygon.io/stocks) and /delayed/stocks (stands in
 * for wss://delayed.polygon.io/stocks).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket } from 'ws';
import { messageText } from '../../../src/lib/market/polygon-stream.js';

/**
 * Wording of a key without stream entitlement, as quoted from the live service by several projects
 * (e.g. QuantConnect/Lean.DataSource.Polygon#21: answered to auth with status auth_failed).
 */
export const PLAN_LACKS_WEBSOCKET =
  "Your plan doesn't include websocket access. Visit https://polygon.io/pricing to upgrade.";

export interface StreamOptions {
  apiKey: string;
  /**
   * Real-time feed not in the plan. 'auth' (or true): auth on /stocks answers auth_failed with
   * PLAN_LACKS_WEBSOCKET and closes (what users report). 'subscribe': auth succeeds, each subscribe
   * answers status "error" with that message (our guess of a per-channel refusal). /delayed/stocks
   * is never refused.
   */
  realtimeForbidden?: boolean | 'auth' | 'subscribe';
}

interface Conn {
  socket: WebSocket;
  path: string;
  authed: boolean;
  channels: Set<string>;
}

const status = (status: string, message: string): string => JSON.stringify([{ ev: 'status', status, message }]);

export class FakeStream {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly conns = new Set<Conn>();
  private waiters: Array<() => void> = [];
  /** Connections accepted since start (a reconnect adds one). */
  connectionsTotal = 0;
  /** Subscribe requests received (a resubscribe after reconnect adds one each). */
  subscribeRequests = 0;

  constructor(private readonly opts: StreamOptions) {}

  /** Route an HTTP upgrade; answers 404 for paths other than /stocks and /delayed/stocks. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path !== '/stocks' && path !== '/delayed/stocks') {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, path));
  }

  private accept(socket: WebSocket, path: string): void {
    const conn: Conn = { socket, path, authed: false, channels: new Set() };
    this.conns.add(conn);
    this.connectionsTotal++;
    socket.on('close', () => this.conns.delete(conn));
    socket.on('error', () => this.conns.delete(conn));
    socket.on('message', (data) => this.onMessage(conn, messageText(data)));
    socket.send(status('connected', 'Connected Successfully'));
    this.wake();
  }

  private onMessage(conn: Conn, text: string): void {
    let msg: { action?: unknown; params?: unknown };
    try {
      msg = JSON.parse(text) as typeof msg;
    } catch {
      conn.socket.send(status('error', 'invalid JSON'));
      return;
    }
    const params = typeof msg.params === 'string' ? msg.params : '';
    const forbidden = this.opts.realtimeForbidden;
    const realtime = conn.path === '/stocks';
    if (msg.action === 'auth') {
      if (params !== this.opts.apiKey) return this.refuse(conn, 'authentication failed');
      if (realtime && (forbidden === true || forbidden === 'auth')) return this.refuse(conn, PLAN_LACKS_WEBSOCKET);
      conn.authed = true;
      conn.socket.send(status('auth_success', 'authenticated'));
    } else if (msg.action === 'subscribe' || msg.action === 'unsubscribe') {
      if (!conn.authed) {
        conn.socket.send(status('error', 'not authorized'));
        return;
      }
      const channels = params
        .split(',')
        .map((c) => c.trim())
        .filter((c) => c !== '');
      if (msg.action === 'subscribe') this.subscribeRequests++;
      for (const ch of channels) {
        if (msg.action === 'subscribe' && realtime && forbidden === 'subscribe') {
          conn.socket.send(status('error', PLAN_LACKS_WEBSOCKET));
          continue;
        }
        if (msg.action === 'subscribe') conn.channels.add(ch);
        else conn.channels.delete(ch);
        conn.socket.send(status('success', `${msg.action}d to: ${ch}`));
      }
    } else {
      conn.socket.send(status('error', `unknown action: ${String(msg.action)}`));
    }
    this.wake();
  }

  /** First reply status auth_failed is fatal for the clients; the server hangs up. */
  private refuse(conn: Conn, message: string): void {
    conn.socket.send(status('auth_failed', message), () => conn.socket.close(1008, 'auth failed'));
  }

  /**
   * Send events (T/Q/AM/A objects) to each authenticated connection, filtered by what it subscribed
   * ("T.AAPL" or "T.*"), as one JSON array frame. Returns how many connections got a frame.
   */
  push(events: readonly object[]): number {
    let delivered = 0;
    for (const conn of this.conns) {
      if (!conn.authed || conn.socket.readyState !== WebSocket.OPEN) continue;
      const mine = events.filter((e) => {
        const { ev, sym } = e as { ev?: unknown; sym?: unknown };
        return conn.channels.has(`${String(ev)}.${String(sym)}`) || conn.channels.has(`${String(ev)}.*`);
      });
      if (mine.length === 0) continue;
      conn.socket.send(JSON.stringify(mine));
      delivered++;
    }
    return delivered;
  }

  /** Send a raw text frame to every open connection (malformed-frame tests). */
  sendRaw(text: string): void {
    for (const conn of this.conns) if (conn.socket.readyState === WebSocket.OPEN) conn.socket.send(text);
  }

  /** Cut every connection without a close frame, like a network drop. */
  dropAll(): void {
    for (const conn of this.conns) conn.socket.terminate();
    this.conns.clear();
  }

  /** Open connections now. */
  connections(): number {
    return this.conns.size;
  }

  /** Channels subscribed on open, authenticated connections (sorted, with duplicates removed). */
  subscriptions(): string[] {
    const all = new Set<string>();
    for (const conn of this.conns) if (conn.authed) for (const ch of conn.channels) all.add(ch);
    return [...all].sort();
  }

  /**
   * Resolves once every open connection has read every frame sent to it before the call: a ping goes
   * after them on each socket, and the client's pong (ws answers pings itself) comes back only once the
   * frames before it were handled, 'message' listeners included.
   */
  async delivered(timeoutMs = 60_000): Promise<void> {
    const open = [...this.conns].filter((c) => c.socket.readyState === WebSocket.OPEN);
    await Promise.all(
      open.map(
        (c) =>
          new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error('fake Polygon stream: no pong in time')), timeoutMs);
            const settle = (err: Error | null): void => {
              clearTimeout(timer);
              c.socket.off('pong', onPong);
              c.socket.off('close', onClose);
              if (err) reject(err);
              else resolve();
            };
            const onPong = (): void => settle(null);
            const onClose = (): void => settle(new Error('fake Polygon stream: closed before the pong'));
            c.socket.on('pong', onPong);
            c.socket.on('close', onClose);
            c.socket.ping();
          }),
      ),
    );
  }

  /** Resolves once `ready()` holds (checked after every connection and message), or rejects after timeoutMs. */
  async waitUntil(ready: () => boolean, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!ready()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('fake Polygon stream: condition not met in time');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 50));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Resolves once `channel` is subscribed on some connection. */
  waitForSubscription(channel: string, timeoutMs?: number): Promise<void> {
    return this.waitUntil(() => this.subscriptions().includes(channel), timeoutMs);
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  async close(): Promise<void> {
    this.dropAll();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
