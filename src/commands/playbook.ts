import type { Command } from 'commander';
import { DataError } from '../lib/errors.js';
import { renderTable } from '../lib/report/table.js';
import { describeRegime } from '../lib/features/regime.js';
import { fixed as noNegativeZero } from '../lib/report/format.js';
import { parseSymbolList } from '../lib/symbols.js';
import { positiveInt, probability } from './options.js';
import { runCommand } from './run.js';
import type { CommandContext } from './context.js';
import type { PlaybookResult } from '../lib/model/playbook.js';

export interface PlaybookCommandOptions {
  symbols?: string;
  model?: string;
  top: number;
  threshold: number;
  allowShort?: boolean;
}

export function registerPlaybook(program: Command): void {
  program
    .command('playbook')
    .description(
      "rank symbols by the model's probability for the latest session; saved to the store and playbook-<date>.csv in the reports folder",
    )
    .option('--symbols <list>', 'symbols to score (default: the symbols the model was trained on)')
    .option('--model <id>', 'registered model (default: the active one)')
    .option('--top <n>', 'keep the N highest probabilities', positiveInt('--top'), 20)
    .option(
      '--threshold <p>',
      'long when p >= this; short when p <= 1 - this (with --allow-short)',
      probability('--threshold', 0.5, 1),
      0.55,
    )
    .option('--allow-short', 'suggest short for low probabilities')
    .action(async (_opts, cmd: Command) => {
      await runCommand(cmd, async (ctx, opts) => {
        const result = await playbookCommand(ctx, opts as unknown as PlaybookCommandOptions);
        return { result, text: renderPlaybook(result) };
      });
    });
}

export async function playbookCommand(ctx: CommandContext, o: PlaybookCommandOptions): Promise<PlaybookResult> {
  const { runPlaybook, checkThreshold } = await import('../lib/model/playbook.js');
  const { resolveModel } = await import('../lib/store/models.js');
  checkThreshold(o.threshold);
  let symbols = o.symbols !== undefined ? parseSymbolList(o.symbols) : [];
  const store = await ctx.openStore();
  if (o.symbols === undefined) {
    symbols = resolveModel(store, o.model).symbols;
    if (symbols.length === 0) throw new DataError('this model records no training symbols: pass --symbols');
  }
  const result = await runPlaybook(store, {
    symbols,
    modelId: o.model,
    top: o.top,
    threshold: o.threshold,
    allowShort: !!o.allowShort,
    modelsDir: ctx.cfg.modelsDir,
    reportsDir: ctx.cfg.reportsDir,
    now: ctx.now(),
  });
  for (const s of result.skipped) ctx.log.warn(`${s.symbol} skipped: ${s.reason}`);
  return result;
}

const fixed = (v: number, digits: number): string => (Number.isFinite(v) ? noNegativeZero(v, digits) : '-');

export function renderPlaybook(r: PlaybookResult): string {
  const table = renderTable(
    ['rank', 'symbol', 'probability', 'side', 'momentum 20d', 'RSI 14', 'ATR %', 'close'],
    r.rows.map((x) => [
      String(x.rank),
      x.symbol,
      fixed(x.probability, 3),
      x.side,
      `${fixed(x.momentum * 100, 2)} %`,
      fixed(x.rsi, 1),
      `${fixed(x.atrPct * 100, 2)} %`,
      fixed(x.close, 2),
    ]),
  );
  return [
    `playbook for ${r.session} (model ${r.modelId}); market regime: ${describeRegime(r.regime)}`,
    table,
    '',
    `saved ${r.csvPath}`,
  ].join('\n');
}
