/**
 * Keep the ledger in step with the broker: an order's new fills become ledger fills (with the realized PnL they
 * booked, computed from the symbol's earlier fills), its status is updated, and every closing fill is announced
 * (positionClosed: the pnl.csv writer subscribes), so the PnL ledger file and the store hold the same realized PnL.
 */
import type { BrokerName, BrokerOrder } from '../broker/types.js';
import { isOptionSymbol } from '../contract-multiplier.js';
import type { PnlRow } from '../files/pnl-csv.js';
import { fillsOfOrder, insertFill, listFills } from '../store/fills.js';
import type { LedgerFill } from '../store/fills.js';
import type { Store } from '../store/open.js';
import { getOrder, saveOrder } from '../store/orders.js';
import type { LedgerOrder } from '../store/orders.js';
import { nyDate } from '../time.js';
import { applyFill, buildPositions, flatPosition } from '../positions.js';
import type { ExecutionEvents } from './events.js';

const round9 = (n: number): number => Math.round(n * 1e9) / 1e9;

export interface Progress {
  order: LedgerOrder;
  fill: LedgerFill | null;
  pnl: PnlRow | null;
}

/**
 * The fill an order made since the ledger last saw it: the change in filled quantity, at the price that moves
 * the average from the old to the new one: (avg₁·q₁ − avg₀·q₀) / (q₁ − q₀).
 */
function newFill(store: Store, ledger: LedgerOrder, remote: BrokerOrder): Omit<LedgerFill, 'realizedPnl'> | null {
  const delta = round9(remote.filledQty - ledger.filledQty);
  if (!(delta > 0) || remote.filledAvgPrice === null) return null;
  const before = (ledger.filledAvgPrice ?? 0) * ledger.filledQty;
  const price = (remote.filledAvgPrice * remote.filledQty - before) / delta;
  const charged = fillsOfOrder(store, ledger.clientOrderId).reduce((s, f) => s + f.commission, 0);
  return {
    id: `${remote.id}:${remote.filledQty}`,
    clientOrderId: ledger.clientOrderId,
    broker: ledger.broker,
    symbol: ledger.symbol,
    side: ledger.side,
    qty: delta,
    price: Math.round(price * 1e6) / 1e6,
    commission: Math.max(0, remote.commission - charged),
    ts: remote.updatedAt,
  };
}

/** Apply what the broker says about `ledger`'s order; one transaction for the store, then the event. */
export function recordProgress(
  store: Store,
  events: ExecutionEvents,
  ledger: LedgerOrder,
  remote: BrokerOrder,
  nowMs: number,
): Progress {
  let fill = null as LedgerFill | null;
  let pnl = null as PnlRow | null;
  const order: LedgerOrder = {
    ...ledger,
    brokerOrderId: remote.id,
    status: remote.status,
    filledQty: Math.max(ledger.filledQty, remote.filledQty),
    filledAvgPrice: remote.filledAvgPrice ?? ledger.filledAvgPrice,
    updatedAt: nowMs,
  };
  // An mleg order's fills are its legs' (each an OCC contract); the order itself holds no position.
  const mlegParent = remote.orderClass === 'mleg' && !isOptionSymbol(remote.symbol);
  store.db.transaction(() => {
    const f = mlegParent ? null : newFill(store, ledger, remote);
    if (f) {
      const before =
        buildPositions(listFills(store, ledger.broker, ledger.symbol)).get(ledger.symbol) ??
        flatPosition(ledger.symbol);
      const { effect } = applyFill(before, f);
      fill = { ...f, realizedPnl: effect.realized };
      if (insertFill(store, fill) && effect.closedQty > 0) {
        pnl = {
          date: nyDate(f.ts),
          source: ledger.source === 'evaluator' ? 'evaluator' : 'portfolio',
          ref: ledger.clientOrderId,
          symbol: ledger.symbol,
          side: effect.closedSide,
          qty: effect.closedQty,
          entryPrice: effect.entryPrice,
          exitPrice: f.price,
          pnl: effect.realized,
          returnPct: effect.realized / (effect.entryPrice * effect.closedQty),
        };
      }
    }
    saveOrder(store, order);
  })();
  if (pnl) events.emit('positionClosed', pnl);
  for (const leg of remote.legs ?? []) recordLeg(store, events, order, leg, nowMs);
  return { order, fill, pnl };
}

/**
 * A leg the broker reports with its order becomes a ledger row of its own (parentId = the order's client id), so
 * its fill counts like any other and later refreshes find it among the open orders. A bracket's legs are exits;
 * an mleg order's legs open or close as the order does (its intent).
 */
function recordLeg(store: Store, events: ExecutionEvents, entry: LedgerOrder, leg: BrokerOrder, nowMs: number): void {
  const known = getOrder(store, leg.clientOrderId);
  const row: LedgerOrder = {
    clientOrderId: leg.clientOrderId,
    broker: entry.broker,
    brokerOrderId: leg.id,
    runId: entry.runId,
    session: entry.session,
    symbol: leg.symbol,
    side: leg.side,
    qty: leg.qty,
    type: leg.type,
    timeInForce: leg.timeInForce,
    limitPrice: leg.limitPrice,
    stopPrice: leg.stopPrice,
    trailPercent: leg.trailPercent ?? null,
    intent: leg.orderClass === 'mleg' ? entry.intent : 'exit',
    source: entry.source,
    status: 'new',
    filledQty: 0,
    filledAvgPrice: null,
    reason: null,
    createdAt: nowMs,
    updatedAt: nowMs,
    parentId: entry.clientOrderId,
    ...(known ?? {}),
  };
  recordProgress(store, events, { ...row, limitPrice: leg.limitPrice, stopPrice: leg.stopPrice }, leg, nowMs);
}

/** Ask the broker about every open ledger order of `broker`; record what changed. */
export async function refreshOpenOrders(
  store: Store,
  events: ExecutionEvents,
  broker: { name: BrokerName; getOrderByClientId(id: string): Promise<BrokerOrder | null> },
  openOrders: readonly LedgerOrder[],
  nowMs: number,
): Promise<Progress[]> {
  const out: Progress[] = [];
  for (const o of openOrders) {
    const remote = await broker.getOrderByClientId(o.clientOrderId);
    if (remote) out.push(recordProgress(store, events, o, remote, nowMs));
  }
  return out;
}
