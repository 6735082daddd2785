/**
 * Reconciliation of protective orders at the broker (see protection.ts for what counts as missing, duplicated and
 * orphaned), and with `repair` its fixes:
 *   missing:    a good-till-canceled stop for the uncovered shares, at entry − 2 ATR(14) of the stored daily bars
 *               up to the session (the same adaptive stop daily's entries get), or protectStopPct below the entry
 *               when fewer than 15 bars are stored; never at or beyond the last price (then one tick inside it);
 *   duplicated: the best stops are kept until they cover the position (the last one cut to the remainder by a
 *               replace), the others canceled;
 *   orphaned:   canceled.
 * Stops are placed through placeOrder, so they are in the ledger with a deterministic client order id; a second run
 * finds nothing left to repair.
 */
import { roundPrice } from '../broker/price-format.js';
import type { BrokerPosition } from '../broker/types.js';
import { errorMessage } from '../errors.js';
import { OPEN_ORDER_STATUSES } from '../order-types.js';
import { atr } from '../features/index.js';
import { loadSeries } from '../store/bars.js';
import { getOrder } from '../store/orders.js';
import { STOP_ATR_MULTIPLE } from './entry-bracket.js';
import { recordProgress } from './ledger.js';
import { placeOrder, type ExecutionDeps } from './place-order.js';
import { replaceResting } from './replace-order.js';
import { checkProtection, type ProtectionCheck, type ProtectionFinding, type ProtectiveOrder } from './protection.js';

export interface ProtectionOptions {
  repair: boolean;
  /** Percent below (above, for a short) the entry when the bars give no ATR (5 = 5 %). */
  fallbackStopPct: number;
}

export interface ProtectionReport {
  positions: ProtectionCheck['positions'];
  findings: ProtectionFinding[];
  /** What the repair did, one line each. */
  repairs: string[];
  /** Repairs the broker refused. */
  failures: string[];
}

const ATR_PERIOD = 14;

export async function reconcileProtection(deps: ExecutionDeps, opts: ProtectionOptions): Promise<ProtectionReport> {
  const { broker, store } = deps;
  const positions = await broker.getPositions();
  const open = await broker.listOrders('open');
  const check = checkProtection(positions, open, (id) => getOrder(store, id)?.intent === 'exit');
  const report: ProtectionReport = { ...check, repairs: [], failures: [] };
  if (!opts.repair) return report;
  for (const f of check.findings) {
    try {
      if (f.kind === 'orphaned') {
        for (const o of f.orders) report.repairs.push(await cancelProtective(deps, o, 'protects no position'));
      } else if (f.kind === 'duplicated') {
        await trimStops(deps, f, report);
      } else {
        const p = positions.find((x) => x.symbol === f.symbol) as BrokerPosition;
        await placeStop(deps, p, Math.abs(p.qty) - f.coveredQty, opts, report);
      }
    } catch (err) {
      report.failures.push(`${f.symbol} (${f.kind}): ${errorMessage(err)}`);
    }
  }
  return report;
}

/** Cancels one protective order at the broker (and in the ledger when it is there); returns the line saying so. */
export async function cancelProtective(deps: ExecutionDeps, o: ProtectiveOrder, why: string): Promise<string> {
  const what = `${o.side} ${o.type} ${o.qty} @ ${o.stopPrice ?? o.limitPrice}`;
  try {
    await deps.broker.cancelOrder(o.id);
  } catch (err) {
    // A one-cancels-other sibling ends with the first leg canceled: gone is what was asked for.
    const now = await deps.broker.getOrderByClientId(o.clientOrderId).catch(() => null);
    if (now === null || OPEN_ORDER_STATUSES.includes(now.status)) throw err;
    return `${o.symbol}: ${what} already ${now.status} (${why})`;
  }
  const ledger = getOrder(deps.store, o.clientOrderId);
  const remote = ledger ? await deps.broker.getOrderByClientId(o.clientOrderId) : null;
  if (ledger && remote) recordProgress(deps.store, deps.events, ledger, remote, deps.now());
  return `${o.symbol}: canceled ${what} (${why})`;
}

async function trimStops(deps: ExecutionDeps, f: ProtectionFinding, report: ProtectionReport): Promise<void> {
  let left = Math.abs(f.positionQty);
  for (const o of f.orders) {
    if (left === 0) {
      report.repairs.push(await cancelProtective(deps, o, 'a duplicate of a better stop'));
    } else if (o.qty > left) {
      await replaceResting(deps, o, { qty: left });
      report.repairs.push(`${o.symbol}: ${o.type} @ ${o.stopPrice} cut from ${o.qty} to ${left} shares`);
      left = 0;
    } else {
      left -= o.qty;
    }
  }
}

/** The stop a position's entry implies, and which rule gave it. */
export function impliedStop(
  deps: Pick<ExecutionDeps, 'store' | 'now'>,
  p: BrokerPosition,
  fallbackStopPct: number,
): { stop: number; basis: string } {
  const long = p.qty > 0;
  const bars = loadSeries(deps.store, p.symbol, -Infinity, deps.now());
  const a = bars.close.length > ATR_PERIOD ? atr(bars.high, bars.low, bars.close, ATR_PERIOD).at(-1) : undefined;
  const distance =
    a !== undefined && Number.isFinite(a) && a > 0 ? STOP_ATR_MULTIPLE * a : (p.avgEntryPrice * fallbackStopPct) / 100;
  const basis =
    a !== undefined && Number.isFinite(a) && a > 0
      ? `entry ${p.avgEntryPrice.toFixed(2)} ${long ? '−' : '+'} ${STOP_ATR_MULTIPLE} ATR(${ATR_PERIOD}) ${a.toFixed(2)}`
      : `entry ${p.avgEntryPrice.toFixed(2)} ${long ? '−' : '+'} ${fallbackStopPct}% (fewer than ${ATR_PERIOD + 1} bars stored)`;
  let stop = roundPrice(long ? p.avgEntryPrice - distance : p.avgEntryPrice + distance);
  const tick = p.currentPrice >= 1 ? 0.01 : 0.0001;
  if (long && stop >= p.currentPrice) return { stop: roundPrice(p.currentPrice - tick), basis: `${basis}, past it` };
  if (!long && stop <= p.currentPrice) return { stop: roundPrice(p.currentPrice + tick), basis: `${basis}, past it` };
  if (stop <= 0) stop = tick;
  return { stop, basis };
}

async function placeStop(
  deps: ExecutionDeps,
  p: BrokerPosition,
  qty: number,
  opts: ProtectionOptions,
  report: ProtectionReport,
): Promise<void> {
  const { stop, basis } = impliedStop(deps, p, opts.fallbackStopPct);
  const side = p.qty > 0 ? 'sell' : 'buy';
  const r = await placeOrder(deps, {
    symbol: p.symbol,
    side,
    qty,
    type: 'stop',
    timeInForce: 'gtc',
    limitPrice: null,
    stopPrice: stop,
    runId: `protect:${qty}:${stop}`,
    source: 'protect',
    intent: 'exit',
  });
  const done = r.alreadyPlaced ? 'already placed' : 'placed';
  report.repairs.push(
    `${p.symbol}: ${done} ${side} stop ${qty} @ ${stop.toFixed(2)} (${basis}) [${r.order.clientOrderId}]`,
  );
}
