/**
 * The paper simulator's clock work: every open order is worked through each stored daily bar after it became
 * active, session by session in time order across symbols and orders, up to the market clock (never past it),
 * then through a quote snapshot taken since; day orders whose session has closed expire.
 *
 * An order becomes active with the first bar that starts after it was placed (ats runs after the close, so an
 * order placed at the as-of session works from the next session on); an exit leg of a bracket/oto entry becomes
 * active with the first session after the one its entry filled in; the legs of one entry (and both orders of an
 * oco) are one-cancels-other: when one fills, the others are canceled. In a bar that touches a bracket's stop and
 * its take-profit, the stop is worked first and wins (we cannot know which came first: assume the worse).
 */
import { isSession, nextSession, sessionClose } from '../market/calendar.js';
import type { Store } from '../store/open.js';
import { dailyBarsAfter } from '../store/bars.js';
import type { DailyRange } from '../store/bars.js';
import { latestPrice } from '../store/latest-price.js';
import * as book from '../store/paper.js';
import type { PaperOrder } from '../store/paper.js';
import { nyDate } from '../time.js';
import { isStopType, moveAt, workMove } from './paper-fill.js';
import { isOptionBookOrder } from './paper-options.js';
import type { MarketMove } from './paper-fill.js';

export interface WorkTerms {
  slippageBps: number;
  commission: number;
}

/** The session a day order trades in: its own when placed before that session's close, else the next one. */
export function tradingSession(placedAtMs: number): string {
  const d = nyDate(placedAtMs);
  return isSession(d) && placedAtMs < sessionClose(d) ? d : nextSession(d);
}

/** OCO group: the legs of one entry share it; an oco parent shares it with its leg. null: not one-cancels-other. */
const ocoGroup = (o: PaperOrder): string | null => o.parentId ?? (o.orderClass === 'oco' ? o.id : null);

/** Entries and simple orders first; within one entry's legs, stop-type legs before the take-profit. */
function workOrder(a: PaperOrder, b: PaperOrder, seqOf: (id: string) => number): number {
  const rank = (o: PaperOrder): number =>
    o.parentId === null && o.orderClass !== 'oco' ? 0 : isStopType(o.type) ? 1 : 2;
  const group = (o: PaperOrder): number => (o.parentId === null ? o.seq : seqOf(o.parentId));
  return group(a) - group(b) || rank(a) - rank(b) || a.seq - b.seq;
}

export class PaperWork {
  private readonly orders = new Map<string, PaperOrder>();
  private readonly dirty = new Set<string>();
  readonly filled: PaperOrder[] = [];

  constructor(
    private readonly store: Store,
    private readonly terms: WorkTerms,
    private readonly nowMs: number,
  ) {
    for (const o of book.listPaperOrders(store, 'open')) this.orders.set(o.id, o);
    for (const o of [...this.orders.values()]) {
      if (o.parentId !== null && !this.orders.has(o.parentId)) {
        const parent = book.paperOrderById(store, o.parentId);
        if (parent) this.orders.set(parent.id, parent);
      }
    }
  }

  /** Open orders, in the order they are worked. */
  private open(symbol?: string): PaperOrder[] {
    const seqOf = (id: string): number => this.orders.get(id)?.seq ?? 0;
    return [...this.orders.values()]
      .filter((o) => o.status === 'new' && !isOptionBookOrder(o) && (symbol === undefined || o.symbol === symbol))
      .sort((a, b) => workOrder(a, b, seqOf));
  }

  /** Whether `o` is working in `session` (an exit leg only after the session its entry filled in). */
  private legActive(o: PaperOrder, session: string | null): boolean {
    if (o.parentId === null) return true;
    const parent = this.orders.get(o.parentId);
    if (!parent || parent.orderClass === 'oco') return true;
    if (parent.status !== 'filled' || parent.filledSession == null) return false;
    return session === null || parent.filledSession < session;
  }

