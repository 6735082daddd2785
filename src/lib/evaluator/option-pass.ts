/**
 * One evaluator pass over the options positions: the broker's option legs grouped into strategies
 * (portfolio/option-positions.ts), each checked against the option rules (option-rules.ts); a position that
 * crossed one is closed by one mleg order reversing its legs, sent once (deterministic client order id per
 * position, rule and session) through the execution layer's submit policy and the Broker interface.
 */
import { clientOrderIdFor } from '../execution/client-order-id.js';
import type { ExecutionDeps } from '../execution/place-order.js';
import { submitOnce } from '../execution/submit.js';
import { errorMessage } from '../errors.js';
import { loadOptionGroups } from '../portfolio/option-positions.js';
import type { OptionGroup } from '../portfolio/option-groups.js';
import { nyDate } from '../time.js';
import { closingOrder, evaluateOptionGroup } from './option-rules.js';
import type { EvaluatorResult } from './run-pass.js';
import type { OptionDecision, OptionRules } from './option-rules.js';

export interface OptionEvaluatorResult {
  group: OptionGroup;
  decision: OptionDecision;
  action: 'hold' | 'close' | 'error';
  clientOrderId?: string;
  status?: string;
  error?: string;
}

export async function evaluateOptionsOnce(
  deps: ExecutionDeps,
  rules: OptionRules,
  opts: { rate: number; notify?: (text: string) => void },
): Promise<OptionEvaluatorResult[]> {
  const { store, broker, log, now } = deps;
  const groups = loadOptionGroups(store, await broker.getPositions(), now(), opts.rate);
  const out: OptionEvaluatorResult[] = [];
  for (const group of groups) {
    const decision = evaluateOptionGroup(group, rules);
    if (decision.action === 'hold') {
      out.push({ group, decision, action: 'hold' });
      continue;
    }
    const req = closingOrder(group, '');
    const clientOrderId = clientOrderIdFor({
      runId: `evaluator:options:${decision.rule}`,
      session: nyDate(now()),
      symbol: group.key,
      side: req.side,
      intent: 'exit',
    });
    try {
      const order = await submitOnce(broker, { ...req, clientOrderId }, deps.submitPolicy);
      const text = `evaluator closed ${group.strategy} ${group.key}: ${decision.reason}; order ${clientOrderId} ${order.status}`;
      log.info(text);
      opts.notify?.(text);
      out.push({ group, decision, action: 'close', clientOrderId, status: order.status });
    } catch (err) {
      log.error(`evaluator could not close ${group.key} (${decision.reason}): ${errorMessage(err)}`);
      out.push({ group, decision, action: 'error', clientOrderId, error: errorMessage(err) });
    }
  }
  return out;
}

/**
 * The option results as evaluator rows: symbol the position's key, qty its units, avgCost and price its entry and
 * current net value per share of one unit (signed: negative for a net short, e.g. a credit condor).
 */
export function optionResultRows(results: readonly OptionEvaluatorResult[]): EvaluatorResult[] {
  return results.map(({ group: g, decision, action, clientOrderId, error }) => ({
    symbol: `${g.strategy} ${g.key}`,
    qty: g.units,
    avgCost: -g.premium / (g.units * 100),
    price: g.marketValue / (g.units * 100),
    highWater: null,
    action,
    reason: error === undefined ? decision.reason : `${decision.reason}; close failed: ${error}`,
    ...(clientOrderId === undefined ? {} : { clientOrderId }),
  }));
}
