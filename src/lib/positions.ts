/**
 * Positions from fills, average-cost method. Pure.
 *
 * Average cost: while a position grows, its average cost is the quantity-weighted mean of the entry prices
 * (entry commissions included: they raise a long's cost and lower a short's proceeds). While it shrinks, the
 * average stays and each closed share realizes (exit − average) for a long, (average − exit) for a short, less the
 * exit's commission. A fill larger than the position closes it and opens the other side at the fill price.
 *   buy 10 @ 100, buy 10 @ 110 → 20 @ 105; sell 5 @ 120 → realized (120 − 105) × 5 = 75, 15 left @ 105.
 * Options: quantities are contracts and prices per share, so realized PnL is × 100 (multiplierOf); the average
 * stays per share.
 */
import { multiplierOf } from './contract-multiplier.js';
import type { OrderSide } from './order-types.js';

export interface Fill {
  symbol: string;
  side: OrderSide;
  qty: number;
  price: number;
  commission: number;
}

export interface PositionState {
  symbol: string;
  /** Signed: negative for a short. */
  qty: number;
  /** Average entry price per share (0 when flat). */
  avgCost: number;
  /** Realized PnL of this symbol so far, commissions included. */
  realizedPnl: number;
}

/** What one fill did: the part that closed (realized PnL) and the average it closed against. */
export interface FillEffect {
  closedQty: number;
  /** Average cost of the closed shares (the position's average before the fill). */
  entryPrice: number;
  /** Side of the position the fill closed ('long' when a sell reduced a long). */
  closedSide: 'long' | 'short';
  realized: number;
}

/** Shares are whole or small decimals: compare after removing float noise. */
const round9 = (n: number): number => Math.round(n * 1e9) / 1e9;

export function flatPosition(symbol: string): PositionState {
  return { symbol, qty: 0, avgCost: 0, realizedPnl: 0 };
}

export function applyFill(before: PositionState, fill: Fill): { after: PositionState; effect: FillEffect } {
  const signed = fill.side === 'buy' ? fill.qty : -fill.qty;
  const held = before.qty;
  const closing = held !== 0 && Math.sign(held) !== Math.sign(signed) ? Math.min(Math.abs(held), fill.qty) : 0;
  const opening = round9(fill.qty - closing);
  const closeCommission = fill.qty > 0 ? (fill.commission * closing) / fill.qty : 0;
  const openCommission = fill.commission - closeCommission;
  const perShare = held > 0 ? fill.price - before.avgCost : before.avgCost - fill.price;
  const realized = closing > 0 ? perShare * closing * multiplierOf(fill.symbol) - closeCommission : 0;

  let qty = round9(held + (signed > 0 ? closing : -closing));
  let avgCost = qty === 0 ? 0 : before.avgCost;
  if (opening > 0) {
    // Entry commission: added to a long's cost, taken from a short's proceeds.
    const entryCost = fill.price * opening + (signed > 0 ? openCommission : -openCommission);
    const newAbs = Math.abs(qty) + opening;
    avgCost = (Math.abs(qty) * avgCost + entryCost) / newAbs;
    qty = round9(qty + (signed > 0 ? opening : -opening));
  }
  return {
    after: { symbol: before.symbol, qty, avgCost, realizedPnl: before.realizedPnl + realized },
    effect: { closedQty: closing, entryPrice: before.avgCost, closedSide: held > 0 ? 'long' : 'short', realized },
  };
}

/** Every symbol's position after `fills` (in order). Symbols closed flat stay in the map with their realized PnL. */
export function buildPositions(fills: readonly Fill[]): Map<string, PositionState> {
  const out = new Map<string, PositionState>();
  for (const f of fills) out.set(f.symbol, applyFill(out.get(f.symbol) ?? flatPosition(f.symbol), f).after);
  return out;
}

export function totalRealized(positions: Iterable<PositionState>): number {
  let sum = 0;
  for (const p of positions) sum += p.realizedPnl;
  return sum;
}
