/**
 * Positions valued at the latest prices. Pure.
 *   market value = qty × last (× 100 for options; negative for a short); unrealized PnL = (last − average cost) × qty;
 *   unrealized % = unrealized / |qty × average cost| (a fraction: 0.1 = 10 %);
 *   weight = market value / equity (a fraction), with equity the broker's when known, else Σ |market value|.
 * Exposure sums |market value| ("gross": a short counts like a long) by symbol, sector and asset class.
 */
import { multiplierOf } from '../contract-multiplier.js';
import type { PositionRow } from '../position-row.js';
import type { OptionGroup } from './option-groups.js';
import type { PositionState } from '../positions.js';

export interface SymbolMeta {
  sector: string | null;
  assetClass: string;
}

export interface Exposure {
  bySymbol: Record<string, number>;
  bySector: Record<string, number>;
  byAssetClass: Record<string, number>;
}

export interface PortfolioValuation {
  rows: PositionRow[];
  /** Realized PnL per symbol (held and closed alike). */
  realized: Record<string, number>;
  totals: { marketValue: number; grossExposure: number; unrealizedPnl: number; realizedPnl: number; equity: number };
  exposure: Exposure;
  /** Option legs grouped into their strategies (loadPortfolio; absent when none are held). */
  options?: OptionGroup[];
}

const add = (m: Record<string, number>, k: string, v: number): void => {
  m[k] = (m[k] ?? 0) + v;
};

export function valuePositions(
  positions: Iterable<PositionState>,
  prices: ReadonlyMap<string, number>,
  metaOf: (symbol: string) => SymbolMeta,
  equity?: number,
): PortfolioValuation {
  const held: Array<PositionState & SymbolMeta & { last: number }> = [];
  const realized: Record<string, number> = {};
  let realizedPnl = 0;
  for (const p of positions) {
    realized[p.symbol] = p.realizedPnl;
    realizedPnl += p.realizedPnl;
    if (p.qty !== 0) held.push({ ...p, ...metaOf(p.symbol), last: prices.get(p.symbol) ?? p.avgCost });
  }
  const gross = held.reduce((s, p) => s + Math.abs(p.qty * p.last * multiplierOf(p.symbol)), 0);
  const base = equity !== undefined && equity > 0 ? equity : gross;
  const exposure: Exposure = { bySymbol: {}, bySector: {}, byAssetClass: {} };
  const rows = held
    .sort((a, b) => a.symbol.localeCompare(b.symbol))
    .map((p): PositionRow => {
      const m = multiplierOf(p.symbol);
      const marketValue = p.qty * p.last * m;
      const unrealizedPnl = (p.last - p.avgCost) * p.qty * m;
      const cost = Math.abs(p.qty * p.avgCost * m);
      add(exposure.bySymbol, p.symbol, Math.abs(marketValue));
      add(exposure.bySector, p.sector ?? 'unknown', Math.abs(marketValue));
      add(exposure.byAssetClass, p.assetClass, Math.abs(marketValue));
      return {
        symbol: p.symbol,
        qty: p.qty,
        avgCost: p.avgCost,
        last: p.last,
        marketValue,
        unrealizedPnl,
        unrealizedPct: cost > 0 ? unrealizedPnl / cost : 0,
        weight: base > 0 ? marketValue / base : 0,
        sector: p.sector,
        assetClass: p.assetClass,
      };
    });
  return {
    rows,
    realized,
    totals: {
      marketValue: rows.reduce((s, r) => s + r.marketValue, 0),
      grossExposure: gross,
      unrealizedPnl: rows.reduce((s, r) => s + r.unrealizedPnl, 0),
      realizedPnl,
      equity: base,
    },
    exposure,
  };
}
