import WebSocket from 'ws';
import { ConfigError } from '../errors.js';
import { backoffDelayMs } from '../http/retry.js';
import { scrubSecrets } from '../secrets.js';
import type { Logger } from '../log.js';
import type { Bar, Tick } from '../types.js';

/**
 * Polygon stocks WebSocket: trades (T), quotes (Q) and minute aggregates (AM).
 * Protocol (https://polygon.io/docs/websocket/quickstart): every server frame is a JSON array of
 * events; after {"status":"connected"} we send auth, after auth_success we subscribe "T.X,Q.X,AM.X".
 * The delayed feed is the default; the real-time one falls back to delayed when the plan lacks it.
 */
export interface StreamOptions {
  apiKey: string;
  /** e.g. wss://delayed.polygon.io and wss://socket.polygon.io (the "/stocks" path is appended). */
  delayedUrl: string;
  realtimeUrl: string;
  realtime: boolean;
  symbols: string[];
  log: Logger;
  onTicks: (ticks: Tick[]) => void;
  onBars: (bars: Bar[]) => void;
  /** Flush buffered events at least this often (ms) or when this many are waiting. */
  flushMs?: number;
  flushSize?: number;
  maxReconnectDelayMs?: number;
}

export interface StreamStats {
  connections: number;
  trades: number;
  quotes: number;
  bars: number;
  feed: 'realtime' | 'delayed';
}

// Wording seen for plans without a feed, e.g. "Your plan doesn't include websocket access. Visit https://polygon.io/pricing to upgrade."
const NOT_AUTHORIZED = /not authori[sz]ed|not entitled|doesn't include|does not include|upgrade|not permitted/i;

export class PolygonStream {
  private ws: WebSocket | null = null;
  private authed = false;
  private readonly symbols: Set<string>;
  private ticks: Tick[] = [];
  private bars: Bar[] = [];
  private timer: NodeJS.Timeout | null = null;
  private stopping = false;
  private failures = 0;
  private finish!: (err?: Error) => void;
  readonly stats: StreamStats;

  constructor(private readonly o: StreamOptions) {
    this.stats = { connections: 0, trades: 0, quotes: 0, bars: 0, feed: o.realtime ? 'realtime' : 'delayed' };
    this.symbols = new Set(o.symbols);
  }

  /** Authenticated on an open socket now (the dashboard's ats_stream_connected). */
  get connected(): boolean {
    return !this.stopping && this.authed && this.ws?.readyState === WebSocket.OPEN;
  }

  /** Also subscribe to `symbols` (now when connected, else on the next connection); known ones are skipped. */
  follow(symbols: Iterable<string>): void {
    const added = [...symbols].filter((s) => !this.symbols.has(s));
    if (added.length === 0) return;
    for (const s of added) this.symbols.add(s);
    if (this.ws && this.authed && this.ws.readyState === WebSocket.OPEN) this.subscribe(this.ws, added);
  }

  private subscribe(ws: WebSocket, symbols: string[]): void {
    if (symbols.length === 0) return;
    const params = symbols.flatMap((s) => [`T.${s}`, `Q.${s}`, `AM.${s}`]).join(',');
    ws.send(JSON.stringify({ action: 'subscribe', params }));
    this.o.log.info(`stream: ${this.stats.feed} feed, subscribed to ${symbols.join(', ')}`);
  }

  /** Runs until stop() is called (resolves) or a fatal error such as a rejected key (rejects). */
  run(): Promise<void> {
    const done = new Promise<void>((resolve, reject) => {
      this.finish = (err) => {
        this.flush();
        if (this.timer) clearInterval(this.timer);
        if (err) reject(err);
        else resolve();
      };
    });
    this.timer = setInterval(() => this.flush(), this.o.flushMs ?? 1000);
    this.connect();
    return done;
  }

  /** Write what was received, close the socket, and resolve run(). */
  stop(): void {
    if (this.stopping) return;
    this.stopping = true;
    this.ws?.close(1000);
    this.finish();
  }

  private url(): string {
    const base = this.stats.feed === 'realtime' ? this.o.realtimeUrl : this.o.delayedUrl;
    return `${base.replace(/\/+$/, '')}/stocks`;
  }

  private connect(): void {
    if (this.stopping) return;
    const ws = new WebSocket(this.url());
    this.ws = ws;
    this.authed = false;
    ws.on('message', (data) => this.onFrame(ws, messageText(data)));
    ws.on('error', (err) => this.o.log.debug(`stream socket error: ${scrubSecrets(err.message, [this.o.apiKey])}`));
    ws.on('close', () => {
      if (this.ws !== ws || this.stopping) return;
      this.failures++;
      const delay = backoffDelayMs(this.failures, {
        baseDelayMs: 500,
        maxDelayMs: this.o.maxReconnectDelayMs ?? 30_000,
      });
      this.o.log.warn(`stream disconnected; reconnecting in ${delay} ms`);
      setTimeout(() => this.connect(), delay);
    });
  }

