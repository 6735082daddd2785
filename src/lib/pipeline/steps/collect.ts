import { collectUniverse } from '../../collect/collect-symbols.js';
import type { DailyStep } from '../steps.js';

export const collectStep: DailyStep = {
  name: 'collect',
  run: async (ctx) => {
    const report = await collectUniverse(ctx.store, ctx.source, ctx.symbols, {
      days: ctx.options.days,
      asOf: ctx.asOf,
      now: ctx.now,
      log: ctx.log,
      scrub: ctx.scrub,
    });
    ctx.results.collect = report;
    const added = report.symbols.reduce((n, s) => n + s.newBars, 0);
    return `${added} new bar(s) for ${ctx.symbols.length} symbol(s), ${report.requests} request(s)`;
  },
};
