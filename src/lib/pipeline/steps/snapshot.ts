import { takeSnapshot } from '../../portfolio/snapshot.js';
import type { DailyStep } from '../steps.js';

export const snapshotStep: DailyStep = {
  name: 'snapshot',
  run: async (ctx) => {
    const r = await takeSnapshot(await ctx.execution());
    ctx.results.snapshot = r;
    return r.added > 0 ? `${r.added} position(s) recorded for ${r.session}` : `nothing new to record for ${r.session}`;
  },
};
