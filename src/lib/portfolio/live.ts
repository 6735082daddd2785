/**
 * The portfolio revalued on every live price: positions, equity and the other prices are loaded once (and again on
 * reload()), and each streamed price re-runs the pure valuation with that price in place. No broker call per tick.
 */
import type { ExecutionDeps } from '../execution/place-order.js';
import type { LivePrice } from '../market/price-feed.js';
import type { PositionRow } from '../position-row.js';
import type { PositionState } from '../positions.js';
import { loadPortfolio, ledgerPositions } from './service.js';
import { valuePositions } from './valuation.js';
import type { PortfolioValuation, SymbolMeta } from './valuation.js';

export interface LiveUpdate {
  symbol: string;
  price: number;
  source: LivePrice['source'];
  /** Exchange time and arrival time of the price (UTC ms). */
  ts: number;
  receivedAt: number;
  position: PositionRow;
  totals: PortfolioValuation['totals'];
}

export class LivePortfolio {
  private positions: PositionState[] = [];
  private readonly prices = new Map<string, number>();
  /** Symbols whose price came from the stream: a reload does not put an older stored price back. */
  private readonly streamed = new Set<string>();
  private meta = new Map<string, SymbolMeta>();
  private equity = 0;
  private cashLike = 0;

  constructor(private readonly deps: ExecutionDeps) {}

  /** Positions and prices from the ledger and the broker; streamed prices seen so far are kept. */
  async reload(): Promise<PortfolioValuation> {
    const v = await loadPortfolio(this.deps);
    this.positions = [...ledgerPositions(this.deps).values()];
    this.meta = new Map(v.rows.map((r) => [r.symbol, { sector: r.sector, assetClass: r.assetClass }]));
    for (const r of v.rows) if (!this.streamed.has(r.symbol)) this.prices.set(r.symbol, r.last);
    // Equity moves with the positions' value: keep what is not in them (cash) fixed between reloads.
    this.equity = v.totals.equity;
    this.cashLike = v.totals.equity - v.totals.marketValue;
    return this.value();
  }

  /** Symbols held now. */
  symbols(): string[] {
    return this.positions.filter((p) => p.qty !== 0).map((p) => p.symbol);
  }

  /** The portfolio at the latest prices seen (stored, or streamed since). */
  valuation(): PortfolioValuation {
    return this.value();
  }

  /** Several prices valued once (a burst of trades costs one revaluation): one update per held symbol among them. */
  applyAll(ps: Iterable<LivePrice>): LiveUpdate[] {
    const held = new Set(this.symbols());
    const mine = [...ps].filter((p) => held.has(p.symbol));
    if (mine.length === 0) return [];
    for (const p of mine) {
      this.prices.set(p.symbol, p.price);
      this.streamed.add(p.symbol);
    }
    const v = this.value();
    const rows = new Map(v.rows.map((r) => [r.symbol, r]));
    return mine.map((p) => ({
      symbol: p.symbol,
      price: p.price,
      source: p.source,
      ts: p.ts,
      receivedAt: p.receivedAt,
      position: rows.get(p.symbol) as PositionRow,
      totals: v.totals,
    }));
  }

  /** The valuation with `p` in place; null when the symbol is not held. */
  apply(p: LivePrice): LiveUpdate | null {
    if (!this.positions.some((x) => x.symbol === p.symbol && x.qty !== 0)) return null;
    this.prices.set(p.symbol, p.price);
    this.streamed.add(p.symbol);
    const v = this.value();
    const position = v.rows.find((r) => r.symbol === p.symbol) as PositionRow;
    return {
      symbol: p.symbol,
      price: p.price,
      source: p.source,
      ts: p.ts,
      receivedAt: p.receivedAt,
      position,
      totals: v.totals,
    };
  }

  private value(): PortfolioValuation {
    const marketValue = this.positions.reduce((s, p) => s + p.qty * (this.prices.get(p.symbol) ?? p.avgCost), 0);
    const equity = this.equity > 0 ? this.cashLike + marketValue : undefined;
    return valuePositions(
      this.positions,
      this.prices,
      (s) => this.meta.get(s) ?? { sector: null, assetClass: 'unknown' },
      equity,
    );
  }
}
