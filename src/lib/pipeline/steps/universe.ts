import { rankUniverse } from '../universe.js';
import type { DailyStep } from '../steps.js';

/** With --universe top:N, keep the N best-ranked candidates for the rest of the chain. */
export const universeStep: DailyStep = {
  name: 'universe',
  rerunOnResume: true,
  run: (ctx) => {
    const top = ctx.options.universeTop;
    if (top === null) return `fixed: ${ctx.symbols.length} symbol(s) from --symbols`;
    const ranked = rankUniverse(ctx.store, ctx.symbols, ctx.asOf, ctx.options.universeWeights);
    const kept = ranked.slice(0, top);
    ctx.results.universe = ranked;
    const before = ctx.symbols.length;
    ctx.symbols.splice(0, ctx.symbols.length, ...kept.map((u) => u.symbol));
    return `top ${kept.length} of ${before} candidate(s) by relative volume, ATR % and momentum: ${kept
      .slice(0, 8)
      .map((u) => u.symbol)
      .join(', ')}${kept.length > 8 ? ' …' : ''}`;
  },
};
