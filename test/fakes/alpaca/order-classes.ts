/**
 * Advanced orders as Alpaca validates them (https://docs.alpaca.markets/docs/orders-at-alpaca: "Bracket Orders",
 * "OCO Orders", "OTO (One-Triggers-Other) Orders", "Trailing Stop Orders"; request fields from
 * https://docs.alpaca.markets/reference/postorder). Messages follow the real API's wording where one is on record
 * ("stop price must be less than base_price - 0.01", alpacahq/Alpaca-API#166); the rest are ours, same shape.
 */
import type { OrderClass, TimeInForce } from './state.js';

export interface Legs {
  takeProfit: { limitPrice: number } | null;
  stopLoss: { stopPrice: number; limitPrice: number | null } | null;
}

interface Entry extends Legs {
  side: 'buy' | 'sell';
  type: string;
  timeInForce: TimeInForce;
  limitPrice: number | null;
  extendedHours: boolean;
  orderClass: OrderClass;
  trailPercent: number | null;
  trailPrice: number | null;
}

/** The smallest price step for prices ≥ $1: legs must sit at least one tick beyond the base price. */
const TICK = 0.01;
const round4 = (n: number): number => Math.round(n * 1e4) / 1e4;

/** A 422 message, or undefined when Alpaca would accept the order. `price` is the current price (the base of a market entry). */
export function advancedOrderProblem(r: Entry, price: number): string | undefined {
  if (r.type === 'trailing_stop') {
    if ((r.trailPercent === null) === (r.trailPrice === null))
      return 'trailing_stop orders need exactly one of trail_price and trail_percent';
    if (r.trailPercent !== null && !(r.trailPercent > 0)) return 'trail_percent must be > 0';
    if (r.trailPrice !== null && !(r.trailPrice > 0)) return 'trail_price must be > 0';
    // "Trailing stop orders are currently supported only with single orders."
    if (r.orderClass !== 'simple') return 'trailing_stop orders are supported only with order_class simple';
  }
  if (r.orderClass === 'simple') return undefined;
  const legs = (r.takeProfit ? 1 : 0) + (r.stopLoss ? 1 : 0);
  if (r.orderClass === 'bracket' && legs !== 2) return 'bracket orders require both take_profit and stop_loss';
  if (r.orderClass === 'oto' && legs !== 1) return 'oto orders require exactly one of take_profit and stop_loss';
  if (r.orderClass === 'oco') {
    if (legs !== 2) return 'oco orders require both take_profit and stop_loss';
    if (r.type !== 'limit') return 'oco orders must be limit orders';
  }
  // Advanced orders run in the regular session only, day or gtc.
  if (r.timeInForce !== 'day' && r.timeInForce !== 'gtc') return `${r.orderClass} orders must be day or gtc`;
  if (r.extendedHours) return `${r.orderClass} orders are not supported in extended hours`;
  // An oco exits a position: its own side is the exit side. bracket / oto legs exit the entry, on the other side.
  const exitSide = r.orderClass === 'oco' ? r.side : r.side === 'buy' ? 'sell' : 'buy';
  const base = r.orderClass === 'oco' ? null : (r.limitPrice ?? price);
  const tp = r.takeProfit?.limitPrice;
  const stop = r.stopLoss?.stopPrice;
  const longExit = exitSide === 'sell';
  if (base !== null && tp !== undefined && (longExit ? tp < round4(base + TICK) : tp > round4(base - TICK)))
    return `take_profit.limit_price must be ${longExit ? '>= base_price + 0.01' : '<= base_price - 0.01'}`;
  if (base !== null && stop !== undefined && (longExit ? stop > round4(base - TICK) : stop < round4(base + TICK)))
    return `stop price must be ${longExit ? 'less than base_price - 0.01' : 'greater than base_price + 0.01'}`;
  if (tp !== undefined && stop !== undefined && (longExit ? tp <= stop : tp >= stop))
    return `take_profit.limit_price must be ${longExit ? 'above' : 'below'} stop_loss.stop_price`;
  const sl = r.stopLoss;
  if (sl && sl.limitPrice !== null && (longExit ? sl.limitPrice > sl.stopPrice : sl.limitPrice < sl.stopPrice))
    return `stop_loss.limit_price must be ${longExit ? 'at or below' : 'at or above'} stop_loss.stop_price`;
  return undefined;
}
