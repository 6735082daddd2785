/**
 * PaperBroker: a local simulator kept in the store (paper_orders, paper_account).
 *
 * No look-ahead. ats runs after the close: the broker's clock is the market clock (ctx.marketNow, pinned to the
 * as-of session's close + 1 min under --asof/ATS_ASOF and on the sample), and nothing stored after it is read.
 * A market order fills at once at the last price known at that clock, plus slippage: the as-of session's daily
 * close, or a quote snapshot taken at or before the clock (real-time use). Positions, equity, buying power and
 * the tradable check use the same "latest price as of now".
 *
 * Resting orders (limit, stop, stop-limit, trailing stop, and the exit legs of bracket/oto/oco orders) are worked
 * against every stored daily bar after they were placed up to the clock, whenever the broker is read
 * (paper-work.ts; the fill rules are paper-fill.ts). Each fill records its session. Day orders expire once their
 * session has closed; legs are good till canceled. A commission per order is charged on its fill.
 */
import { randomUUID } from 'node:crypto';
import { BrokerError, UsageError } from '../errors.js';
import { buildPositions } from '../positions.js';
import type { Store } from '../store/open.js';
import { latestPrice } from '../store/latest-price.js';
import * as book from '../store/paper.js';
import { nyDate } from '../time.js';
import { asPromise } from '../as-promise.js';
import { DuplicateClientOrderError } from './errors.js';
import { moveAt, withSlippage } from './paper-fill.js';
import type { MarketMove } from './paper-fill.js';
import { PaperWork } from './paper-work.js';
import type { PaperOrder } from '../store/paper.js';
import { paperLegRequests, checkReplace } from './paper-legs.js';
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
  /** The market clock: nothing stored after it is read. */
  now?: () => number;
}

