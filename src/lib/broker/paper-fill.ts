/**
 * When and at what price the paper broker fills an order, one price or one daily bar at a time. Pure.
 *
 * Market: the price moved against us by the slippage (bps = 1/100 of a percent): a buy at
 * price × (1 + bps/10 000), a sell at price × (1 − bps/10 000), rounded to the tick.
 * Limit: fills when the bar trades at or through the limit, at the limit or better (a bar that opens through
 * the limit fills at the open); no slippage. Stop: becomes a market order once the bar reaches the stop (buy: at
 * or above, sell: at or below), filled at the stop, or at the open when the bar gaps through it, with slippage.
 * Stop-limit: once the bar reaches the stop it becomes a limit order; it fills at that moment only when the
 * trigger price (the stop, or the gap-through open) is within its limit, else it rests as a limit from the next bar
 * (what happened later inside the bar is unknown). Trailing stop (sell): stop = high-water mark × (1 − trail %),
 * the mark starting at the price when the order became active; the bar's open raises the mark first (it is the
 * bar's first trade), then the stop is checked against the bar's low, then the bar's high raises the mark for the
 * next bar. A buy trails the low-water mark upwards by the same rule.
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
  trailPercent?: number | null;
  /** trailing_stop: high-water mark (sell) or low-water mark (buy); null = not yet set (the move's open sets it). */
  hwm?: number | null;
  /** stop_limit: the stop was reached earlier; the order is a limit now. */
  triggered?: boolean;
}

export interface MoveOutcome {
  /** The fill price, or null when the move does not reach the order. */
  fill: number | null;
  hwm: number | null;
  triggered: boolean;
}

function limitFill(side: OrderSide, limit: number, move: MarketMove): number | null {
  if (side === 'buy') return move.low <= limit ? Math.min(limit, move.open) : null;
  return move.high >= limit ? Math.max(limit, move.open) : null;
}

/** The price a stop at `stop` triggers at on `move` (the stop, or the open when the move gaps through), or null. */
function stopTrigger(side: OrderSide, stop: number, move: MarketMove): number | null {
  if (side === 'buy') return move.high >= stop ? Math.max(stop, move.open) : null;
  return move.low <= stop ? Math.min(stop, move.open) : null;
}

/** The stop of a trailing order at mark `hwm`, rounded to the tick. */
export function trailingStopPrice(side: OrderSide, hwm: number, trailPercent: number): number {
  return roundPrice(side === 'sell' ? hwm * (1 - trailPercent / 100) : hwm * (1 + trailPercent / 100));
}

const better = (side: OrderSide, a: number, b: number): number => (side === 'sell' ? Math.max(a, b) : Math.min(a, b));

/** What `move` does to `order`: its fill price (or none) and its new working state. */
export function workMove(order: RestingOrder, move: MarketMove, slippageBps: number): MoveOutcome {
  const { side } = order;
  const hwm = order.hwm ?? null;
  const triggered = order.triggered ?? false;
  const none = { fill: null, hwm, triggered };
  switch (order.type) {
    case 'market':
      return { fill: withSlippage(side, move.open, slippageBps), hwm, triggered };
    case 'limit':
      return { ...none, fill: limitFill(side, order.limitPrice as number, move) };
    case 'stop': {
      const at = stopTrigger(side, order.stopPrice as number, move);
      return { ...none, fill: at === null ? null : withSlippage(side, at, slippageBps) };
    }
    case 'stop_limit': {
      const limit = order.limitPrice as number;
      if (triggered) return { ...none, fill: limitFill(side, limit, move) };
      const at = stopTrigger(side, order.stopPrice as number, move);
      if (at === null) return none;
      const marketable = side === 'buy' ? at <= limit : at >= limit;
      return { fill: marketable ? at : null, hwm, triggered: true };
    }
    case 'trailing_stop': {
      const mark = better(side, hwm ?? move.open, move.open);
      const at = stopTrigger(side, trailingStopPrice(side, mark, order.trailPercent as number), move);
      if (at !== null) return { fill: withSlippage(side, at, slippageBps), hwm: mark, triggered };
      return { fill: null, hwm: better(side, mark, side === 'sell' ? move.high : move.low), triggered };
    }
  }
}

/** The fill price of `order` on `move`, or null when the move does not reach it. */
export function crossingPrice(order: RestingOrder, move: MarketMove, slippageBps: number): number | null {
  return workMove(order, move, slippageBps).fill;
}

/** Stop-type legs are worked first in a bar that touches both legs of a bracket: the stop wins (conservative). */
export const isStopType = (type: OrderType): boolean =>
  type === 'stop' || type === 'stop_limit' || type === 'trailing_stop';
