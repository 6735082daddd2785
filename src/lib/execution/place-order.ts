/**
 * Place one order, idempotently and only after the risk check:
 *   1. the deterministic client_order_id; an order already placed under it is returned, never placed again;
 *   2. checkOrder on the broker's account (a refusal is recorded as 'refused' and throws BrokerError); an option
 *      order that opens risk first passes the options gate (option-gate.ts: a refusal throws, nothing recorded),
 *      which for a multi-leg (mleg) order takes the place of checkOrder;
 *   3. recorded as 'pending_submit' before anything is sent;
 *   4. submitOnce (look up by client id before any resend); a rejection is recorded as 'rejected';
 *   5. the broker's answer (and any immediate fill) recorded in the ledger; an orderRecorded event (a line in
 *      reports/orders.csv, written by whoever subscribed).
 */
import { BrokerError, DataError } from '../errors.js';
import type { Logger } from '../log.js';
import { refreshOpenOrders, recordProgress } from './ledger.js';
import { checkOrder } from '../risk/index.js';
import type { RiskLimits } from '../risk/index.js';
import { latestPrice } from '../store/latest-price.js';
import type { Store } from '../store/open.js';
import { getOrder, saveOrder } from '../store/orders.js';
import type { LedgerOrder } from '../store/orders.js';
import { assetClassOf } from '../symbols.js';
import { nyDate } from '../time.js';
import { accountView, optionDelta, sectorOf } from './account-snapshot.js';
import { clientOrderIdFor } from './client-order-id.js';
import type { ExecutionEvents } from './events.js';
import { legProblem } from './leg-state.js';
import type { OrderInput } from '../broker/order-input.js';
import { submitOnce } from './submit.js';
import type { SubmitPolicy } from './submit.js';
import type { Broker, BrokerPosition, OptionOrderLeg } from '../broker/types.js';
import { isOptionSymbol } from '../contract-multiplier.js';
import { enforceOptionGate, singleLegGate } from './option-gate.js';
import type { OptionGateInput } from './option-gate.js';

export interface ExecutionDeps {
  store: Store;
  broker: Broker;
  /** Where execution reports orders and closed positions (the CSV writers subscribe in the wiring). */
  events: ExecutionEvents;
  log: Logger;
  now: () => number;
  limits?: Partial<RiskLimits>;
  submitPolicy?: SubmitPolicy;
  /** Continuous risk-free rate for option deltas in the risk check (optionsRate; default 0). */
  optionsRate?: number;
}

export interface PlaceInput extends OrderInput {
  /** Part of the client order id: the same run placing the same order twice places it once. */
  runId: string;
  /** Who places it (cli, portfolio, evaluator, daily). */
  source: string;
  /** Default: 'exit' when the order reduces a held position by at most its size, else 'entry'. */
  intent?: 'entry' | 'exit';
  /** Strategy tag, for its per-strategy risk limit (MAX_RISK). */
  strategy?: string;
  /** mleg: the legs (OCC symbols); symbol is then the underlying, qty the units, limitPrice the signed net. */
  optionLegs?: OptionOrderLeg[];
  /** mleg: the strategy and max loss the options gate judges (single legs are classified in option-gate.ts). */
  optionGate?: OptionGateInput;
}

export interface PlaceResult {
  order: LedgerOrder;
  /** true when the order had been placed before (a re-run): nothing was sent. */
  alreadyPlaced: boolean;
}

function intentOf(input: PlaceInput, positions: readonly BrokerPosition[]): 'entry' | 'exit' {
  if (input.optionLegs) return input.optionLegs.every((l) => l.positionIntent.endsWith('_close')) ? 'exit' : 'entry';
  const held = positions.find((p) => p.symbol === input.symbol)?.qty ?? 0;
  const reduces = (input.side === 'sell' && held > 0) || (input.side === 'buy' && held < 0);
  return reduces && input.qty <= Math.abs(held) ? 'exit' : 'entry';
}

function expectedPrice(deps: ExecutionDeps, input: PlaceInput, positions: readonly BrokerPosition[]): number {
  const p =
    input.limitPrice ??
    input.stopPrice ??
    latestPrice(deps.store, input.symbol, deps.now())?.price ??
    positions.find((x) => x.symbol === input.symbol)?.currentPrice;
  if (p === undefined)
    throw new DataError(
      `no price known for ${input.symbol}: run ats collect --symbols ${input.symbol} --quotes, or give --limit`,
    );
  return p;
}