/** A paper order as the Broker interface reports it: the simulator's working state stripped, legs attached. */
function reported(o: PaperOrder, legs: PaperOrder[] = []): BrokerOrder {
  const { seq: _seq, hwm: _hwm, triggered: _triggered, workedTs: _worked, ...order } = o;
  return legs.length > 0 ? { ...order, legs: legs.map((l) => reported(l)) } : order;
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

  private work(): PaperWork {
    return new PaperWork(this.store, { slippageBps: this.slippageBps, commission: this.commission }, this.now());
  }

  private withLegs(o: PaperOrder): BrokerOrder {
    return reported(o, o.parentId === null ? book.paperLegs(this.store, o.id) : []);
  }

  assertTradable(symbol: string): Promise<void> {
    return asPromise(() => {
      if (latestPrice(this.store, symbol, this.now()) === null) {
        throw new UsageError(
          `unknown symbol ${symbol}: the store has no price for it (run: ats collect --symbols ${symbol})`,
        );
      }
    });
  }

  async submitOrder(req: OrderRequest): Promise<BrokerOrder> {
    if (book.paperOrderByClientId(this.store, req.clientOrderId))
      throw new DuplicateClientOrderError(req.clientOrderId);
    this.catchUp();
    const last = latestPrice(this.store, req.symbol, this.now());
    if (last === null) throw new BrokerError(`paper broker: no price for ${req.symbol}; order refused`);
    const legs = paperLegRequests(req, last.price);
    if (req.side === 'buy' && req.orderClass !== 'oco') {
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
      const { takeProfit: _tp, stopLoss: _sl, ...terms } = req;
      const hwm = req.type === 'trailing_stop' ? last.price : null;
      book.insertPaperOrder(this.store, id, { ...terms, orderClass: req.orderClass ?? 'simple', hwm }, this.now());
      for (const leg of legs)
        book.insertPaperOrder(this.store, `paper-${randomUUID()}`, { ...leg, parentId: id }, this.now());
      this.work().offerOne(id, moveAt(last.price), nyDate(last.ts));
    })();
    return this.withLegs(book.paperOrderById(this.store, id) as PaperOrder);
  }

  /** Offer a new price or bar to the open orders on `symbol`; fills those it crosses. Returns the orders filled. */
  processMarket(symbol: string, priceOrBar: number | MarketMove): BrokerOrder[] {
    const move = typeof priceOrBar === 'number' ? moveAt(priceOrBar) : priceOrBar;
    const work = this.work();
    this.store.db.transaction(() => work.offer(symbol, move, nyDate(this.now())))();
    return work.filled.map((o) => reported(o));
  }

  /** Work the open orders through what the store learned up to the clock (paper-work.ts). */
  catchUp(): void {
    this.store.db.transaction(() => this.work().catchUp())();
  }

  getOrderByClientId(clientOrderId: string): Promise<BrokerOrder | null> {
    return asPromise(() => {
      this.catchUp();
      const o = book.paperOrderByClientId(this.store, clientOrderId);
      return o === null ? null : this.withLegs(o);
    });
  }

  /** Every order with the status once: an entry's legs nested in it, a leg on its own when its entry is not listed. */
  listOrders(status: OrderListStatus): Promise<BrokerOrder[]> {
    return asPromise(() => {
      this.catchUp();
      const orders = book.listPaperOrders(this.store, status);
      const listed = new Set(orders.map((o) => o.id));
      return orders.filter((o) => o.parentId === null || !listed.has(o.parentId)).map((o) => this.withLegs(o));
    });
  }

  cancelOrder(brokerOrderId: string): Promise<void> {
    return asPromise(() => {
      this.catchUp();
      const o = book.paperOrderById(this.store, brokerOrderId);
      if (o === null) throw new BrokerError(`paper broker: no order ${brokerOrderId}`);
      if (o.status !== 'new' && o.status !== 'partially_filled')
        throw new BrokerError(`paper broker: order ${brokerOrderId} is already ${o.status}`);
      const work = this.work();
      this.store.db.transaction(() => work.cancel(o.id))();
    });
  }

  /** Change a resting order in place (stop, limit, trail, quantity); a filled or ended order is refused. */
  replaceOrder(brokerOrderId: string, changes: OrderChanges): Promise<BrokerOrder> {
    return asPromise(() => {
      this.catchUp();
      const o = book.paperOrderById(this.store, brokerOrderId);
      if (o === null) throw new BrokerError(`paper broker: no order ${brokerOrderId}`);
      if (o.status !== 'new')
        throw new BrokerError(
          `paper broker: order ${brokerOrderId} is ${o.status}; only an open order can be replaced`,
        );
      checkReplace(o, changes);
      book.replacePaperOrder(this.store, o.id, changes);
      return this.withLegs(book.paperOrderById(this.store, o.id) as PaperOrder);
    });
  }

  /** Fills up to the clock: a book replayed at an earlier --asof does not see the fills of later sessions. */
  private filledOrders(): PaperOrder[] {
    const now = this.now();
    return book
      .listPaperOrders(this.store, 'closed')
      .filter((o) => o.filledQty > 0 && o.filledAvgPrice !== null && o.updatedAt <= now);
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
      const current = latestPrice(this.store, p.symbol, this.now())?.price ?? p.avgCost;
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

  /**
   * cash = starting cash − buys + sells − commissions; equity = cash + Σ qty × price; buying power = cash − open
   * buy entries (exit legs reserve nothing: they close a position).
   */
  async getAccount(): Promise<BrokerAccount> {
    this.catchUp();
    let cash = book.paperStartingCash(this.store, this.startingCash, this.now());
    for (const o of this.filledOrders()) {
      const amount = o.filledQty * (o.filledAvgPrice as number);
      cash += (o.side === 'buy' ? -amount : amount) - o.commission;
    }
    let reserved = 0;
    for (const o of book.listPaperOrders(this.store, 'open')) {
      if (o.side !== 'buy' || o.parentId !== null || o.orderClass === 'oco' || o.submittedAt > this.now()) continue;
      reserved +=
        (o.qty - o.filledQty) *
        (o.limitPrice ?? o.stopPrice ?? latestPrice(this.store, o.symbol, this.now())?.price ?? 0);
    }
    const positions = await this.getPositions();
    const equity = cash + positions.reduce((s, p) => s + p.marketValue, 0);
    return { equity, lastEquity: null, cash, buyingPower: Math.max(0, cash - reserved) };
  }

  /** Market price a market order would fill at now (for the risk check's estimate). */
  estimatedFill(symbol: string, side: 'buy' | 'sell'): number | null {
    const last = latestPrice(this.store, symbol, this.now());
    return last === null ? null : withSlippage(side, last.price, this.slippageBps);
  }

  async close(): Promise<void> {}
}
