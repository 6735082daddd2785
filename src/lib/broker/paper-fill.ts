/**
 * When and at what price the paper broker fills an order. Pure.
 *
 * Market: the latest price moved against us by the slippage (bps = 1/100 of a percent): a buy at
 * price × (1 + bps/10 000), a sell at price × (1 − bps/10 000), rounded to the tick.
 * Limit: fills when the market trades at or through the limit, at the limit or better (a bar that opens
 * through the limit fills at the open). Stop: becomes a market order once the market reaches the stop
 * (buy: at or above, sell: at or below), filled at the stop or the gap-through open, with slippage.
 */
import { roundPrice } from './price-format.js';
import type { OrderSide, OrderType } from './types.js';

/** A quote (one price) or a bar. */
export interface MarketMove {
  open: number;
  high: number;
  low: number;
}

export const moveAt = (price: number): MarketMove => ({ open: price, high: price, low: price });

export function withSlippage(side: OrderSide, price: number, slippageBps: number): number {
  const f = slippageBps / 10_000;
  return roundPrice(side === 'buy' ? price * (1 + f) : price * (1 - f));
}

export interface RestingOrder {
  side: OrderSide;
  type: OrderType;
  limitPrice: number | null;
  stopPrice: number | null;
}

/** The fill price of `order` on `move`, or null when the move does not reach it. */
export function crossingPrice(order: RestingOrder, move: MarketMove, slippageBps: number): number | null {
  const buy = order.side === 'buy';
  if (order.type === 'market') return withSlippage(order.side, move.open, slippageBps);
  if (order.type === 'limit') {
    const limit = order.limitPrice as number;
    if (buy) return move.low <= limit ? Math.min(limit, move.open) : null;
    return move.high >= limit ? Math.max(limit, move.open) : null;
  }
  const stop = order.stopPrice as number;
  if (buy) return move.high >= stop ? withSlippage('buy', Math.max(stop, move.open), slippageBps) : null;
  return move.low <= stop ? withSlippage('sell', Math.min(stop, move.open), slippageBps) : null;
}
