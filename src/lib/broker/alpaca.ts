/**
 * AlpacaBroker on the official SDK (@alpacahq/alpaca-trade-api 3.x, axios underneath). Loaded lazily: the SDK
 * runs dotenv on import. The SDK has no timeout, so its HTTP function is replaced by one that passes axios a
 * `timeout` (the socket is dropped, not left hanging), and each call also races our own timer.
 * Base URLs (paper / live) are chosen in open-broker.ts.
 */
import { createRequire } from 'node:module';
import Alpaca from '@alpacahq/alpaca-trade-api/dist/alpaca-trade-api.js';
import { BrokerError, TemporaryError, UsageError } from '../errors.js';
import { formatMs } from '../http/index.js';
import { ALPACA_NETWORK_HINT, mapAlpacaError, statusOf } from './alpaca-errors.js';
import {
  parseAlpacaAccount,
  parseAlpacaList,
  parseAlpacaOrder,
  parseAlpacaPosition,
  toAlpacaOrderBody,
} from './alpaca-map.js';
import type {
  Broker,
  BrokerAccount,
  BrokerOrder,
  BrokerPosition,
  OrderChanges,
  OrderListStatus,
  OrderRequest,
} from './types.js';

export interface AlpacaBrokerOptions {
  keyId: string;
  secretKey: string;
  baseUrl: string;
  /** Per request, ms (default 10 000). */
  timeoutMs?: number;
}

type AxiosFn = (config: Record<string, unknown>) => Promise<{ data: unknown }>;
type HttpRequest = (
  endpoint: string,
  query?: Record<string, unknown> | null,
  body?: unknown,
  method?: string,
) => Promise<{ data: unknown }>;

/** The SDK's order list query: every key present, the unused ones undefined. */
interface AlpacaOrderQuery {
  status: OrderListStatus;
  limit: number;
  direction: 'asc' | 'desc';
  until: undefined;
  after: undefined;
  nested: undefined;
  symbols: undefined;
}

/** The SDK calls we use. Its typings say `any`; what comes back is checked by the parsers in alpaca-map.ts. */
interface AlpacaClient {
  httpRequest: HttpRequest;
  getAsset(symbol: string): Promise<unknown>;
  createOrder(body: Record<string, unknown>): Promise<unknown>;
  getOrderByClientId(clientOrderId: string): Promise<unknown>;
  getOrders(query: AlpacaOrderQuery): Promise<unknown>;
  cancelOrder(brokerOrderId: string): Promise<unknown>;
  getPositions(): Promise<unknown>;
  getAccount(): Promise<unknown>;
}

/** axios as the SDK resolves it (its own dependency, not ours). */
function sdkAxios(): AxiosFn {
  const sdkRequire = createRequire(createRequire(import.meta.url).resolve('@alpacahq/alpaca-trade-api'));
  return sdkRequire('axios') as AxiosFn;
}

export class AlpacaBroker implements Broker {
  readonly name = 'alpaca' as const;
  private readonly client: AlpacaClient;
  private readonly timeoutMs: number;
  private readonly secrets: string[];

  constructor(opts: AlpacaBrokerOptions) {
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.secrets = [opts.keyId, opts.secretKey];
    this.client = new Alpaca({ keyId: opts.keyId, secretKey: opts.secretKey, baseUrl: opts.baseUrl, paper: true });
    const axios = sdkAxios();
    const base = opts.baseUrl.replace(/\/+$/, '');
    const timeout = this.timeoutMs;
    const httpRequest: HttpRequest = (endpoint, query, body, method) =>
      axios({
        method: method ?? 'GET',
        url: `${base}/v2${endpoint}`,
        params: query ?? {},
        headers: {
          'content-type': method !== 'DELETE' ? 'application/json' : '',
          'APCA-API-KEY-ID': opts.keyId,
          'APCA-API-SECRET-KEY': opts.secretKey,
        },
        data: body ?? undefined,
        timeout,
      });
    this.client.httpRequest = httpRequest;
  }

  /** One SDK call with our timer around it and errors mapped (and scrubbed). */
  private async call<T>(what: string, fn: () => Promise<unknown>, clientOrderId?: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      // A backstop for a call that axios's own timeout does not end (several requests, a stuck body).
      timer = setTimeout(
        () =>
          reject(
            new TemporaryError(
              `Alpaca ${what} timed out: no answer within ${formatMs(this.timeoutMs)}: ${ALPACA_NETWORK_HINT}`,
            ),
          ),
        this.timeoutMs + 1000,
      );
    });
    try {
      return (await Promise.race([fn(), timeout])) as T;
    } catch (err) {
      throw mapAlpacaError(err, {
        what,
        secrets: this.secrets,
        timeoutMs: this.timeoutMs,
        ...(clientOrderId === undefined ? {} : { clientOrderId }),
      });
    } finally {
      clearTimeout(timer);
    }
  }

  async assertTradable(symbol: string): Promise<void> {
    let asset: unknown;
    try {
      asset = await this.call('asset lookup', () => this.client.getAsset(symbol));
    } catch (err) {
      const status = statusOf(err);
      if (status === 404 || status === 422) throw new UsageError(`unknown symbol ${symbol}: Alpaca has no such asset`);
      throw err;
    }
    const a = asset as { tradable?: unknown };
    if (a.tradable !== true) throw new UsageError(`${symbol} is not tradable at Alpaca`);
  }

  async submitOrder(req: OrderRequest): Promise<BrokerOrder> {
    const json = await this.call(
      'submit order',
      () => this.client.createOrder(toAlpacaOrderBody(req)),
      req.clientOrderId,
    );
    return parseAlpacaOrder(json);
  }

  async getOrderByClientId(clientOrderId: string): Promise<BrokerOrder | null> {
    try {
      return parseAlpacaOrder(await this.call('order lookup', () => this.client.getOrderByClientId(clientOrderId)));
    } catch (err) {
      if (statusOf(err) === 404) return null;
      throw err;
    }
  }

  async listOrders(status: OrderListStatus): Promise<BrokerOrder[]> {
    const query: AlpacaOrderQuery = {
      status,
      limit: 500,
      direction: 'asc',
      until: undefined,
      after: undefined,
      nested: undefined,
      symbols: undefined,
    };
    return parseAlpacaList(
      await this.call('order list', () => this.client.getOrders(query)),
      'orders',
      parseAlpacaOrder,
    );
  }

  // Issue 10 in progress: implemented by the alpaca simulator/adapter work.
  replaceOrder(brokerOrderId: string, changes: OrderChanges): Promise<BrokerOrder> {
    void changes;
    return Promise.reject(new BrokerError(`alpaca broker: replacing order ${brokerOrderId} is not supported yet`));
  }

  async cancelOrder(brokerOrderId: string): Promise<void> {
    await this.call(`cancel order ${brokerOrderId}`, () => this.client.cancelOrder(brokerOrderId));
  }

  async getPositions(): Promise<BrokerPosition[]> {
    return parseAlpacaList(
      await this.call('positions', () => this.client.getPositions()),
      'positions',
      parseAlpacaPosition,
    );
  }

  async getAccount(): Promise<BrokerAccount> {
    return parseAlpacaAccount(await this.call('account', () => this.client.getAccount()));
  }

  async close(): Promise<void> {}
}
