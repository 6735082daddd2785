/**
 * PaperBroker: a local simulator kept in the store (paper_orders, paper_account). Market orders fill at once at
 * the latest known price (quote snapshot or last close) plus slippage; limit and stop orders rest until a later
 * quote or bar crosses them (processMarket, and catchUp from the store before every read). Day orders that did
 * not fill in their session expire. A commission per order is charged on its fill.
 */
import { randomUUID } from 'node:crypto';
import { BrokerError, UsageError } from '../errors.js';
import { buildPositions } from '../positions.js';
import type { Store } from '../store/open.js';
import { dailyBarsAfter } from '../store/bars.js';
import { latestPrice } from '../store/latest-price.js';
import * as book from '../store/paper.js';
import { nyDate } from '../time.js';
import { asPromise } from '../as-promise.js';
import { DuplicateClientOrderError } from './errors.js';
import { crossingPrice, moveAt, withSlippage } from './paper-fill.js';
import type { MarketMove } from './paper-fill.js';
import type {
  Broker,
  BrokerAccount,
  BrokerOrder,
  BrokerPosition,
  OrderChanges,
  OrderListStatus,
  OrderRequest,
} from './types.js';

export interface PaperBrokerOptions {
  /** Basis points of adverse slippage on market and stop fills (default 0). */
  slippageBps?: number;
  /** Dollars per order, charged on its fill (default 0). */
  commission?: number;
  /** Cash of a new paper account (default 100 000). */
  startingCash?: number;
  now?: () => number;
}

export class PaperBroker implements Broker {
  readonly name = 'paper' as const;
  readonly slippageBps: number;
  readonly commission: number;
  private readonly startingCash: number;
  private readonly now: () => number;

  constructor(
    private readonly store: Store,
    opts: PaperBrokerOptions = {},
  ) {
    this.slippageBps = opts.slippageBps ?? 0;
    this.commission = opts.commission ?? 0;
    this.startingCash = opts.startingCash ?? 100_000;
    this.now = opts.now ?? Date.now;
    if (!(this.slippageBps >= 0) || !(this.commission >= 0))
      throw new UsageError('paper broker: slippage and commission must be ≥ 0');
  }

  assertTradable(symbol: string): Promise<void> {
    return asPromise(() => {
      if (latestPrice(this.store, symbol) === null) {
        throw new UsageError(
          `unknown symbol ${symbol}: the store has no price for it (run: ats collect --symbols ${symbol})`,
        );
      }
    });
  }

  async submitOrder(req: OrderRequest): Promise<BrokerOrder> {
    if (book.paperOrderByClientId(this.store, req.clientOrderId))
      throw new DuplicateClientOrderError(req.clientOrderId);
    const last = latestPrice(this.store, req.symbol);
    if (last === null) throw new BrokerError(`paper broker: no price for ${req.symbol}; order refused`);
    if (req.side === 'buy') {
      const cost = req.qty * (req.limitPrice ?? req.stopPrice ?? last.price);
      const { buyingPower } = await this.getAccount();
      if (cost > buyingPower) {
        throw new BrokerError(
          `paper broker refused the order: insufficient buying power (cost ${cost.toFixed(2)}, buying power ${buyingPower.toFixed(2)})`,
        );
      }
    }
    const id = `paper-${randomUUID()}`;
    this.store.db.transaction(() => {
      book.insertPaperOrder(this.store, id, req, this.now());
      this.processMarket(req.symbol, last.price);
    })();
    return book.paperOrderById(this.store, id) as BrokerOrder;
  }

  /** Offer a new price or bar to the open orders on `symbol`; fills those it crosses. Returns the orders filled. */
  processMarket(symbol: string, priceOrBar: number | MarketMove): BrokerOrder[] {
    const move = typeof priceOrBar === 'number' ? moveAt(priceOrBar) : priceOrBar;
    const filled: BrokerOrder[] = [];
    for (const o of book.listPaperOrders(this.store, 'open')) {
      if (o.symbol !== symbol) continue;
      const price = crossingPrice(o, move, this.slippageBps);
      if (price === null) continue;
      book.fillPaperOrder(this.store, o.id, price, this.commission, this.now());
      filled.push(book.paperOrderById(this.store, o.id) as BrokerOrder);
    }
    return filled;
  }

