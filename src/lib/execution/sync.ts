/**
 * ats broker sync: pull the broker's orders, fills and positions into the store and report every difference.
 * "Updates" are the normal life of known orders (a resting limit filled, a day order expired). "Differences" are
 * what the store did not know or gets wrong: orders placed outside ats, orders recorded but never received, and
 * positions (after the updates) that do not match the broker's. Differences make the command exit 9.
 */
import { recordProgress } from './ledger.js';
import { buildPositions } from '../positions.js';
import { saveBrokerPositions } from '../store/broker-positions.js';
import { listFills } from '../store/fills.js';
import { getOrder, listOrders } from '../store/orders.js';
import { isSettlement, unplacedOrder } from './settlement.js';
import type { ExecutionDeps } from './place-order.js';
import type { BrokerOrder } from '../broker/types.js';

export interface SyncReport {
  broker: string;
  ordersSeen: number;
  updates: string[];
  differences: string[];
  positions: Array<{ symbol: string; storeQty: number; brokerQty: number; storeAvg: number; brokerAvg: number }>;
}

const round6 = (n: number): number => Math.round(n * 1e6) / 1e6;
const describe = (o: BrokerOrder): string =>
  `${o.side} ${o.qty} ${o.symbol} ${o.type} (${o.status}, filled ${o.filledQty})`;

export async function syncBroker(deps: ExecutionDeps): Promise<SyncReport> {
  const { store, broker, events, now } = deps;
  const report: SyncReport = { broker: broker.name, ordersSeen: 0, updates: [], differences: [], positions: [] };
  const listed = await broker.listOrders('all');
  report.ordersSeen = listed.length;
  // Exit legs come nested in their entry: each is an order of its own in the ledger.
  const remote = listed.flatMap((o) => [o, ...(o.legs ?? []).filter((l) => !listed.some((x) => x.id === l.id))]);
  const seen = new Set<string>();
  for (const o of remote) {
    seen.add(o.clientOrderId);
    const ledger = getOrder(store, o.clientOrderId);
    if (ledger === null || ledger.broker !== broker.name) {
      if (isSettlement(broker.name, o.clientOrderId))
        report.updates.push(`order ${o.clientOrderId} ${describe(o)}: option settlement; recorded`);
      else report.differences.push(`order ${o.clientOrderId} ${describe(o)} was placed outside ats; recorded`);
      recordProgress(store, events, unplacedOrder(broker.name, o, now()), o, now());
      continue;
    }
    if (ledger.status !== o.status || round6(ledger.filledQty) !== round6(o.filledQty)) {
      report.updates.push(
        `order ${o.clientOrderId}: ${ledger.status} → ${o.status}, filled ${ledger.filledQty} → ${o.filledQty}`,
      );
      recordProgress(store, events, ledger, o, now());
    }
  }
  for (const ledger of listOrders(store, broker.name, 'open')) {
    if (seen.has(ledger.clientOrderId)) continue;
    const found = await broker.getOrderByClientId(ledger.clientOrderId);
    if (found) {
      report.updates.push(`order ${ledger.clientOrderId}: ${ledger.status} → ${found.status}`);
      recordProgress(store, events, ledger, found, now());
    } else {
      report.differences.push(
        `order ${ledger.clientOrderId} (${ledger.side} ${ledger.qty} ${ledger.symbol}) is ${ledger.status} ` +
          `in the store but unknown to ${broker.name}`,
      );
    }
  }
  const brokerPositions = await broker.getPositions();
  saveBrokerPositions(store, broker.name, brokerPositions, now());
  const ours = buildPositions(listFills(store, broker.name));
  const symbols = new Set([
    ...brokerPositions.map((p) => p.symbol),
    ...[...ours.values()].filter((p) => p.qty !== 0).map((p) => p.symbol),
  ]);
  for (const symbol of [...symbols].sort()) {
    const b = brokerPositions.find((p) => p.symbol === symbol);
    const s = ours.get(symbol);
    const row = {
      symbol,
      storeQty: s?.qty ?? 0,
      brokerQty: b?.qty ?? 0,
      storeAvg: s?.avgCost ?? 0,
      brokerAvg: b?.avgEntryPrice ?? 0,
    };
    report.positions.push(row);
    if (round6(row.storeQty) !== round6(row.brokerQty)) {
      report.differences.push(`position ${symbol}: store holds ${row.storeQty}, ${broker.name} holds ${row.brokerQty}`);
    } else if (row.storeQty !== 0 && Math.abs(row.storeAvg - row.brokerAvg) > 0.005) {
      report.differences.push(
        `position ${symbol}: store average cost ${round6(row.storeAvg)}, ${broker.name} ${round6(row.brokerAvg)}`,
      );
    }
  }
  return report;
}
