/** The paper simulator's exit legs and replacements, checked the way Alpaca checks them. Pure. */
import { BrokerError, UsageError } from '../errors.js';
import type { NewPaperOrder } from '../store/paper.js';
import { checkExitLegs } from './order-input.js';
import type { BrokerOrder, OrderChanges, OrderRequest, OrderSide } from './types.js';

const opposite = (side: OrderSide): OrderSide => (side === 'buy' ? 'sell' : 'buy');

function rejected(err: unknown): never {
  if (err instanceof UsageError) throw new BrokerError(`paper broker rejected the order: ${err.message}`);
  throw err;
}

/**
 * The legs to store beside `req` (each gtc): a bracket/oto entry's take-profit limit and stop (stop, stop-limit or
 * trailing stop) on the other side; an oco's stop leg beside its take-profit limit (the order itself).
 * Client ids: the entry's with -tp / -sl.
 */
export function paperLegRequests(req: OrderRequest, price: number): NewPaperOrder[] {
  const orderClass = req.orderClass ?? 'simple';
  try {
    checkExitLegs(req.side, req.limitPrice ?? price, orderClass, req);
  } catch (err) {
    rejected(err);
  }
  const side = orderClass === 'oco' ? req.side : opposite(req.side);
  const base = { symbol: req.symbol, side, qty: req.qty, timeInForce: 'gtc' as const, orderClass };
  const out: NewPaperOrder[] = [];
  if (req.takeProfit && orderClass !== 'oco') {
    out.push({
      ...base,
      clientOrderId: `${req.clientOrderId}-tp`,
      type: 'limit',
      limitPrice: req.takeProfit.limitPrice,
      stopPrice: null,
    });
  }
  const sl = req.stopLoss;
  if (sl) {
    const trail = sl.trailPercent ?? null;
    out.push({
      ...base,
      clientOrderId: `${req.clientOrderId}-sl`,
      type: trail !== null ? 'trailing_stop' : sl.limitPrice !== null ? 'stop_limit' : 'stop',
      limitPrice: trail !== null ? null : sl.limitPrice,
      stopPrice: trail !== null ? null : sl.stopPrice,
      trailPercent: trail,
    });
  }
  return out;
}

/** What may change on a resting order: a positive whole quantity, and only the prices its type has. */
export function checkReplace(o: BrokerOrder, c: OrderChanges): void {
  const bad = (why: string): never => {
    throw new BrokerError(`paper broker: cannot replace order ${o.id}: ${why}`);
  };
  if (c.qty === undefined && c.limitPrice === undefined && c.stopPrice === undefined && c.trailPercent === undefined)
    bad('nothing to change');
  if (c.qty !== undefined && !(Number.isInteger(c.qty) && c.qty > 0)) bad(`qty must be a whole number > 0`);
  if (c.limitPrice !== undefined && (o.limitPrice === null || !(c.limitPrice > 0)))
    bad(`a ${o.type} order has no limit price to set to ${c.limitPrice}`);
  if (c.stopPrice !== undefined && (o.stopPrice === null || !(c.stopPrice > 0)))
    bad(`a ${o.type} order has no stop price to set to ${c.stopPrice}`);
  if (c.trailPercent !== undefined && (o.type !== 'trailing_stop' || !(c.trailPercent > 0 && c.trailPercent < 100)))
    bad(`trail percent applies to a trailing stop, within (0, 100)`);
}