  /** Work bars (time order, across symbols) and the quote snapshot up to the clock; expire finished day orders. */
  catchUp(): void {
    const open = this.open();
    if (open.length === 0) return;
    const from = Math.min(...open.map((o) => Math.max(o.submittedAt, o.workedTs ?? -Infinity)));
    const sessions = new Map<number, Map<string, DailyRange>>();
    for (const symbol of new Set(open.map((o) => o.symbol))) {
      for (const bar of dailyBarsAfter(this.store, symbol, from, this.nowMs)) {
        let row = sessions.get(bar.ts);
        if (!row) sessions.set(bar.ts, (row = new Map<string, DailyRange>()));
        row.set(symbol, bar);
      }
    }
    for (const ts of [...sessions.keys()].sort((a, b) => a - b)) {
      const bars = sessions.get(ts) as Map<string, DailyRange>;
      const session = nyDate(ts);
      const atMs = Math.min(this.nowMs, sessionClose(session));
      for (const o of open) {
        const bar = bars.get(o.symbol);
        if (!bar || o.status !== 'new' || ts <= o.submittedAt || ts <= (o.workedTs ?? -Infinity)) continue;
        if (!this.legActive(o, session)) continue;
        if (o.timeInForce === 'day' && tradingSession(o.submittedAt) !== session) continue;
        o.workedTs = ts;
        this.dirty.add(o.id);
        this.step(o, bar, session, atMs);
      }
    }
    this.workQuotes();
    for (const o of this.open()) {
      if (o.timeInForce === 'day' && sessionClose(tradingSession(o.submittedAt)) <= this.nowMs) this.end(o, 'expired');
    }
    this.flush();
  }

  /** A quote snapshot taken after the order became active and not after the clock (real-time use). */
  private workQuotes(): void {
    for (const o of this.open()) {
      if (o.status !== 'new' || !this.legActive(o, null)) continue;
      const q = latestPrice(this.store, o.symbol, this.nowMs);
      if (!q || q.source !== 'quote' || q.ts <= o.submittedAt) continue;
      const parent = o.parentId === null ? null : this.orders.get(o.parentId);
      if (parent && parent.orderClass !== 'oco' && q.ts <= parent.updatedAt) continue;
      const session = nyDate(q.ts);
      if (o.timeInForce === 'day' && tradingSession(o.submittedAt) !== session) continue;
      this.step(o, moveAt(q.price), session, this.nowMs);
    }
  }

  /** Offer one price or bar to the active open orders on `symbol` (no session rules: a direct feed). */
  offer(symbol: string, move: MarketMove, session: string): void {
    for (const o of this.open(symbol)) {
      if (o.status === 'new' && this.legActive(o, null)) this.step(o, move, session, this.nowMs);
    }
    this.flush();
  }

  /** Offer a price to one order only (a new order against the price it was placed at). */
  offerOne(id: string, move: MarketMove, session: string): void {
    const o = this.orders.get(id);
    if (o && o.status === 'new' && this.legActive(o, null)) this.step(o, move, session, this.nowMs);
    this.flush();
  }

  private step(o: PaperOrder, move: MarketMove, session: string, atMs: number): void {
    const out = workMove(o, move, this.terms.slippageBps);
    if (out.hwm !== o.hwm || out.triggered !== o.triggered) {
      o.hwm = out.hwm;
      o.triggered = out.triggered;
      this.dirty.add(o.id);
    }
    if (out.fill === null) return;
    book.fillPaperOrder(this.store, o.id, { price: out.fill, commission: this.terms.commission, atMs, session });
    Object.assign(o, {
      status: 'filled',
      filledQty: o.qty,
      filledAvgPrice: out.fill,
      commission: this.terms.commission,
      updatedAt: atMs,
      filledSession: session,
    });
    this.filled.push(o);
    const group = ocoGroup(o);
    for (const other of this.orders.values()) {
      if (other.id === o.id || other.status !== 'new') continue;
      if (group !== null && ocoGroup(other) === group) this.end(other, 'canceled');
      // A trailing leg trails from the entry's fill price.
      else if (other.parentId === o.id && other.type === 'trailing_stop' && other.hwm === null) {
        other.hwm = out.fill;
        this.dirty.add(other.id);
      }
    }
  }

  /** Cancel an open order (and what goes with it). */
  cancel(id: string): void {
    const o = this.orders.get(id) ?? book.paperOrderById(this.store, id);
    if (o) this.end(o, 'canceled');
  }

  /** End an order; an entry's legs (and an oco's other order) go with it. */
  end(o: PaperOrder, status: 'canceled' | 'expired'): void {
    book.endPaperOrder(this.store, o.id, status);
    o.status = status;
    for (const other of this.orders.values()) {
      if (other.status !== 'new') continue;
      const group = ocoGroup(o);
      if (other.parentId === o.id || (o.orderClass === 'oco' && group !== null && ocoGroup(other) === group))
        this.end(other, 'canceled');
    }
  }

  private flush(): void {
    for (const id of this.dirty) {
      const o = this.orders.get(id) as PaperOrder;
      if (o.status === 'new') book.savePaperWorkState(this.store, o);
    }
    this.dirty.clear();
  }
}
