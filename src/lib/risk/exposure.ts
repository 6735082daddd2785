/**
 * Gross exposure after an order: the current positions with the order applied, in dollars of market value.
 * "Gross" = absolute value, so a $5,000 short counts like a $5,000 long.
 * Options count towards their asset class by their delta-adjusted notional: per underlying
 * |Σ delta × 100 × contracts × underlying price| over its legs (a condor's deltas net out), summed over the
 * underlyings; a contract whose delta is not known counts by |market value|.
 */
import { OPTION_MULTIPLIER } from '../contract-multiplier.js';
import type { AccountSnapshot, OrderToCheck, AssetClass } from './types.js';

/** Dollars an order moves: qty × price, × 100 for options (a premium of 1.50 on 2 contracts costs $300). */
export function orderCost(order: Pick<OrderToCheck, 'qty' | 'price' | 'assetClass'>): number {
  return order.qty * order.price * (order.assetClass === 'option' ? OPTION_MULTIPLIER : 1);
}

interface Holding {
  marketValue: number;
  sector: string | null;
  assetClass: AssetClass;
  /** Signed contracts, with delta and underlying price when known (options). */
  qty?: number;
  delta?: number | undefined;
  underlyingPrice?: number | undefined;
}

const optionDetail = (p: { delta?: number | undefined; underlyingPrice?: number | undefined }) =>
  p.delta !== undefined && p.underlyingPrice !== undefined
    ? { delta: p.delta, underlyingPrice: p.underlyingPrice }
    : {};

/** Signed market value per symbol after the order (buy adds, sell subtracts). The order's sector/class win. */
export function holdingsAfter(order: OrderToCheck, account: AccountSnapshot): Map<string, Holding> {
  const holdings = new Map<string, Holding>();
  for (const p of account.positions) {
    const prev = holdings.get(p.symbol);
    holdings.set(p.symbol, {
      marketValue: (prev?.marketValue ?? 0) + p.marketValue,
      sector: p.sector,
      assetClass: p.assetClass,
      qty: (prev?.qty ?? 0) + p.qty,
      ...optionDetail(prev ?? {}),
      ...optionDetail(p),
    });
  }
  const signed = order.side === 'buy' ? orderCost(order) : -orderCost(order);
  const prev = holdings.get(order.symbol);
  holdings.set(order.symbol, {
    marketValue: (prev?.marketValue ?? 0) + signed,
    sector: order.sector,
    assetClass: order.assetClass,
    qty: (prev?.qty ?? 0) + (order.side === 'buy' ? order.qty : -order.qty),
    ...optionDetail(prev ?? {}),
    ...optionDetail(order),
  });
  return holdings;
}

/** The OCC root of an option symbol (either spelling), else the symbol itself. */
const underlyingOf = (symbol: string): string => /^(?:O:)?([A-Z.]{1,6})\d{6}[CP]\d{8}$/.exec(symbol)?.[1] ?? symbol;

/**
 * Exposure of one asset class: Σ |market value|, except options with a known delta: per underlying
 * |Σ delta × 100 × contracts × underlying price|.
 */
export function assetClassExposure(holdings: Map<string, Holding>, assetClass: AssetClass): number {
  let total = 0;
  const byUnderlying = new Map<string, number>();
  for (const [symbol, h] of holdings) {
    if (h.assetClass !== assetClass) continue;
    if (assetClass === 'option' && h.delta !== undefined && h.underlyingPrice !== undefined) {
      const u = underlyingOf(symbol);
      const notional = h.delta * OPTION_MULTIPLIER * (h.qty ?? 0) * h.underlyingPrice;
      byUnderlying.set(u, (byUnderlying.get(u) ?? 0) + notional);
    } else total += Math.abs(h.marketValue);
  }
  for (const n of byUnderlying.values()) total += Math.abs(n);
  return total;
}

/** Sum of |market value| over the holdings that `pick` selects. */
export function grossExposure(holdings: Map<string, Holding>, pick: (symbol: string, h: Holding) => boolean): number {
  let total = 0;
  for (const [symbol, h] of holdings) if (pick(symbol, h)) total += Math.abs(h.marketValue);
  return total;
}

/** Signed quantity held in `symbol` (negative = short), summed over snapshot rows. */
export function heldQty(account: AccountSnapshot, symbol: string): number {
  return account.positions.reduce((q, p) => (p.symbol === symbol ? q + p.qty : q), 0);
}

/** Symbols with a non-zero quantity. */
export function openSymbols(account: AccountSnapshot): Set<string> {
  const open = new Set<string>();
  for (const p of account.positions) if (heldQty(account, p.symbol) !== 0) open.add(p.symbol);
  return open;
}
