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
 *
 * Options (paper-options.ts, paper-option-work.ts): single legs by OCC symbol and mleg orders fill against the
 * stored chain's mid (else the model chain) as of the clock, all legs or none; an mleg order is a container whose
 * legs hold the positions and move the cash (× 100); contracts past their expiry close expire or are exercised.
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
import { OPTION_MULTIPLIER, isOptionSymbol, multiplierOf } from '../contract-multiplier.js';
import { contractMark } from '../options/contract-mark.js';
import { PaperOptionWork } from './paper-option-work.js';
import { isLegContainer, isOptionBookOrder, legFillPrices, netPrice, optionLegsOf } from './paper-options.js';
import type { OptionTerms } from './paper-options.js';
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
  /** Option legs: dollars per share of adverse slippage (default 0). */
  optionSlippage?: number;
  /** Risk-free rate of the model chain that prices options without stored quotes (default 0.04). */
  optionsRate?: number;
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
  private readonly optionTerms: OptionTerms;

  constructor(
    private readonly store: Store,
    opts: PaperBrokerOptions = {},
  ) {
    this.slippageBps = opts.slippageBps ?? 0;
    this.commission = opts.commission ?? 0;
    this.startingCash = opts.startingCash ?? 100_000;
    this.now = opts.now ?? Date.now;
    this.optionTerms = { slippage: opts.optionSlippage ?? 0, rate: opts.optionsRate ?? 0.04 };
    if (!(this.slippageBps >= 0) || !(this.commission >= 0) || !(this.optionTerms.slippage >= 0))
      throw new UsageError('paper broker: slippage and commission must be ≥ 0');
  }

  private work(): PaperWork {
    return new PaperWork(this.store, { slippageBps: this.slippageBps, commission: this.commission }, this.now());
  }

  private optionWork(): PaperOptionWork {
    return new PaperOptionWork(this.store, { ...this.optionTerms, commission: this.commission }, this.now());
  }

  /** The price per share of an option contract as of the clock (chain mid, else model), or null. */
  private optionMark(symbol: string): number | null {
    return contractMark(this.store, symbol, this.now(), this.optionTerms.rate)?.price ?? null;
  }

  private withLegs(o: PaperOrder): BrokerOrder {
    return reported(o, o.parentId === null ? book.paperLegs(this.store, o.id) : []);
  }

  assertTradable(symbol: string): Promise<void> {
    return asPromise(() => {
      const known = isOptionSymbol(symbol)
        ? this.optionMark(symbol) !== null
        : latestPrice(this.store, symbol, this.now()) !== null;
      if (!known) {
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
    if (isOptionBookOrder(req)) return this.submitOption(req);
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

  /** Single-leg and mleg option orders (paper-options.ts): all legs fill at once, or the order rests. */
  private async submitOption(req: OrderRequest): Promise<BrokerOrder> {
    const legs = optionLegsOf(req);
    const mleg = req.orderClass === 'mleg';
    const prices = legFillPrices(this.store, legs, this.now(), this.optionTerms);
    if (prices === null)
      throw new BrokerError(`paper broker: no chain quote or model price for ${legs.map((l) => l.symbol).join(', ')}`);
    const net = mleg ? netPrice(legs, prices) : prices[0]!;
    const debit = Math.max(
      0,
      (req.type === 'limit' ? (req.limitPrice as number) : net) * (mleg || req.side === 'buy' ? 1 : 0),
    );
    const cost = debit * req.qty * OPTION_MULTIPLIER;
    const { buyingPower } = await this.getAccount();
    if (cost > buyingPower)
      throw new BrokerError(
        `paper broker refused the order: insufficient buying power (cost ${cost.toFixed(2)}, buying power ${buyingPower.toFixed(2)})`,
      );
    const id = `paper-${randomUUID()}`;
    const now = this.now();
    this.store.db.transaction(() => {
      const { takeProfit: _tp, stopLoss: _sl, optionLegs: _legs, ...terms } = req;
      const parent = book.insertPaperOrder(this.store, id, { ...terms, orderClass: req.orderClass ?? 'simple' }, now);
      if (mleg)
        legs.forEach((l, i) =>
          book.insertPaperOrder(
            this.store,
            `paper-${randomUUID()}`,
            {
              clientOrderId: `${req.clientOrderId}-leg${i + 1}`,
              symbol: l.symbol,
              side: l.side,
              qty: l.ratioQty * req.qty,
              type: req.type,
              timeInForce: req.timeInForce,
              limitPrice: null,
              stopPrice: null,
              orderClass: 'mleg',
              parentId: id,
            },
            now,
          ),
        );
      this.optionWork().tryFill(parent, now, nyDate(now));
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
    this.store.db.transaction(() => {
      this.work().catchUp();
      this.optionWork().catchUp();
    })();
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
    const fills = this.filledOrders()
      .filter((o) => !isLegContainer(o))
      .map((o) => ({
        symbol: o.symbol,
        side: o.side,
        qty: o.filledQty,
        price: o.filledAvgPrice as number,
        commission: o.commission,
      }));
    const out: BrokerPosition[] = [];
    for (const p of buildPositions(fills).values()) {
      if (p.qty === 0) continue;
      const option = isOptionSymbol(p.symbol);
      const mark = option ? this.optionMark(p.symbol) : (latestPrice(this.store, p.symbol, this.now())?.price ?? null);
      const current = mark ?? p.avgCost;
      out.push({
        symbol: p.symbol,
        ...(option ? { assetClass: 'us_option' as const } : {}),
        qty: p.qty,
        avgEntryPrice: p.avgCost,
        marketValue: p.qty * current * multiplierOf(p.symbol),
        currentPrice: current,
      });
    }
    return out.sort((a, b) => a.symbol.localeCompare(b.symbol));
  }

  /**
   * cash = starting cash − buys + sells − commissions (option fills × 100); equity = cash + Σ qty × price (× 100
   * for options, at their mark); buying power = cash − open buy entries and open option debits (exit legs reserve
   * nothing: they close a position).
   */
  async getAccount(): Promise<BrokerAccount> {
    this.catchUp();
    let cash = book.paperStartingCash(this.store, this.startingCash, this.now());
    for (const o of this.filledOrders()) {
      const amount = isLegContainer(o) ? 0 : o.filledQty * (o.filledAvgPrice as number) * multiplierOf(o.symbol);
      cash += (o.side === 'buy' ? -amount : amount) - o.commission;
    }
    let reserved = 0;
    for (const o of book.listPaperOrders(this.store, 'open')) {
      if (o.parentId !== null || o.orderClass === 'oco' || o.submittedAt > this.now()) continue;
      if (isOptionBookOrder(o)) {
        const debit = o.orderClass === 'mleg' || o.side === 'buy' ? Math.max(o.limitPrice ?? 0, 0) : 0;
        reserved += (o.qty - o.filledQty) * debit * OPTION_MULTIPLIER;
        continue;
      }
      if (o.side !== 'buy') continue;
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
    if (isOptionSymbol(symbol)) {
      const mark = this.optionMark(symbol);
      return mark === null ? null : Math.max(0, mark + (side === 'buy' ? 1 : -1) * this.optionTerms.slippage);
    }
    const last = latestPrice(this.store, symbol, this.now());
    return last === null ? null : withSlippage(side, last.price, this.slippageBps);
  }

  async close(): Promise<void> {}
}
