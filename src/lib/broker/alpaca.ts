/**
 * AlpacaBroker on the official SDK, @alpacahq/alpaca-trade-api 4.x (fetch underneath, Node ≥ 20), through its
 * generated Trading API classes: they take an explicit basePath (the facade has none), and their `*Raw` calls
 * hand back the HTTP response, whose JSON is checked by our own parsers in alpaca-map.ts. The SDK's own retry
 * and rate limiter stay off (a raw Configuration has neither): retries follow our one policy (submitOnce looks
 * an order up before any resend). Loaded lazily; base URLs (paper / live) are chosen in open-broker.ts.
 */
import { trading } from '@alpacahq/alpaca-trade-api/rest';
import { isOptionSymbol } from '../contract-multiplier.js';
import { TemporaryError, UsageError } from '../errors.js';
import { formatMs } from '../http/index.js';
import { ALPACA_NETWORK_HINT, mapAlpacaError, statusOf, withAlpacaBody } from './alpaca-errors.js';
import {
  parseAlpacaAccount,
  parseAlpacaList,
  parseAlpacaOrder,
  parseAlpacaPosition,
  toAlpacaOrderRequest,
  toAlpacaPatch,
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

/** The raw JSON of a generated `*Raw` call: our parsers, not the SDK's models, read it. */
const json = async (r: Promise<{ raw: Response }>): Promise<unknown> => (await r).raw.json();

export class AlpacaBroker implements Broker {
  readonly name = 'alpaca' as const;
  private readonly orders: trading.OrdersApi;
  private readonly positions: trading.PositionsApi;
  private readonly accounts: trading.AccountsApi;
  private readonly assets: trading.AssetsApi;
  private readonly timeoutMs: number;
  private readonly secrets: string[];
  private readonly baseUrl: string;

  constructor(opts: AlpacaBrokerOptions) {
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.secrets = [opts.keyId, opts.secretKey];
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
    const config = new trading.Configuration({
      basePath: this.baseUrl,
      keyId: opts.keyId,
      secret: opts.secretKey,
      timeoutMs: this.timeoutMs,
    });
    this.orders = new trading.OrdersApi(config);
    this.positions = new trading.PositionsApi(config);
    this.accounts = new trading.AccountsApi(config);
    this.assets = new trading.AssetsApi(config);
  }

  /**
   * One SDK call with our timer around it and errors mapped (and scrubbed). `request` ("GET /v2/account") names
   * the endpoint in a network failure: the SDK's FetchError does not carry it.
   */
  private async call<T>(what: string, request: string, fn: () => Promise<T>, clientOrderId?: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      // A backstop for a call that the SDK's own deadline does not end (a stuck body read).
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
      return await Promise.race([fn(), timeout]);
    } catch (err) {
      const [method, path] = request.split(' ');
      throw mapAlpacaError(await withAlpacaBody(err, { method, url: `${this.baseUrl}${path}` }), {
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
    // An option contract is checked by Alpaca on submit (an unknown contract is a 422): /v2/assets lists stocks.
    if (isOptionSymbol(symbol)) return;
    let asset: unknown;
    try {
      asset = await this.call('asset lookup', `GET /v2/assets/${symbol}`, () =>
        json(this.assets.getV2AssetsSymbolOrAssetIdRaw({ symbolOrAssetId: symbol })),
      );
    } catch (err) {
      const status = statusOf(err);
      if (status === 404 || status === 422) throw new UsageError(`unknown symbol ${symbol}: Alpaca has no such asset`);
      throw err;
    }
    const a = asset as { tradable?: unknown };
    if (a.tradable !== true) throw new UsageError(`${symbol} is not tradable at Alpaca`);
  }

  async submitOrder(req: OrderRequest): Promise<BrokerOrder> {
    const postOrderRequest = toAlpacaOrderRequest(req);
    const answer = await this.call(
      'submit order',
      'POST /v2/orders',
      () => json(this.orders.postOrderRaw({ postOrderRequest })),
      req.clientOrderId,
    );
    return parseAlpacaOrder(answer);
  }

  async getOrderByClientId(clientOrderId: string): Promise<BrokerOrder | null> {
    try {
      return parseAlpacaOrder(
        await this.call('order lookup', 'GET /v2/orders:by_client_order_id', () =>
          json(this.orders.getOrderByClientOrderIdRaw({ clientOrderId })),
        ),
      );
    } catch (err) {
      if (statusOf(err) === 404) return null;
      throw err;
    }
  }

  /** nested: a bracket's legs come inside their entry (BrokerOrder.legs), not as orders of their own. */
  async listOrders(status: OrderListStatus): Promise<BrokerOrder[]> {
    const answer = await this.call('order list', 'GET /v2/orders', () =>
      json(this.orders.getAllOrdersRaw({ status, limit: 500, direction: 'asc', nested: true })),
    );
    return parseAlpacaList(answer, 'orders', (o) => parseAlpacaOrder(o));
  }

  /**
   * PATCH /v2/orders/{id}: Alpaca answers with a NEW order (new id, `replaces` = the old id); the old one ends
   * `replaced`. https://docs.alpaca.markets/reference/patchorderbyorderid
   */
  async replaceOrder(brokerOrderId: string, changes: OrderChanges): Promise<BrokerOrder> {
    const patchOrderRequest = toAlpacaPatch(changes);
    const answer = await this.call(`replace order ${brokerOrderId}`, `PATCH /v2/orders/${brokerOrderId}`, () =>
      json(this.orders.patchOrderByOrderIdRaw({ orderId: brokerOrderId, patchOrderRequest })),
    );
    return parseAlpacaOrder(answer);
  }

  async cancelOrder(brokerOrderId: string): Promise<void> {
    await this.call(`cancel order ${brokerOrderId}`, `DELETE /v2/orders/${brokerOrderId}`, async () => {
      await (await this.orders.deleteOrderByOrderIDRaw({ orderId: brokerOrderId })).value();
    });
  }

  async getPositions(): Promise<BrokerPosition[]> {
    const answer = await this.call('positions', 'GET /v2/positions', () =>
      json(this.positions.getAllOpenPositionsRaw()),
    );
    return parseAlpacaList(answer, 'positions', parseAlpacaPosition);
  }

  async getAccount(): Promise<BrokerAccount> {
    return parseAlpacaAccount(await this.call('account', 'GET /v2/account', () => json(this.accounts.getAccountRaw())));
  }

  async close(): Promise<void> {}
}
