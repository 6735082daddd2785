import type { DailyStep } from '../steps.js';

/** One cheap authenticated call to the data source and, when this run trades through a remote broker, to it. */
export const verifyStep: DailyStep = {
  name: 'verify',
  run: async (ctx) => {
    const source = await ctx.source.verify();
    if (!ctx.options.trade) return source;
    const { broker } = await ctx.execution();
    if (broker.name === 'paper') return source;
    await broker.getAccount();
    return `${source}; ${broker.name} account reachable`;
  },
};
