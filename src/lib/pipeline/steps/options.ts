import { join } from 'node:path';
import { writeStrategies } from '../../report/strategies-html.js';
import { scanOptions, type ScanResult } from '../options-scan.js';
import type { DailyStep } from '../steps.js';

/** With optionsEnabled: the options scan of the as-of session and reports/strategies.html. No orders this round. */
export const optionsStep: DailyStep = {
  name: 'options',
  run: (ctx) => {
    if (!ctx.cfg.optionsEnabled) return 'off (ATS_OPTIONS=1 turns it on)';
    const scan = scanOptions(ctx.store, {
      asOf: ctx.asOf,
      equity: ctx.cfg.paperCash,
      maxRisk: ctx.cfg.maxRisk,
      rate: ctx.cfg.optionsRate,
      ivRichRank: ctx.cfg.optionsIvRichRank,
    });
    const path = join(ctx.cfg.reportsDir, 'strategies.html');
    writeStrategiesPage(path, scan, ctx.now());
    ctx.results.options = { trades: scan.trades.length, path };
    const top = scan.trades[0];
    const best = top
      ? `; top ${top.symbol} ${top.strategy} × ${top.analysis.positions} EV ${top.analysis.expectedValue.toFixed(2)}`
      : '';
    return `${scan.trades.length} trade(s), ${scan.dropped.length} dropped${best}; ${path} (no orders placed)`;
  },
};

export function writeStrategiesPage(path: string, scan: ScanResult, nowMs: number): void {
  writeStrategies(path, {
    generatedAt: new Date(nowMs).toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    asOf: scan.asOf,
    tier: scan.tier,
    equity: scan.equity,
    cards: scan.trades,
    dropped: scan.dropped,
  });
}
