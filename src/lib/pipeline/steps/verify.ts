import type { DailyStep } from '../steps.js';

export const verifyStep: DailyStep = {
  name: 'verify',
  run: async (ctx) => ctx.source.verify(),
};