export async function placeOrder(deps: ExecutionDeps, input: PlaceInput): Promise<PlaceResult> {
  const { store, broker, now } = deps;
  await broker.assertTradable(input.symbol);
  const session = nyDate(now());
  const view = await accountView(deps, now());
  const intent = input.intent ?? intentOf(input, view.positions);
  const idFor = (i: string): string =>
    clientOrderIdFor({ runId: input.runId, session, symbol: input.symbol, side: input.side, intent: i });
  const clientOrderId = idFor(intent);
  // A re-run after the fill sees another position (an exit then looks like an entry): look under both ids.
  const existing =
    [clientOrderId, idFor(intent === 'entry' ? 'exit' : 'entry')]
      .map((id) => getOrder(store, id))
      .find((o) => o !== null && o.status !== 'refused') ?? getOrder(store, clientOrderId);
  if (existing && existing.status !== 'refused') {
    const [progress] = await refreshOpenOrders(store, deps.events, broker, [existing], now());
    if (progress || existing.status !== 'pending_submit') {
      deps.log.info(
        `${existing.clientOrderId} was already placed (${progress?.order.status ?? existing.status}); nothing sent`,
      );
      return { order: progress?.order ?? existing, alreadyPlaced: true };
    }
    deps.log.info(`${clientOrderId} was recorded but never reached ${broker.name}; submitting it now`);
  }

  // A multi-leg order's decision price is its net limit; a single order's is what the risk check prices it at.
  const price = input.orderClass === 'mleg' ? null : expectedPrice(deps, input, view.positions);
  const order: LedgerOrder = {
    clientOrderId,
    broker: broker.name,
    brokerOrderId: null,
    runId: input.runId,
    session,
    symbol: input.symbol,
    side: input.side,
    qty: input.qty,
    type: input.type,
    timeInForce: input.timeInForce,
    limitPrice: input.limitPrice,
    stopPrice: input.stopPrice,
    intent,
    source: input.source,
    status: 'pending_submit',
    filledQty: 0,
    filledAvgPrice: null,
    reason: null,
    createdAt: existing?.createdAt ?? now(),
    updatedAt: now(),
    decisionPrice: price ?? input.limitPrice,
  };
  const maxRisk = deps.limits?.maxRiskByStrategy ?? {};
  if (input.orderClass === 'mleg') {
    // Nothing recorded or sent before the options gate; for a multi-leg order it replaces the per-symbol check.
    if (intent === 'entry') enforceOptionGate(requireGate(input), view.account.equity, maxRisk);
    return submitAndRecord(deps, input, order);
  }
  if (price === null) throw new DataError(`no price for ${input.symbol}`);
  if (isOptionSymbol(input.symbol)) {
    const gate = singleLegGate(input, price, view.positions);
    if (gate) enforceOptionGate(gate, view.account.equity, maxRisk);
  }
  const check = checkOrder(
    {
      symbol: input.symbol,
      side: input.side,
      qty: input.qty,
      price,
      assetClass: assetClassOf(input.symbol),
      sector: sectorOf(store, input.symbol),
      intent,
      ...(input.strategy ? { strategy: input.strategy } : {}),
      ...optionDelta(store, input.symbol, now(), deps.optionsRate ?? 0),
    },
    view.snapshot,
    deps.limits,
  );
  if (!check.ok) {
    const refused = { ...order, status: 'refused' as const, reason: check.message }; // the message names its rule
    saveOrder(store, refused);
    deps.events.emit('orderRecorded', refused);
    throw new BrokerError(`order refused by the risk check: ${check.message}`);
  }

  return submitAndRecord(deps, input, order);
}

function requireGate(input: PlaceInput): OptionGateInput {
  if (!input.optionGate) throw new DataError(`multi-leg order on ${input.symbol} without its strategy and max loss`);
  return input.optionGate;
}

/** Record 'pending_submit', submit once, record the answer (a rejection as 'rejected'). */
async function submitAndRecord(deps: ExecutionDeps, input: PlaceInput, order: LedgerOrder): Promise<PlaceResult> {
  const { store, broker, now } = deps;
  const { clientOrderId } = order;
  saveOrder(store, order);
  let remote;
  try {
    remote = await submitOnce(broker, { clientOrderId, ...inputRequest(input) }, deps.submitPolicy);
  } catch (err) {
    if (err instanceof BrokerError) {
      const rejected = { ...order, status: 'rejected' as const, reason: err.message, updatedAt: now() };
      saveOrder(store, rejected);
      deps.events.emit('orderRecorded', rejected);
    }
    throw err;
  }
  // An immediate fill (market orders) shows on the next read of the order.
  const latest = (await broker.getOrderByClientId(clientOrderId).catch(() => null)) ?? remote;
  const legs = legProblem(latest, broker.name);
  if (legs !== null) deps.log.warn(legs);
  const { order: saved } = recordProgress(store, deps.events, order, latest, now());
  deps.events.emit('orderRecorded', saved);
  return { order: saved, alreadyPlaced: false };
}

const inputRequest = (i: PlaceInput) => ({
  symbol: i.symbol,
  side: i.side,
  qty: i.qty,
  type: i.type,
  timeInForce: i.timeInForce,
  limitPrice: i.limitPrice,
  stopPrice: i.stopPrice,
  // The exit legs travel with the entry to the broker; the ledger records them as the broker reports them.
  ...(i.trailPercent != null ? { trailPercent: i.trailPercent } : {}),
  ...(i.orderClass === 'mleg'
    ? { orderClass: i.orderClass, optionLegs: i.optionLegs ?? [] }
    : i.orderClass && i.orderClass !== 'simple'
      ? { orderClass: i.orderClass, takeProfit: i.takeProfit ?? null, stopLoss: i.stopLoss ?? null }
      : {}),
});
