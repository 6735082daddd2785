import { collectUniverse } from '../../collect/collect-symbols.js';
import { collectHeldContracts } from '../held-contracts.js';
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
    const line = `${added} new bar(s) for ${ctx.symbols.length} symbol(s), ${report.requests} request(s)`;
    const held = await collectHeldContracts(ctx.store, ctx.source, {
      asOf: ctx.asOf,
      now: ctx.now,
      log: ctx.log,
      scrub: ctx.scrub,
    });
    if (!held) return line;
    ctx.results.contracts = held;
    const bars = held.symbols.reduce((n, s) => n + s.newBars, 0);
    return `${line}; ${bars} new bar(s) for ${held.symbols.length} held option contract(s)`;
  },
};
