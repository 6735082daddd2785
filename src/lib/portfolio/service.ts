/**
 * The portfolio as commands see it: the ledger's fills (after asking the broker about open orders) made into
 * positions, valued at the store's latest prices (the broker's when the store has none), weighted by equity.
 */
import { sectorOf } from '../execution/account-snapshot.js';
import { placeOrder } from '../execution/place-order.js';
import type { ExecutionDeps, PlaceResult } from '../execution/place-order.js';
import { UsageError } from '../errors.js';
import { listFills } from '../store/fills.js';
import { latestPrices } from '../store/latest-price.js';
import { listOrders } from '../store/orders.js';
import { assetClassOf } from '../symbols.js';
import { refreshOpenOrders } from '../execution/ledger.js';
import { recordSettlements } from '../execution/settlement.js';
import { buildPositions, flatPosition } from '../positions.js';
import type { PositionState } from '../positions.js';
import { valuePositions } from './valuation.js';
import { isOptionSymbol } from '../contract-multiplier.js';
import type { BrokerPosition } from '../order-types.js';
import { loadOptionGroups } from './option-positions.js';
import type { PortfolioValuation } from './valuation.js';

/** Ask the broker about the ledger's open orders and any option settlement, so fills made since are counted. */
export async function refreshLedger(deps: ExecutionDeps): Promise<void> {
  await refreshOpenOrders(
    deps.store,
    deps.events,
    deps.broker,
    listOrders(deps.store, deps.broker.name, 'open'),
    deps.now(),
  );
  for (const line of await recordSettlements(deps)) deps.log.info(line);
}

export function ledgerPositions(deps: Pick<ExecutionDeps, 'store' | 'broker'>): Map<string, PositionState> {
  return buildPositions(listFills(deps.store, deps.broker.name));
}

/**
 * The ledger's positions valued, and the broker's option legs grouped into strategies (asked of the broker only
 * when it is the local paper book or the ledger holds an option: Alpaca is not asked once more for stocks alone).
 */
export async function loadPortfolio(
  deps: ExecutionDeps,
  opts: { optionsRate?: number } = {},
): Promise<PortfolioValuation> {
  await refreshLedger(deps);
  const positions = ledgerPositions(deps);
  const held = [...positions.values()].filter((p) => p.qty !== 0).map((p) => p.symbol);
  const prices = latestPrices(deps.store, held, deps.now());
  const missing = held.filter((s) => !prices.has(s));
  let atBroker: BrokerPosition[] | null = null;
  const brokerPositions = async (): Promise<BrokerPosition[]> => (atBroker ??= await deps.broker.getPositions());
  if (missing.length > 0) {
    for (const p of await brokerPositions()) if (missing.includes(p.symbol)) prices.set(p.symbol, p.currentPrice);
  }
  const account = await deps.broker.getAccount();
  const valuation = valuePositions(
    positions.values(),
    prices,
    (s) => ({ sector: sectorOf(deps.store, s), assetClass: assetClassOf(s) }),
    account.equity,
  );
  if (deps.broker.name !== 'paper' && !held.some(isOptionSymbol)) return valuation;
  const groups = loadOptionGroups(deps.store, await brokerPositions(), deps.now(), opts.optionsRate ?? 0.04);
  return groups.length === 0 ? valuation : { ...valuation, options: groups };
}

export interface CloseOptions {
  /** A limit order at this price; market when absent. */
  price?: number | undefined;
  source?: 'portfolio' | 'evaluator';
  runId?: string;
}

/** Close the whole position in `symbol` through the broker (an exit: allowed even past the daily loss stop). */
export async function closePosition(
  deps: ExecutionDeps,
  symbol: string,
  opts: CloseOptions = {},
): Promise<PlaceResult> {
  await refreshLedger(deps);
  const position = ledgerPositions(deps).get(symbol) ?? flatPosition(symbol);
  if (position.qty === 0) throw new UsageError(`cannot close ${symbol}: no position held`);
  if (opts.price !== undefined && !(opts.price > 0)) throw new UsageError(`close price must be > 0, got ${opts.price}`);
  const limit = opts.price ?? null;
  return placeOrder(deps, {
    symbol,
    side: position.qty > 0 ? 'sell' : 'buy',
    qty: Math.abs(position.qty),
    type: limit === null ? 'market' : 'limit',
    timeInForce: 'day',
    limitPrice: limit,
    stopPrice: null,
    runId: opts.runId ?? `close:${Math.abs(position.qty)}:${limit ?? 'market'}`,
    source: opts.source ?? 'portfolio',
    intent: 'exit',
  });
}
