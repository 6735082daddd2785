/**
 * The paper simulator's option book work (paper-options.ts has the prices): resting option orders are offered
 * each later session's close of their underlying, day orders expire once their session closed, and contracts
 * held past their expiry session's close are settled.
 *
 * Settlement (OCC exercise by exception, simplified): with the underlying's close of the expiry session S, a
 * contract with no intrinsic value (call: S ≤ K, put: S ≥ K) expires: an `expiry:` record closes it at 0. An
 * in-the-money contract is closed the same way at 0 and an `exercise:` record moves 100 × contracts shares of
 * the underlying at the strike: a long call or a short (assigned) put buys them, a long put or a short (assigned)
 * call sells them. Both records carry the expiry session's close as their time, so a clock before it sees neither,
 * and they are written once: later bars cannot change them. Without a stored bar for the expiry session the
 * contract waits (its position stays) until that bar is collected.
 */
import { randomUUID } from 'node:crypto';
import { OPTION_MULTIPLIER, isOptionSymbol } from '../contract-multiplier.js';
import { sessionClose, sessionOnOrBefore } from '../market/calendar.js';
import { intrinsic } from '../options/contract-mark.js';
import { parseOcc } from '../options/occ.js';
import { buildPositions } from '../positions.js';
import { dailyBarsAfter, loadBars } from '../store/bars.js';
import type { Store } from '../store/open.js';
import * as book from '../store/paper.js';
import type { NewPaperOrder, PaperOrder } from '../store/paper.js';
import { nyDate } from '../time.js';
import { isLegContainer, isOptionBookOrder, legFillPrices, netPrice, optionMarketable } from './paper-options.js';
import type { OptionTerms } from './paper-options.js';
import { tradingSession } from './paper-work.js';

export class PaperOptionWork {
  constructor(
    private readonly store: Store,
    private readonly terms: OptionTerms & { commission: number },
    private readonly nowMs: number,
  ) {}

  /** Fill `parent` (and its legs) as of `atMs` when its net price is marketable; true when filled. */
  tryFill(parent: PaperOrder, atMs: number, session: string): boolean {
    const mleg = parent.orderClass === 'mleg';
    const legs = mleg ? book.paperLegs(this.store, parent.id) : [parent];
    const specs = legs.map((l) => ({ symbol: l.symbol, side: l.side, ratioQty: mleg ? l.qty / parent.qty : 1 }));
    const prices = legFillPrices(this.store, specs, atMs, this.terms);
    if (prices === null) return false;
    const net = mleg ? netPrice(specs, prices) : prices[0]!;
    if (!optionMarketable(parent, net)) return false;
    if (mleg)
      legs.forEach((l, i) =>
        book.fillPaperOrder(this.store, l.id, { price: prices[i]!, commission: 0, atMs, session }),
      );
    book.fillPaperOrder(this.store, parent.id, { price: net, commission: this.terms.commission, atMs, session });
    return true;
  }

  catchUp(): void {
    for (const o of book.listPaperOrders(this.store, 'open')) {
      if (o.parentId !== null || o.status !== 'new' || !isOptionBookOrder(o)) continue;
      const underlying = o.orderClass === 'mleg' ? o.symbol : parseOcc(o.symbol).root;
      const from = Math.max(o.submittedAt, o.workedTs ?? -Infinity);
      let filled = false;
      for (const bar of dailyBarsAfter(this.store, underlying, from, this.nowMs)) {
        const session = nyDate(bar.ts);
        if (o.timeInForce === 'day' && tradingSession(o.submittedAt) !== session) continue;
        o.workedTs = bar.ts;
        if ((filled = this.tryFill(o, Math.min(this.nowMs, sessionClose(session)), session))) break;
      }
      if (filled) continue;
      book.savePaperWorkState(this.store, o);
      if (o.timeInForce === 'day' && sessionClose(tradingSession(o.submittedAt)) <= this.nowMs) {
        book.endPaperOrder(this.store, o.id, 'expired');
        for (const leg of book.paperLegs(this.store, o.id)) book.endPaperOrder(this.store, leg.id, 'canceled');
      }
    }
    this.settleExpired();
  }

  /** Contracts held past their expiry session's close: expired at 0, or exercised/assigned into shares. */
  private settleExpired(): void {
    const fills = book
      .listPaperOrders(this.store, 'closed')
      .filter((o) => o.filledQty > 0 && o.filledAvgPrice !== null && o.updatedAt <= this.nowMs && !isLegContainer(o))
      .map((o) => ({
        symbol: o.symbol,
        side: o.side,
        qty: o.filledQty,
        price: o.filledAvgPrice as number,
        commission: 0,
      }));
    for (const p of buildPositions(fills).values()) {
      if (p.qty === 0 || !isOptionSymbol(p.symbol)) continue;
      const c = parseOcc(p.symbol);
      const session = sessionOnOrBefore(c.expiry);
      const closeMs = sessionClose(session);
      if (closeMs > this.nowMs) continue;
      const bar = loadBars(this.store, c.root, '1d', -Infinity, closeMs).pop();
      if (!bar || nyDate(bar.ts) !== session || bar.close === null) continue;
      const itm = intrinsic(c.type, bar.close, c.strike) > 0;
      this.record(`expiry:${p.symbol}`, p.symbol, p.qty > 0 ? 'sell' : 'buy', Math.abs(p.qty), 0, closeMs, session);
      if (itm) {
        const side = (c.type === 'call') === p.qty > 0 ? 'buy' : 'sell';
        this.record(
          `exercise:${p.symbol}`,
          c.root,
          side,
          Math.abs(p.qty) * OPTION_MULTIPLIER,
          c.strike,
          closeMs,
          session,
        );
      }
    }
  }

  private record(
    clientOrderId: string,
    symbol: string,
    side: 'buy' | 'sell',
    qty: number,
    price: number,
    atMs: number,
    session: string,
  ): void {
    if (book.paperOrderByClientId(this.store, clientOrderId)) return;
    const order: NewPaperOrder = {
      clientOrderId,
      symbol,
      side,
      qty,
      type: 'market',
      timeInForce: 'day',
      limitPrice: null,
      stopPrice: null,
    };
    const id = `paper-${randomUUID()}`;
    book.insertPaperOrder(this.store, id, order, atMs);
    book.fillPaperOrder(this.store, id, { price, commission: 0, atMs, session });
  }
}
