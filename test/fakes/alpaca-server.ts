/**
 * A fake Alpaca Trading API v2 on 127.0.0.1 (random port), for broker tests. Bodies follow the fixtures in
 * test/fixtures/alpaca/ (see SOURCES.txt): amounts, quantities and prices are JSON strings.
 *
 *   const fake = await startFakeAlpaca({ cash: 100_000, prices: { AAPL: 190 } });
 *   new Alpaca({ keyId: fake.keyId, secretKey: fake.secretKey, baseUrl: fake.url, paper: true });
 *   ... t.after(() => fake.close());
 *
 * Auth: headers APCA-API-KEY-ID / APCA-API-SECRET-KEY must match (else 401, error_401_unauthorized.json).
 * Lifecycle: POST answers "accepted", the order is then "new"; with autoFill (default) market orders fill at once
 * at the current price and limit/stop orders fill when the price is (or later moves) through them.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { AlpacaFaultQueue } from './alpaca/faults.js';
import type { AlpacaFault } from './alpaca/faults.js';
import { applyFill, endOrder, fillExecutable, rejectLeg } from './alpaca/fills.js';
import { fillMleg } from './alpaca/mleg.js';
import { createOrder } from './alpaca/orders.js';
import { orderJson } from './alpaca/render.js';
import { fixture, serverError, unauthorized, unavailable } from './alpaca/replies.js';
import type { Reply } from './alpaca/replies.js';
import { route } from './alpaca/routes.js';
import { makeAsset, priceOf } from './alpaca/state.js';
import type { FakeAlpacaState, FakeAsset, FakeClock, FakeOrder } from './alpaca/state.js';

export type { AlpacaFault } from './alpaca/faults.js';
export type { FakeAlpacaState, FakeOrder, FakePosition, FakeAsset } from './alpaca/state.js';

export interface FakeAlpacaOptions {
  keyId?: string;
  secretKey?: string;
  /** Starting cash (and last_equity). Default 100,000. */
  cash?: number;
  /** Current prices; each symbol becomes a tradable, shortable us_equity asset. */
  prices?: Record<string, number>;
  /** Asset flags per symbol (e.g. { GME: { shortable: false } }). */
  assets?: Record<string, Partial<Omit<FakeAsset, 'symbol'>>>;
  /** Default true: see the header comment. */
  autoFill?: boolean;
  /** Clock for timestamps and the after/until filters (epoch ms). Default Date.now. */
  now?: () => number;
}

export interface RecordedRequest {
  method: string;
  /** Path with query string, as sent. */
  path: string;
  /** Parsed JSON body (the raw string when it is not JSON; undefined when empty). */
  body: unknown;
}

export interface ExternalOrder {
  symbol: string;
  side: 'buy' | 'sell';
  qty: number;
  /** Fill price; default the current price. */
  price?: number;
  clientOrderId?: string;
}

export interface FakeAlpaca {
  url: string;
  keyId: string;
  secretKey: string;
  state: FakeAlpacaState;
  requests: RecordedRequest[];
  /** Set the price (adding the asset if new); with autoFill, fills open orders it crosses. */
  setPrice(symbol: string, price: number): void;
  /** Fill an open order: qty default the remainder; price default its limit price, else the current price. */
  fillOrder(id: string, fill?: { qty?: number; price?: number }): Record<string, unknown>;
  /** Fill an mleg order, all legs at once: each at legPrices[OCC symbol], else its current price (see alpaca/mleg.ts). */
  fillMleg(id: string, legPrices?: Record<string, number>): Record<string, unknown>;
  /** An order filled "outside ats" (another app, the web UI): a random client_order_id unless given. */
  placeExternalOrder(order: ExternalOrder): Record<string, unknown>;
  /** End an open order as the market would (day orders at the close; a venue rejection). */
  expireOrder(id: string): Record<string, unknown>;
  rejectOrder(id: string): Record<string, unknown>;
  /** A bracket / oto / oco leg refused after the entry was accepted (see fills.ts rejectLeg for what follows). */
  rejectLeg(entryId: string, leg: 'take_profit' | 'stop_loss'): Record<string, unknown>;
  /** Refuse the next bracket / oto / oco submit with 403: no buying power for a leg, or a symbol not shortable. */
  refuseNextAdvanced(kind: 'insufficient_buying_power' | 'not_shortable'): void;
  inject(fault: AlpacaFault): void;
  setClock(clock: Partial<FakeClock>): void;
  close(): Promise<void>;
}