  /**
   * Replay what the store learned since each open order was placed: later daily bars (good-till-canceled orders
   * only: a day order's own session bar starts before it), then the quote snapshot; then expire day orders of
   * past sessions.
   */
  catchUp(): void {
    const today = nyDate(this.now());
    this.store.db.transaction(() => {
      for (const o of book.listPaperOrders(this.store, 'open')) {
        const session = nyDate(o.submittedAt);
        if (o.timeInForce === 'gtc') {
          for (const b of dailyBarsAfter(this.store, o.symbol, o.submittedAt)) if (this.processOne(o, b)) break;
        }
        const q = latestPrice(this.store, o.symbol);
        const current = book.paperOrderById(this.store, o.id) as BrokerOrder;
        if (
          current.status === 'new' &&
          q &&
          q.source === 'quote' &&
          q.ts > o.submittedAt &&
          (o.timeInForce === 'gtc' || nyDate(q.ts) === session)
        ) {
          this.processOne(o, moveAt(q.price));
        }
        const after = book.paperOrderById(this.store, o.id) as BrokerOrder;
        if (after.status === 'new' && o.timeInForce === 'day' && session < today)
          book.endPaperOrder(this.store, o.id, 'expired');
      }
    })();
  }

  private processOne(o: BrokerOrder, move: MarketMove): boolean {
    const price = crossingPrice(o, move, this.slippageBps);
    if (price === null) return false;
    book.fillPaperOrder(this.store, o.id, price, this.commission, this.now());
    return true;
  }

  getOrderByClientId(clientOrderId: string): Promise<BrokerOrder | null> {
    return asPromise(() => {
      this.catchUp();
      return book.paperOrderByClientId(this.store, clientOrderId);
    });
  }

  listOrders(status: OrderListStatus): Promise<BrokerOrder[]> {
    return asPromise(() => {
      this.catchUp();
      return book.listPaperOrders(this.store, status);
    });
  }

  cancelOrder(brokerOrderId: string): Promise<void> {
    return asPromise(() => {
      this.catchUp();
      const o = book.paperOrderById(this.store, brokerOrderId);
      if (o === null) throw new BrokerError(`paper broker: no order ${brokerOrderId}`);
      if (o.status !== 'new' && o.status !== 'partially_filled')
        throw new BrokerError(`paper broker: order ${brokerOrderId} is already ${o.status}`);
      book.endPaperOrder(this.store, o.id, 'canceled');
    });
  }

  private filledOrders(): BrokerOrder[] {
    return book.listPaperOrders(this.store, 'closed').filter((o) => o.filledQty > 0 && o.filledAvgPrice !== null);
  }

  getPositions(): Promise<BrokerPosition[]> {
    return asPromise(() => this.positions());
  }

  private positions(): BrokerPosition[] {
    this.catchUp();
    const fills = this.filledOrders().map((o) => ({
      symbol: o.symbol,
      side: o.side,
      qty: o.filledQty,
      price: o.filledAvgPrice as number,
      commission: o.commission,
    }));
    const out: BrokerPosition[] = [];
    for (const p of buildPositions(fills).values()) {
      if (p.qty === 0) continue;
      const current = latestPrice(this.store, p.symbol)?.price ?? p.avgCost;
      out.push({
        symbol: p.symbol,
        qty: p.qty,
        avgEntryPrice: p.avgCost,
        marketValue: p.qty * current,
        currentPrice: current,
      });
    }
    return out.sort((a, b) => a.symbol.localeCompare(b.symbol));
  }

  /** cash = starting cash − buys + sells − commissions; equity = cash + Σ qty × price; buying power = cash − open buys. */
  async getAccount(): Promise<BrokerAccount> {
    this.catchUp();
    let cash = book.paperStartingCash(this.store, this.startingCash, this.now());
    for (const o of this.filledOrders()) {
      const amount = o.filledQty * (o.filledAvgPrice as number);
      cash += (o.side === 'buy' ? -amount : amount) - o.commission;
    }
    let reserved = 0;
    for (const o of book.listPaperOrders(this.store, 'open')) {
      if (o.side !== 'buy') continue;
      reserved +=
        (o.qty - o.filledQty) * (o.limitPrice ?? o.stopPrice ?? latestPrice(this.store, o.symbol)?.price ?? 0);
    }
    const positions = await this.getPositions();
    const equity = cash + positions.reduce((s, p) => s + p.marketValue, 0);
    return { equity, lastEquity: null, cash, buyingPower: Math.max(0, cash - reserved) };
  }

  /** Market price a market order would fill at now (for the risk check's estimate). */
  estimatedFill(symbol: string, side: 'buy' | 'sell'): number | null {
    const last = latestPrice(this.store, symbol);
    return last === null ? null : withSlippage(side, last.price, this.slippageBps);
  }

  // Issue 10 in progress: implemented by the paper simulator/adapter work.
  replaceOrder(brokerOrderId: string, changes: OrderChanges): Promise<BrokerOrder> {
    void changes;
    return Promise.reject(new BrokerError(`paper broker: replacing order ${brokerOrderId} is not supported yet`));
  }

  async close(): Promise<void> {}
}
