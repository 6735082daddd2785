/**
 * The latest live price per symbol, with when the exchange stamped it and when ats received it, and an event on
 * every update. One feed serves `portfolio --stream`, `evaluator --watch` and the position viewer; it knows nothing
 * of where prices come from (price-stream.ts fills it from the Polygon WebSocket).
 *
 * A trade sets the price. A quote (bid/ask midpoint) sets it only while no trade is known for the symbol, so a
 * quiet symbol still gets a price but a trade is never overwritten by a quote.
 */
import type { Tick } from '../types.js';

export interface LivePrice {
  symbol: string;
  price: number;
  source: 'trade' | 'quote';
  /** UTC ms the exchange stamped the event (the delayed feed's are about 15 minutes old on arrival). */
  ts: number;
  /** UTC ms ats received it (our clock): a price's age counts from here. */
  receivedAt: number;
}

export type PriceListener = (p: LivePrice) => void;

/** What consumers need: read the latest price and hear about updates. */
export interface PriceSource {
  latest(symbol: string): LivePrice | undefined;
  /** Milliseconds since the symbol's price arrived; null when none has. */
  ageMs(symbol: string): number | null;
  onUpdate(listener: PriceListener): () => void;
}

export class PriceFeed implements PriceSource {
  private readonly prices = new Map<string, LivePrice>();
  private readonly listeners = new Set<PriceListener>();

  constructor(private readonly now: () => number = Date.now) {}

  latest(symbol: string): LivePrice | undefined {
    return this.prices.get(symbol);
  }

  ageMs(symbol: string): number | null {
    const p = this.prices.get(symbol);
    return p === undefined ? null : Math.max(0, this.now() - p.receivedAt);
  }

  onUpdate(listener: PriceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Record one price and tell every listener (a listener that throws does not stop the others). */
  set(symbol: string, price: number, source: LivePrice['source'], ts: number): void {
    if (!(price > 0) || !Number.isFinite(price)) return;
    const known = this.prices.get(symbol);
    if (source === 'quote' && known?.source === 'trade') return;
    const p: LivePrice = { symbol, price, source, ts, receivedAt: this.now() };
    this.prices.set(symbol, p);
    for (const l of this.listeners) {
      try {
        l(p);
      } catch {
        // a consumer's failure is its own to report
      }
    }
  }

  /** Trades and quotes as the stream delivers them, in order. */
  applyTicks(ticks: readonly Tick[]): void {
    for (const t of ticks) {
      if (t.kind === 'trade' && t.price !== null) this.set(t.symbol, t.price, 'trade', t.ts);
      else if (t.kind === 'quote' && t.bid !== null && t.ask !== null && t.bid > 0 && t.ask >= t.bid)
        this.set(t.symbol, (t.bid + t.ask) / 2, 'quote', t.ts);
    }
  }
}

/** "AAPL 1.2 s, MSFT none yet" — how old each symbol's price is. */
export function describeAges(feed: PriceSource, symbols: Iterable<string>): string {
  const parts: string[] = [];
  for (const s of symbols) {
    const age = feed.ageMs(s);
    parts.push(age === null ? `${s} none yet` : `${s} ${(age / 1000).toFixed(1)} s`);
  }
  return parts.join(', ');
}
