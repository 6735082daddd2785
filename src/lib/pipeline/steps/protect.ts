import { reconcileProtection } from '../../execution/protection-repair.js';
import type { DailyStep } from '../steps.js';

/**
 * Before any new order: every open position's protective orders at the broker (missing, duplicated, orphaned),
 * repaired when trading (--trade), only reported otherwise.
 */
export const protectStep: DailyStep = {
  name: 'protect',
  run: async (ctx) => {
    const deps = await ctx.execution();
    const repair = ctx.options.trade;
    const r = await reconcileProtection(deps, { repair, fallbackStopPct: ctx.cfg.protectStopPct });
    ctx.results.protect = r;
    for (const f of r.findings) ctx.log.warn(`protection ${f.kind}: ${f.message}`);
    for (const line of r.repairs) ctx.log.info(`protection repaired: ${line}`);
    for (const line of r.failures) ctx.log.error(`protection repair failed: ${line}`);
    const count = (k: string): number => r.findings.filter((f) => f.kind === k).length;
    const found =
      r.findings.length === 0
        ? 'all protected'
        : `${count('missing')} missing, ${count('duplicated')} duplicated, ${count('orphaned')} orphaned`;
    const done = repair
      ? `; ${r.repairs.length} repair(s)${r.failures.length ? `, ${r.failures.length} failed` : ''}`
      : r.findings.length > 0
        ? ' (not repaired without --trade)'
        : '';
    return `${r.positions.length} position(s): ${found}${done}`;
  },
};
