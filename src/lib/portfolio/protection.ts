/**
 * What protects each position at the broker, and since when it is held. Pure.
 *
 * Protective levels come from the open orders, bracket/oto/oco legs included, on the closing side of the position
 * (sell for a long, buy for a short): a stop, stop-limit or trailing stop is the stop (its stop price; for a
 * trailing stop the broker's current trigger), a limit is the take-profit. With several, the one nearest the
 * price counts: the highest stop and lowest take-profit below/above a long (mirrored for a short).
 */
import type { BrokerOrder } from '../order-types.js';
import { OPEN_ORDER_STATUSES } from '../order-types.js';
import type { Fill } from '../positions.js';

export interface ProtectiveLevels {
  stop: number | null;
  takeProfit: number | null;
}

const STOP_TYPES = new Set(['stop', 'stop_limit', 'trailing_stop']);

/** `qtyOf(symbol)`: the signed position; symbols not held get no levels. */
export function protectiveLevels(
  openOrders: readonly BrokerOrder[],
  qtyOf: (symbol: string) => number,
): Map<string, ProtectiveLevels> {
  const out = new Map<string, ProtectiveLevels>();
  const working = openOrders
    .flatMap((o) => [o, ...(o.legs ?? [])])
    .filter((o) => OPEN_ORDER_STATUSES.includes(o.status));
  for (const o of working) {
    const qty = qtyOf(o.symbol);
    if (qty === 0 || o.side !== (qty > 0 ? 'sell' : 'buy')) continue;
    const long = qty > 0;
    const levels = out.get(o.symbol) ?? { stop: null, takeProfit: null };
    if (STOP_TYPES.has(o.type) && o.stopPrice !== null) {
      levels.stop = nearer(levels.stop, o.stopPrice, long ? Math.max : Math.min);
    } else if (o.type === 'limit' && o.limitPrice !== null) {
      levels.takeProfit = nearer(levels.takeProfit, o.limitPrice, long ? Math.min : Math.max);
    }
    out.set(o.symbol, levels);
  }
  return out;
}

const nearer = (known: number | null, candidate: number, pick: (a: number, b: number) => number): number =>
  known === null ? candidate : pick(known, candidate);

/** The time of the fill that opened each current position (the first fill after it was last flat). */
export function entryTimes(fills: ReadonlyArray<Fill & { ts: number }>): Map<string, number> {
  const qty = new Map<string, number>();
  const opened = new Map<string, number>();
  for (const f of fills) {
    const before = qty.get(f.symbol) ?? 0;
    const after = Math.round((before + (f.side === 'buy' ? f.qty : -f.qty)) * 1e9) / 1e9;
    qty.set(f.symbol, after);
    if (after === 0) opened.delete(f.symbol);
    else if (before === 0 || Math.sign(before) !== Math.sign(after)) opened.set(f.symbol, f.ts);
  }
  return opened;
}

/**
 * How far the price may move before the level is hit, as a fraction of the price: positive while the level is
 * still ahead (a long's stop below the price, its take-profit above), negative once it was passed.
 */
export function distanceTo(
  level: number | null | undefined,
  last: number,
  kind: 'stop' | 'takeProfit',
  qty: number,
): number | null {
  if (level === null || level === undefined || !(last > 0)) return null;
  const up = (level - last) / last;
  const towardProfit = qty > 0 ? up : -up;
  return kind === 'takeProfit' ? towardProfit : -towardProfit;
}