function initialState(opts: FakeAlpacaOptions): FakeAlpacaState {
  const cash = opts.cash ?? 100_000;
  const clock = fixture<FakeClock & { timestamp?: string }>('docs_clock.json');
  delete clock.timestamp;
  const state: FakeAlpacaState = {
    account: { id: randomUUID(), accountNumber: 'PA3FAKE00001', cash, lastEquity: cash, shortingEnabled: true },
    orders: new Map(),
    positions: new Map(),
    prices: new Map(),
    lastdayPrices: new Map(),
    assets: new Map(),
    clock,
    holidays: new Set(),
    autoFill: opts.autoFill ?? true,
    refuseNextAdvanced: null,
    now: opts.now ?? Date.now,
    seq: 0,
  };
  for (const [symbol, price] of Object.entries(opts.prices ?? { AAPL: 190, MSFT: 410, SPY: 500 })) {
    state.assets.set(symbol, makeAsset(symbol, opts.assets?.[symbol]));
    state.prices.set(symbol, price);
    state.lastdayPrices.set(symbol, price);
  }
  for (const [symbol, flags] of Object.entries(opts.assets ?? {})) {
    if (!state.assets.has(symbol)) state.assets.set(symbol, makeAsset(symbol, flags));
  }
  return state;
}

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', reject);
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (text === '') return resolve(undefined);
      try {
        resolve(JSON.parse(text) as unknown);
      } catch {
        resolve(text);
      }
    });
  });
}

function send(res: ServerResponse, r: Reply): void {
  const headers: Record<string, string> = { ...r.headers };
  if (r.body === undefined) {
    res.writeHead(r.status, headers).end();
    return;
  }
  const text = JSON.stringify(r.body);
  headers['content-type'] = 'application/json; charset=UTF-8';
  headers['content-length'] = String(Buffer.byteLength(text));
  res.writeHead(r.status, headers).end(text);
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

export async function startFakeAlpaca(opts: FakeAlpacaOptions = {}): Promise<FakeAlpaca> {
  const keyId = opts.keyId ?? 'FAKEKEYID0000000000';
  const secretKey = opts.secretKey ?? 'fake-secret-key-0000000000000000000000000';
  const state = initialState(opts);
  const requests: RecordedRequest[] = [];
  const faults = new AlpacaFaultQueue();
  const hanging = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    void (async () => {
      const method = req.method ?? 'GET';
      const path = req.url ?? '/';
      const body = await readBody(req);
      requests.push({ method, path, body });
      const fault = faults.take(`${method} ${path}`);
      if (fault?.kind === 'timeout') {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      if (fault?.kind === '500') return send(res, serverError());
      if (fault?.kind === '503') return send(res, unavailable(fault.retryAfterSec));
      const authorized = header(req, 'apca-api-key-id') === keyId && header(req, 'apca-api-secret-key') === secretKey;
      const r = authorized ? route(state, method, new URL(path, 'http://fake'), body) : unauthorized();
      if (fault?.kind === 'drop-response') {
        req.socket.destroy();
        return;
      }
      send(res, r);
    })().catch((err: unknown) => send(res, { status: 500, body: { code: 50010000, message: String(err) } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const order = (id: string): FakeOrder => {
    const o = state.orders.get(id);
    if (o === undefined) throw new Error(`fake Alpaca: no order ${id}`);
    return o;
  };

  return {
    url: `http://127.0.0.1:${port}`,
    keyId,
    secretKey,
    state,
    requests,
    setPrice(symbol, price) {
      if (!state.assets.has(symbol)) state.assets.set(symbol, makeAsset(symbol));
      if (!state.lastdayPrices.has(symbol)) state.lastdayPrices.set(symbol, price);
      state.prices.set(symbol, price);
      fillExecutable(state, symbol);
    },
    fillOrder(id, fill = {}) {
      const o = order(id);
      const price = fill.price ?? o.limitPrice ?? priceOf(state, o.symbol);
      if (price === undefined) throw new Error(`fake Alpaca: no price for ${o.symbol}`);
      applyFill(state, o, fill.qty ?? o.qty - o.filledQty, price);
      return orderJson(state, o);
    },
    fillMleg(id, legPrices) {
      fillMleg(state, order(id), legPrices);
      return orderJson(state, order(id));
    },
    placeExternalOrder(ext) {
      if (!state.assets.has(ext.symbol)) state.assets.set(ext.symbol, makeAsset(ext.symbol));
      const price = ext.price ?? priceOf(state, ext.symbol);
      if (price === undefined) throw new Error(`fake Alpaca: no price for ${ext.symbol}`);
      const o = createOrder(state, {
        symbol: ext.symbol,
        qty: ext.qty,
        side: ext.side,
        type: 'market',
        timeInForce: 'day',
        limitPrice: null,
        stopPrice: null,
        clientOrderId: ext.clientOrderId,
        extendedHours: false,
        orderClass: 'simple',
        takeProfit: null,
        stopLoss: null,
        trailPercent: null,
        trailPrice: null,
      });
      o.status = 'new';
      applyFill(state, o, ext.qty, price);
      return orderJson(state, o);
    },
    expireOrder(id) {
      endOrder(state, order(id), 'expired');
      return orderJson(state, order(id));
    },
    rejectOrder(id) {
      endOrder(state, order(id), 'rejected');
      return orderJson(state, order(id));
    },
    rejectLeg(entryId, leg) {
      rejectLeg(state, order(entryId), leg);
      return orderJson(state, order(entryId));
    },
    refuseNextAdvanced(kind) {
      state.refuseNextAdvanced = kind;
    },
    inject: (fault) => faults.add(fault),
    setClock(clock) {
      Object.assign(state.clock, clock);
    },
    close() {
      for (const res of hanging) res.socket?.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
