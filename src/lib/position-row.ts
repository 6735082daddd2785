/** A grouped options position (portfolio/option-groups.ts) shown as one row. */
export interface OptionRowDetail {
  strategy: string;
  expiry: string;
  daysToExpiry: number;
  legs: number;
  /** Net greeks in dollars of the position (× contracts × 100). */
  greeks: { delta: number; gamma: number; theta: number; vega: number };
  /** null = unbounded. */
  maxProfit: number | null;
  maxLoss: number | null;
}

export interface PositionRow {
  symbol: string;
  qty: number;
  avgCost: number;
  last: number;
  marketValue: number;
  unrealizedPnl: number;
  unrealizedPct: number;
  weight: number;
  sector: string | null;
  assetClass: string;
  /** NY session the position was opened (its first fill since flat); undefined when unknown. */
  entryDate?: string | null;
  /** Protective exits resting at the broker: the stop (stop, stop-limit, trailing) and take-profit (limit). */
  stopPrice?: number | null;
  takeProfitPrice?: number | null;
  /** UTC ms `last` arrived (streamed) or was stamped (stored quote or bar). */
  updatedAt?: number | null;
  /** Set on a grouped options position: symbol is the underlying, qty the units, prices net per share of a unit. */
  option?: OptionRowDetail;
}

/** One live price for a symbol (from the stream), as the viewer applies it between loads. */
export interface PriceTick {
  symbol: string;
  price: number;
  at: number;
}

export interface PositionProvider {
  load(): Promise<PositionRow[]>;
  close(symbol: string): Promise<string>;
  /** Live prices, when the provider has a feed: returns the unsubscribe. */
  subscribe?(onPrice: (tick: PriceTick) => void): () => void;
}

/** The row at a new price: value and PnL follow; the weight scales with the value (equity is not known here). */
export function repriceRow(row: PositionRow, price: number, at: number): PositionRow {
  const marketValue = row.qty * price;
  const unrealizedPnl = (price - row.avgCost) * row.qty;
  const cost = Math.abs(row.qty * row.avgCost);
  return {
    ...row,
    last: price,
    marketValue,
    unrealizedPnl,
    unrealizedPct: cost > 0 ? unrealizedPnl / cost : 0,
    weight: row.marketValue !== 0 ? (row.weight * marketValue) / row.marketValue : row.weight,
    updatedAt: at,
  };
}
