/**
 * One evaluator pass: every open position against its thresholds at the latest price; what crossed is closed
 * through the broker (an exit order, after its protective orders there are canceled so none is left orphaned),
 * with the rule and the numbers logged and posted to Slack when configured. The high-water mark (best price since
 * entry) is kept per position in the store for the trailing stop, and with a trailing rule the broker-side stop
 * follows it (replaced in place, never lowered; placed when there is none). Option legs are left to option-pass.ts.
 */
import type { ExecutionDeps } from '../execution/place-order.js';
import { isOptionSymbol } from '../contract-multiplier.js';
import { errorMessage } from '../errors.js';
import { closePosition, ledgerPositions, refreshLedger } from '../portfolio/service.js';
import { clearHighWater, raiseHighWater } from '../store/execution-marks.js';
import { latestPrice } from '../store/latest-price.js';
import { cancelProtective } from '../execution/protection-repair.js';
import { checkProtection, type ProtectionCheck } from '../execution/protection.js';
import { trailBrokerStop } from '../execution/trail-stop.js';
import { evaluatePosition } from './evaluate.js';
import type { Thresholds } from './evaluate.js';

export interface EvaluatorResult {
  symbol: string;
  qty: number;
  avgCost: number;
  price: number | null;
  highWater: number | null;
  action: 'hold' | 'close' | 'skip' | 'error';
  reason: string;
  clientOrderId?: string;
  /** The broker-side stop moved (or placed) by the trailing rule. */
  stopMove?: string;
}

export interface PassOptions {
  /** Exit notices (Slack); must not throw and should not wait long. */
  notify?: (text: string) => void;
  /** Price source; default the store's latest price. */
  priceOf?: (symbol: string) => number | null;
}

export async function evaluateOnce(
  deps: ExecutionDeps,
  thresholds: Thresholds,
  opts: PassOptions = {},
): Promise<EvaluatorResult[]> {
  const { store, broker, log, now } = deps;
  await refreshLedger(deps);
  const priceOf = opts.priceOf ?? ((s: string) => latestPrice(store, s, now())?.price ?? null);
  const out: EvaluatorResult[] = [];
  const atBroker = async (): Promise<ProtectionCheck> =>
    checkProtection(await broker.getPositions(), await broker.listOrders('open'));
  let protection: ProtectionCheck | null = null;
  for (const p of ledgerPositions(deps).values()) {
    // Option legs are closed as their whole strategy by the option rules (option-pass.ts).
    if (isOptionSymbol(p.symbol)) continue;
    if (p.qty === 0) {
      clearHighWater(store, broker.name, p.symbol);
      continue;
    }
    const base = { symbol: p.symbol, qty: p.qty, avgCost: p.avgCost };
    const price = priceOf(p.symbol);
    if (price === null) {
      out.push({ ...base, price: null, highWater: null, action: 'skip', reason: 'no price known' });
      continue;
    }
    const highWater = raiseHighWater(store, broker.name, p.symbol, price, now(), p.qty > 0 ? 'long' : 'short');
    const decision = evaluatePosition(p, price, highWater, thresholds);
    if (decision.action === 'hold') {
      const held: EvaluatorResult = { ...base, price, highWater, action: 'hold', reason: '' };
      if (thresholds.trailing !== null) {
        try {
          protection ??= await atBroker();
          const at = protection.positions.find((x) => x.symbol === p.symbol);
          const move =
            at && Math.sign(at.qty) === Math.sign(p.qty)
              ? await trailBrokerStop(deps, { ...at, highWater, price, trailing: thresholds.trailing })
              : null;
          if (move) {
            log.info(`evaluator: ${move}`);
            held.stopMove = move;
          }
        } catch (err) {
          log.error(`evaluator could not move the ${p.symbol} stop at ${broker.name}: ${errorMessage(err)}`);
        }
      }
      out.push(held);
      continue;
    }
    try {
      protection ??= await atBroker();
      const at = protection.positions.find((x) => x.symbol === p.symbol);
      // One-cancels-other siblings may already be gone with the first: a failed cancel does not stop the close.
      for (const o of [...(at?.stops ?? []), ...(at?.takeProfits ?? [])])
        await cancelProtective(deps, o, `${p.symbol} is being closed`).then(
          (line) => log.info(`evaluator: ${line}`),
          (err: unknown) => log.warn(`evaluator: canceling ${o.clientOrderId} failed: ${errorMessage(err)}`),
        );
      const placed = await closePosition(deps, p.symbol, { source: 'evaluator', runId: `evaluator:${decision.rule}` });
      const text =
        `evaluator closed ${p.symbol} (${p.qty} @ avg ${p.avgCost.toFixed(2)}): ${decision.reason}; ` +
        `order ${placed.order.clientOrderId} ${placed.order.status}`;
      log.info(text);
      opts.notify?.(text);
      out.push({
        ...base,
        price,
        highWater,
        action: 'close',
        reason: decision.reason,
        clientOrderId: placed.order.clientOrderId,
      });
    } catch (err) {
      log.error(`evaluator could not close ${p.symbol} (${decision.reason}): ${errorMessage(err)}`);
      out.push({
        ...base,
        price,
        highWater,
        action: 'error',
        reason: `${decision.reason}; close failed: ${errorMessage(err)}`,
      });
    }
  }
  return out;
}
