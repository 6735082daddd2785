import { evaluateOnce } from '../../evaluator/run-pass.js';
import type { DailyStep } from '../steps.js';

/** One evaluator pass: close what crossed its stop-loss, take-profit or trailing stop. */
export const evaluatorStep: DailyStep = {
  name: 'evaluator',
  run: async (ctx) => {
    const deps = await ctx.execution();
    const { stopLoss, takeProfit, trailing } = ctx.options;
    const results = await evaluateOnce(deps, { stopLoss, takeProfit, trailing });
    ctx.results.evaluator = results;
    const closed = results.filter((r) => r.action === 'close');
    for (const c of closed)
      if (c.clientOrderId) ctx.orders.push({ clientOrderId: c.clientOrderId, symbol: c.symbol, reason: c.reason });
    if (results.length === 0) return 'no open position';
    const which = closed.map((c) => `${c.symbol} (${c.reason})`).join(', ');
    return `${results.length} position(s) checked, ${closed.length} closed${closed.length ? `: ${which}` : ''}`;
  },
};
