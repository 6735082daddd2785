import { describeRegime } from '../../features/regime.js';
import { runPlaybook } from '../../model/playbook.js';
import type { DailyStep } from '../steps.js';

/** Score the latest session with the active model: the ranked picks the orders step trades. */
export const playbookStep: DailyStep = {
  name: 'playbook',
  run: async (ctx) => {
    const r = await runPlaybook(ctx.store, {
      symbols: ctx.symbols,
      top: Math.max(ctx.symbols.length, ctx.options.top),
      threshold: ctx.options.threshold,
      allowShort: false,
      modelsDir: ctx.cfg.modelsDir,
      reportsDir: ctx.cfg.reportsDir,
      now: ctx.now(),
    });
    ctx.results.playbook = r;
    const longs = r.rows.filter((x) => x.side === 'long');
    const scored = `${r.rows.length} symbol(s) scored with ${r.modelId} for ${r.session}`;
    return `${scored}; ${longs.length} above ${ctx.options.threshold}; regime ${describeRegime(r.regime)}`;
  },
};
