/**
 * One evaluator pass over the options positions: the broker's option legs grouped into strategies
 * (portfolio/option-positions.ts), each checked against the option rules (option-rules.ts); a position that
 * crossed one is closed by one mleg order reversing its legs, placed through the execution layer (placeOrder: a
 * ledger order with its leg rows and fills; its run id names the rule and the position, so a re-run the same
 * session places nothing new).
 */
import { placeOrder } from '../execution/place-order.js';
import type { ExecutionDeps } from '../execution/place-order.js';
import { errorMessage } from '../errors.js';
import { loadOptionGroups } from '../portfolio/option-positions.js';
import type { OptionGroup } from '../portfolio/option-groups.js';
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
    const { clientOrderId: _unset, ...req } = closingOrder(group, '');
    try {
      const { order } = await placeOrder(deps, {
        ...req,
        runId: `evaluator:options:${decision.rule}:${group.key}`,
        source: 'evaluator',
        intent: 'exit',
      });
      const { clientOrderId, status } = order;
      const text = `evaluator closed ${group.strategy} ${group.key}: ${decision.reason}; order ${clientOrderId} ${status}`;
      log.info(text);
      opts.notify?.(text);
      out.push({ group, decision, action: 'close', clientOrderId, status });
    } catch (err) {
      log.error(`evaluator could not close ${group.key} (${decision.reason}): ${errorMessage(err)}`);
      out.push({ group, decision, action: 'error', error: errorMessage(err) });
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
