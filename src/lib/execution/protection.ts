/**
 * Which open positions have their protective exits at the broker. Pure: the broker's positions and open orders in,
 * findings out. A protective order of a long is an open sell stop, stop-limit or trailing stop (its "stop") or a
 * sell limit (its take-profit); of a short, the same on the buy side. Exit legs of a bracket/oto entry count once
 * the entry has filled; legs of an entry still waiting at the broker protect nothing yet and are left alone.
 *   missing:    the stops cover fewer shares than the position holds (none at all, or too few);
 *   duplicated: the stops cover more shares than the position holds (a second stop for the same shares);
 *   orphaned:   an exit order for a symbol with no position (an exit leg, an oco, an order the ledger placed as an
 *               exit, or a sell stop: with nothing held it would open a short, which ats never enters that way).
 */
import { isOptionSymbol } from '../contract-multiplier.js';
import type { BrokerOrder, BrokerPosition } from '../broker/types.js';
import { OPEN_ORDER_STATUSES } from '../order-types.js';

export type ProtectionKind = 'missing' | 'duplicated' | 'orphaned';

export interface ProtectiveOrder {
  id: string;
  clientOrderId: string;
  symbol: string;
  side: 'buy' | 'sell';
  qty: number;
  type: BrokerOrder['type'];
  stopPrice: number | null;
  limitPrice: number | null;
  role: 'stop' | 'take-profit';
  /** The entry this order is a leg of, if any. */
  parentId: string | null;
}

export interface ProtectionFinding {
  kind: ProtectionKind;
  symbol: string;
  /** Signed position (0 for an orphan). */
  positionQty: number;
  /** Shares the stops cover (for an orphan: the order's). */
  coveredQty: number;
  orders: ProtectiveOrder[];
  message: string;
}

export interface ProtectionCheck {
  /** Per held symbol: its protective orders, stops best first (highest for a long, lowest for a short). */
  positions: Array<{ symbol: string; qty: number; stops: ProtectiveOrder[]; takeProfits: ProtectiveOrder[] }>;
  findings: ProtectionFinding[];
}

const STOP_TYPES: ReadonlySet<string> = new Set(['stop', 'stop_limit', 'trailing_stop']);
const isOpen = (o: BrokerOrder): boolean => OPEN_ORDER_STATUSES.includes(o.status);

/** Every open order the broker listed, its legs included (once each), with legs of unfilled entries left out. */
export function liveExitCandidates(open: readonly BrokerOrder[]): BrokerOrder[] {
  const byId = new Map<string, BrokerOrder>();
  const visit = (o: BrokerOrder, parent: BrokerOrder | null): void => {
    if (!byId.has(o.id)) byId.set(o.id, parent && !o.parentId ? { ...o, parentId: parent.id } : o);
    for (const leg of o.legs ?? []) visit(leg, o);
  };
  for (const o of open) visit(o, null);
  const waiting = new Set([...byId.values()].filter((o) => isOpen(o) && o.filledQty === 0).map((o) => o.id));
  return [...byId.values()].filter(
    (o) => isOpen(o) && !(o.parentId && waiting.has(o.parentId)) && !((o.legs?.length ?? 0) > 0 && o.filledQty === 0),
  );
}

function asProtective(o: BrokerOrder): ProtectiveOrder | null {
  const role = STOP_TYPES.has(o.type) ? 'stop' : o.type === 'limit' ? 'take-profit' : null;
  if (role === null) return null;
  return {
    id: o.id,
    clientOrderId: o.clientOrderId,
    symbol: o.symbol,
    side: o.side,
    qty: o.qty - o.filledQty,
    type: o.type,
    stopPrice: o.stopPrice,
    limitPrice: o.limitPrice,
    role,
    parentId: o.parentId ?? null,
  };
}

/** Best stop first: the one that gives back least (highest for a long's sell stop). Unknown stop prices last. */
function byBest(long: boolean) {
  return (a: ProtectiveOrder, b: ProtectiveOrder): number => {
    const pa = a.stopPrice ?? (long ? -Infinity : Infinity);
    const pb = b.stopPrice ?? (long ? -Infinity : Infinity);
    return long ? pb - pa : pa - pb;
  };
}

const sum = (orders: readonly ProtectiveOrder[]): number => orders.reduce((s, o) => s + o.qty, 0);
const names = (orders: readonly ProtectiveOrder[]): string =>
  orders.map((o) => `${o.type} ${o.qty} @ ${o.stopPrice ?? o.limitPrice ?? '?'} [${o.clientOrderId}]`).join(', ');

/**
 * `placedAsExit`: whether the ledger recorded this client order id as an exit (so a resting sell limit for a
 * symbol no longer held is an orphan, while a buy limit the user placed to enter is not).
 */
export function checkProtection(
  positions: readonly BrokerPosition[],
  openOrders: readonly BrokerOrder[],
  placedAsExit: (clientOrderId: string) => boolean = () => false,
): ProtectionCheck {
  const candidates = liveExitCandidates(openOrders);
  // Option contracts take no stop orders here: their exits are the evaluator's rules (max profit, credit, days).
  const stocks = positions.filter((p) => p.qty !== 0 && p.assetClass !== 'us_option' && !isOptionSymbol(p.symbol));
  const held = new Map(stocks.map((p) => [p.symbol, p.qty]));
  const out: ProtectionCheck = { positions: [], findings: [] };
  for (const [symbol, qty] of [...held].sort(([a], [b]) => a.localeCompare(b))) {
    const exitSide = qty > 0 ? 'sell' : 'buy';
    const mine = candidates
      .filter((o) => o.symbol === symbol && o.side === exitSide)
      .map(asProtective)
      .filter((o): o is ProtectiveOrder => o !== null);
    const stops = mine.filter((o) => o.role === 'stop').sort(byBest(qty > 0));
    const takeProfits = mine.filter((o) => o.role === 'take-profit');
    out.positions.push({ symbol, qty, stops, takeProfits });
    const covered = sum(stops);
    const size = Math.abs(qty);
    const base = { symbol, positionQty: qty, coveredQty: covered, orders: stops };
    if (covered < size) {
      const message =
        covered === 0
          ? `${symbol}: position of ${qty} has no stop at the broker`
          : `${symbol}: stops cover ${covered} of ${size} shares (${names(stops)})`;
      out.findings.push({ ...base, kind: 'missing', message });
    } else if (covered > size) {
      const message = `${symbol}: stops cover ${covered} shares, the position holds ${size} (${names(stops)})`;
      out.findings.push({ ...base, kind: 'duplicated', message });
    }
  }
  for (const o of candidates) {
    if (held.has(o.symbol)) continue;
    const p = asProtective(o);
    if (p === null) continue;
    const exitLike =
      p.parentId !== null ||
      o.orderClass === 'oco' ||
      placedAsExit(o.clientOrderId) ||
      (p.role === 'stop' && o.side === 'sell');
    if (!exitLike) continue;
    out.findings.push({
      kind: 'orphaned',
      symbol: o.symbol,
      positionQty: 0,
      coveredQty: p.qty,
      orders: [p],
      message: `${o.symbol}: ${o.side} ${names([p])} protects no position`,
    });
  }
  return out;
}
