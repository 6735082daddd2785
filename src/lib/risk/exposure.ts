/**
 * Gross exposure after an order: the current positions with the order applied, in dollars of market value.
 * "Gross" = absolute value, so a $5,000 short counts like a $5,000 long.
 */
import type { AccountSnapshot, OrderToCheck, AssetClass } from './types.js';

/** A US equity option contract covers 100 shares; its price is quoted per share. */
export const OPTION_CONTRACT_MULTIPLIER = 100;

/** Dollars an order moves: qty × price, × 100 for options (a premium of 1.50 on 2 contracts costs $300). */
export function orderCost(order: Pick<OrderToCheck, 'qty' | 'price' | 'assetClass'>): number {
  return order.qty * order.price * (order.assetClass === 'option' ? OPTION_CONTRACT_MULTIPLIER : 1);
}

interface Holding {
  marketValue: number;
  sector: string | null;
  assetClass: AssetClass;
}

/** Signed market value per symbol after the order (buy adds, sell subtracts). The order's sector/class win. */
export function holdingsAfter(order: OrderToCheck, account: AccountSnapshot): Map<string, Holding> {
  const holdings = new Map<string, Holding>();
  for (const p of account.positions) {
    const prev = holdings.get(p.symbol);
    holdings.set(p.symbol, {
      marketValue: (prev?.marketValue ?? 0) + p.marketValue,
      sector: p.sector,
      assetClass: p.assetClass,
    });
  }
  const signed = order.side === 'buy' ? orderCost(order) : -orderCost(order);
  const prev = holdings.get(order.symbol);
  holdings.set(order.symbol, {
    marketValue: (prev?.marketValue ?? 0) + signed,
    sector: order.sector,
    assetClass: order.assetClass,
  });
  return holdings;
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
