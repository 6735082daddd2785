/**
 * Orders the ledger did not place: placed outside ats (a difference `broker sync` reports), or the paper
 * simulator's option settlement records (`expiry:` closes a contract at 0, `exercise:` moves the shares at the
 * strike; broker/paper-option-work.ts). Settlements are the broker closing expired contracts, so they are
 * recorded as exits, not differences, and the portfolio picks them up as soon as it holds a contract past expiry.
 */
import { isOptionSymbol } from '../contract-multiplier.js';
import { parseOcc } from '../options/occ.js';
import { buildPositions } from '../positions.js';
import { listFills } from '../store/fills.js';
import { getOrder } from '../store/orders.js';
import type { LedgerOrder } from '../store/orders.js';
import { nyDate } from '../time.js';
import { recordProgress } from './ledger.js';
import type { ExecutionDeps } from './place-order.js';
import type { BrokerOrder } from '../broker/types.js';

export const isSettlement = (broker: string, clientOrderId: string): boolean =>
  broker === 'paper' && /^(expiry|exercise):/.test(clientOrderId);

/** The ledger row for an order ats did not place: external, or a settlement record. */
export function unplacedOrder(broker: ExecutionDeps['broker']['name'], o: BrokerOrder, nowMs: number): LedgerOrder {
  const settlement = isSettlement(broker, o.clientOrderId);
  return {
    clientOrderId: o.clientOrderId,
    broker,
    brokerOrderId: o.id,
    runId: settlement ? 'settlement' : 'external',
    session: nyDate(o.submittedAt),
    symbol: o.symbol,
    side: o.side,
    qty: o.qty,
    type: o.type,
    timeInForce: o.timeInForce,
    limitPrice: o.limitPrice,
    stopPrice: o.stopPrice,
    intent: settlement ? 'exit' : 'entry',
    source: settlement ? 'settlement' : 'external',
    status: 'new',
    filledQty: 0,
    filledAvgPrice: null,
    reason: settlement ? 'option settlement at expiry' : 'placed outside ats',
    createdAt: o.submittedAt || nowMs,
    updatedAt: nowMs,
  };
}

/**
 * When the ledger holds an option contract whose expiry session has come, record the broker's settlement records
 * it lacks; returns one line per record.
 */
export async function recordSettlements(deps: ExecutionDeps): Promise<string[]> {
  const { store, broker, events, now } = deps;
  if (broker.name !== 'paper') return [];
  const session = nyDate(now());
  const held = [...buildPositions(listFills(store, broker.name)).values()];
  if (!held.some((p) => p.qty !== 0 && isOptionSymbol(p.symbol) && parseOcc(p.symbol).expiry <= session)) return [];
  const lines: string[] = [];
  for (const o of await broker.listOrders('closed')) {
    if (!isSettlement(broker.name, o.clientOrderId) || getOrder(store, o.clientOrderId) !== null) continue;
    recordProgress(store, events, unplacedOrder(broker.name, o, now()), o, now());
    lines.push(`order ${o.clientOrderId} (${o.side} ${o.qty} ${o.symbol}): option settlement; recorded`);
  }
  return lines;
}
