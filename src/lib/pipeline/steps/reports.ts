import { join } from 'node:path';
import { loadPortfolio } from '../../portfolio/service.js';
import { readPnlCsv, reportLinks } from '../../report/index-data.js';
import { writeIndex } from '../../report/index-html.js';
import { latestBacktestRun } from '../../store/backtests.js';
import { activeModel } from '../../store/models.js';
import { loadPlaybook } from '../../store/playbook.js';
import { recentRuns } from '../../store/run-log.js';
import type { DailyStep } from '../steps.js';

/** reports/index.html: links to the latest backtest, scoreboard, playbook and portfolio; PnL, positions, runs. */
export const reportsStep: DailyStep = {
  name: 'reports',
  run: async (ctx) => {
    const deps = await ctx.execution();
    const valuation = await loadPortfolio(deps);
    const model = activeModel(ctx.store);
    const path = join(ctx.cfg.reportsDir, 'index.html');
    writeIndex(path, {
      generatedAt: new Date(ctx.now()).toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
      session: ctx.asOf,
      pnl: readPnlCsv(ctx.cfg.reportsDir),
      positions: valuation.rows,
      runs: recentRuns(ctx.store, 10),
      playbook: model ? loadPlaybook(ctx.store, ctx.asOf, model.id) : [],
      links: reportLinks(ctx.cfg.reportsDir, latestBacktestRun(ctx.store)?.reportPath ?? null),
    });
    ctx.results.reports = { index: path };
    return path;
  },
};