  private fatal(err: Error): void {
    this.stopping = true;
    this.ws?.close();
    this.finish(err);
  }

  private onFrame(ws: WebSocket, text: string): void {
    let events: unknown;
    try {
      events = JSON.parse(text);
    } catch {
      this.o.log.warn('stream: ignored a frame that is not JSON');
      return;
    }
    for (const ev of Array.isArray(events) ? events : [events]) this.onEvent(ws, ev as Record<string, unknown>);
    if (this.ticks.length + this.bars.length >= (this.o.flushSize ?? 1000)) this.flush();
  }

  private onEvent(ws: WebSocket, e: Record<string, unknown>): void {
    switch (e.ev) {
      case 'status':
        return this.onStatus(ws, scalarText(e.status), scalarText(e.message));
      case 'T':
        this.stats.trades++;
        this.ticks.push(trade(e));
        return;
      case 'Q':
        this.stats.quotes++;
        this.ticks.push(quote(e));
        return;
      case 'AM':
        this.stats.bars++;
        this.bars.push(minuteBar(e));
        return;
      default:
    }
  }

  private onStatus(ws: WebSocket, status: string, message: string): void {
    if (status === 'connected') {
      ws.send(JSON.stringify({ action: 'auth', params: this.o.apiKey }));
    } else if (status === 'auth_success') {
      this.failures = 0;
      this.stats.connections++;
      this.authed = true;
      this.subscribe(ws, [...this.symbols]);
    } else if (status === 'auth_failed' && !NOT_AUTHORIZED.test(message)) {
      this.fatal(new ConfigError(`Polygon stream rejected the API key (${message}): check POLYGON_API_KEY`));
    } else if (NOT_AUTHORIZED.test(message) || status === 'not_authorized') {
      if (this.stats.feed === 'realtime') {
        this.o.log.warn(`stream: real-time feed not authorized (${message}); falling back to the delayed feed`);
        this.stats.feed = 'delayed';
        this.ws = null;
        ws.close();
        this.connect();
      } else {
        this.fatal(new ConfigError(`your Polygon plan does not include the stocks stream (${message})`));
      }
    }
  }

  private flush(): void {
    if (this.ticks.length > 0) {
      const batch = this.ticks;
      this.ticks = [];
      this.o.onTicks(batch);
    }
    if (this.bars.length > 0) {
      const batch = this.bars;
      this.bars = [];
      this.o.onBars(batch);
    }
  }
}

const n = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
/** A number, string or boolean field as text, '' for anything else (never "[object Object]"). */
const scalarText = (v: unknown): string =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';

/** A WebSocket message as text, whichever binaryType delivered it (a Buffer by default). */
export function messageText(data: WebSocket.RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  return (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data)).toString('utf8');
}

function trade(e: Record<string, unknown>): Tick {
  const t = n(e.t) ?? 0;
  return {
    symbol: String(e.sym),
    kind: 'trade',
    tsNs: `${t}000000`,
    ts: t,
    price: n(e.p),
    size: n(e.s),
    bid: null,
    bidSize: null,
    ask: null,
    askSize: null,
    exchange: n(e.x),
    conditions: Array.isArray(e.c) ? e.c.join(',') : null,
    id: `${scalarText(e.i)}:${scalarText(e.x)}:${scalarText(e.q)}`,
  };
}

function quote(e: Record<string, unknown>): Tick {
  const t = n(e.t) ?? 0;
  return {
    symbol: String(e.sym),
    kind: 'quote',
    tsNs: `${t}000000`,
    ts: t,
    price: null,
    size: null,
    bid: n(e.bp),
    bidSize: n(e.bs),
    ask: n(e.ap),
    askSize: n(e.as),
    exchange: n(e.bx),
    conditions: e.c === undefined ? null : Array.isArray(e.c) ? e.c.join(',') : scalarText(e.c),
    id: scalarText(e.q),
  };
}

function minuteBar(e: Record<string, unknown>): Bar {
  return {
    symbol: String(e.sym),
    timeframe: '1m',
    ts: n(e.s) ?? 0,
    open: n(e.o) as number,
    high: n(e.h) as number,
    low: n(e.l) as number,
    close: n(e.c) as number,
    volume: n(e.v) as number,
    vwap: n(e.vw),
    trades: null,
  };
}
