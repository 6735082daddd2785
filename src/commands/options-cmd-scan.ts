import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { DataError } from '../lib/errors.js';
import { MODEL_SOURCE } from '../lib/options/strategy.js';
import { scanOptions, type ScanResult } from '../lib/pipeline/options-scan.js';
import { writeStrategiesPage } from '../lib/pipeline/steps/options.js';
import { normalizeSymbol } from '../lib/symbols.js';
import { nyDate } from '../lib/time.js';
import type { CommandContext } from './context.js';

export interface ScanFlags {
  symbols?: string;
  equity?: number;
}

/** `ats options scan`: the ranked trades of the session being processed, and reports/strategies.html. */
export async function scanCommand(
  ctx: CommandContext,
  opts: Record<string, unknown>,
): Promise<{ result: ScanResult & { report: string }; text: string }> {
  const flags = opts as ScanFlags;
  if (!existsSync(ctx.cfg.db)) throw new DataError(`no store at ${ctx.cfg.db}: run ats collect first`);
  const symbols = flags.symbols
    ?.split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => normalizeSymbol(s));
  const scan = scanOptions(await ctx.openStore(), {
    asOf: nyDate(ctx.marketNow()),
    equity: flags.equity ?? ctx.cfg.paperCash,
    maxRisk: ctx.cfg.maxRisk,
    rate: ctx.cfg.optionsRate,
    ivRichRank: ctx.cfg.optionsIvRichRank,
    ...(symbols ? { symbols } : {}),
  });
  const report = join(ctx.cfg.reportsDir, 'strategies.html');
  writeStrategiesPage(report, scan, ctx.now());
  return { result: { ...scan, report }, text: renderScan(scan, report) };
}

function renderScan(s: ScanResult, report: string): string {
  const head =
    `options scan ${s.asOf}: tier ${s.tier}, equity ${s.equity.toFixed(2)}, risk per trade ` +
    `${s.riskDollars.toFixed(2)}; playbook ${s.playbookSession ?? 'none'}`;
  const model = s.trades.some((t) => t.analysis.source === MODEL_SOURCE) ? [MODEL_SOURCE] : [];
  const trades = s.trades.map((t, i) => {
    const a = t.analysis;
    const pop = `${(a.pop * 100).toFixed(1)}%${a.popStdErr === null ? '' : ` ± ${(a.popStdErr * 100).toFixed(2)}%`}`;
    return (
      `${String(i + 1).padStart(2)}. ${t.symbol.padEnd(6)} ${t.strategy} × ${a.positions} ${t.strikes.join('/')} ` +
      `exp ${t.expiry}  EV ${a.expectedValue.toFixed(2)}  POP ${pop}  max loss ${a.maxLoss?.toFixed(2) ?? '∞'}  ` +
      `IV rank ${t.ivRank.toFixed(0)} (${t.ivRankSource}); ${t.direction} (${t.directionSource})`
    );
  });
  const dropped = s.dropped.map((d) => `  dropped ${d.symbol}${d.strategy ? ` ${d.strategy}` : ''}: ${d.reason}`);
  return [head, ...model, ...(trades.length ? trades : ['no trade']), ...dropped, `report ${report}`].join('\n');
}
