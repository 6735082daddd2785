/**
 * The evaluator's trailing rule, at the broker: the stop of a long follows its high-water mark up (a short's, its
 * low-water mark down) by replacing the resting stop in place, never by a second stop, and never backwards.
 * Trailing-stop orders are left alone: the broker trails those itself.
 */
import { roundPrice } from '../broker/price-format.js';
import { placeOrder, type ExecutionDeps } from './place-order.js';
import type { ProtectiveOrder } from './protection.js';
import { replaceResting } from './replace-order.js';

export interface TrailInput {
  symbol: string;
  /** Signed position at the broker. */
  qty: number;
  /** Best price since entry (highest for a long, lowest for a short). */
  highWater: number;
  price: number;
  /** Fraction: 0.03 = 3 %. */
  trailing: number;
  /** The position's stops at the broker, best first. */
  stops: readonly ProtectiveOrder[];
}

/** What was done, one line, or null when the stop stays where it is. */
export async function trailBrokerStop(deps: ExecutionDeps, t: TrailInput): Promise<string | null> {
  const long = t.qty > 0;
  const target = roundPrice(long ? t.highWater * (1 - t.trailing) : t.highWater * (1 + t.trailing));
  // A stop at or through the price would fill at once: that is the evaluator's close, not a protective stop.
  if (long ? target >= t.price : target <= t.price) return null;
  if (t.stops.length === 0) {
    const r = await placeOrder(deps, {
      symbol: t.symbol,
      side: long ? 'sell' : 'buy',
      qty: Math.abs(t.qty),
      type: 'stop',
      timeInForce: 'gtc',
      limitPrice: null,
      stopPrice: target,
      runId: `trail:${Math.abs(t.qty)}:${target}`,
      source: 'evaluator',
      intent: 'exit',
    });
    return `${t.symbol}: no stop at ${deps.broker.name}; placed a stop at ${target.toFixed(2)} [${r.order.clientOrderId}]`;
  }
  const moved: string[] = [];
  for (const s of t.stops) {
    if (s.type === 'trailing_stop' || s.stopPrice === null) continue;
    const better = long ? target > s.stopPrice : target < s.stopPrice;
    if (!better) continue;
    // A stop-limit keeps its distance between stop and limit.
    const limit =
      s.type === 'stop_limit' && s.limitPrice !== null ? roundPrice(s.limitPrice + target - s.stopPrice) : null;
    await replaceResting(deps, s, { stopPrice: target, ...(limit !== null ? { limitPrice: limit } : {}) });
    moved.push(`${s.stopPrice.toFixed(2)} → ${target.toFixed(2)}`);
  }
  return moved.length > 0 ? `${t.symbol}: stop ${long ? 'raised' : 'lowered'} ${moved.join(', ')}` : null;
}
