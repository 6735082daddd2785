/**
 * The one line a user sees when an entry's protective exits did not all survive at the broker. At Alpaca a leg
 * refused at submit refuses the whole order (403/422: the entry is recorded 'rejected', nothing exists); a leg
 * rejected later leaves the entry's fill (the position) in place, the rejected leg 'rejected' and its sibling
 * 'canceled' (see test/fakes/alpaca/fills.ts rejectLeg for the assumption). `broker sync` sees the same legs.
 */
import type { BrokerOrder } from '../broker/types.js';

const legName = (l: BrokerOrder): string => (l.type === 'limit' ? 'take-profit' : 'stop-loss');

export function legProblem(o: BrokerOrder, broker: string): string | null {
  const legs = o.legs ?? [];
  const rejected = legs.filter((l) => l.status === 'rejected');
  if (rejected.length === 0) return null;
  const others = legs.filter((l) => l.status !== 'rejected').map((l) => `${legName(l)} ${l.status}`);
  const exposure =
    o.filledQty > 0 ? `${o.filledQty} ${o.symbol} held without ${broker}-side exits` : `entry ${o.status}`;
  return (
    `${o.symbol} ${o.orderClass ?? 'simple'} ${o.clientOrderId}: ${rejected.map(legName).join(' and ')} rejected by ` +
    `${broker}${others.length ? ` (${others.join(', ')})` : ''}; ${exposure}; see ats broker sync`
  );
}
