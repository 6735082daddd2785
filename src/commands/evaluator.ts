import type { Command } from 'commander';
import { UsageError } from '../lib/errors.js';
import { runCommand } from './run.js';
import type { CommandContext } from './context.js';
import { executionDeps, withBrokerOptions } from './broker.js';
import type { BrokerFlags } from './broker.js';
import type { Thresholds } from '../lib/evaluator/evaluate.js';
import type { EvaluatorResult } from '../lib/evaluator/run-pass.js';

export interface EvaluatorFlags extends BrokerFlags {
  stopLoss?: string;
  takeProfit?: string;
  trailing?: string;
  watch?: boolean;
  interval?: string;
}

export function registerEvaluator(program: Command): void {
  withBrokerOptions(
    program
      .command('evaluator')
      .description('close positions that crossed their stop-loss, take-profit or trailing stop'),
  )
    .option('--stop-loss <pct>', 'close a position this far below its average cost, e.g. 5%')
    .option('--take-profit <pct>', 'close a position this far above its average cost, e.g. 10%')
    .option('--trailing <pct>', 'close a position this far below its highest price since entry, e.g. 3%')
    .option('--watch', 'keep evaluating as prices arrive in the store, until Ctrl-C')
    .option('--interval <seconds>', 'with --watch: seconds between passes', '15')
    .action(async (_o, cmd: Command) => {
      await runCommand(cmd, async (ctx, opts) => {
        const result = await evaluatorCommand(ctx, opts);
        return { result, text: renderResults(result) };
      });
    });
}

export async function parseThresholds(flags: EvaluatorFlags): Promise<Thresholds> {
  const { parsePercent } = await import('../lib/evaluator/evaluate.js');
  const one = (raw: string | undefined, flag: string): number | null => {
    if (raw === undefined) return null;
    const v = parsePercent(raw);
    if (v === null) throw new UsageError(`${flag} must be a percentage in (0, 100], e.g. 5%, got "${raw}"`);
    return v;
  };
  const t = {
    stopLoss: one(flags.stopLoss, '--stop-loss'),
    takeProfit: one(flags.takeProfit, '--take-profit'),
    trailing: one(flags.trailing, '--trailing'),
  };
  if (t.stopLoss === null && t.takeProfit === null && t.trailing === null) {
    throw new UsageError('give at least one of --stop-loss, --take-profit, --trailing');
  }
  return t;
}

export async function evaluatorCommand(ctx: CommandContext, flags: EvaluatorFlags): Promise<EvaluatorResult[]> {
  const thresholds = await parseThresholds(flags);
  const deps = await executionDeps(ctx, flags, true);
  const { notifySlack } = await import('../lib/pipeline/notify.js');
  const pending: Array<Promise<unknown>> = [];
  // Never awaited in the loop: a slow webhook must not delay the next exit.
  const notify = (text: string): void => void pending.push(notifySlack(ctx.cfg.slackWebhookUrl, text, ctx.log, 3000));
  if (!flags.watch) {
    const { evaluateOnce } = await import('../lib/evaluator/run-pass.js');
    const results = await evaluateOnce(deps, thresholds, { notify });
    await Promise.allSettled(pending);
    return results;
  }
  const seconds = Number(flags.interval ?? 15);
  if (!(seconds > 0)) throw new UsageError(`--interval must be seconds > 0, got "${flags.interval}"`);
  const { watchPositions } = await import('../lib/evaluator/watch.js');
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const closed: EvaluatorResult[] = [];
  try {
    ctx.log.info(`evaluator watching every ${seconds}s; Ctrl-C to stop`);
    const r = await watchPositions(deps, thresholds, {
      intervalMs: seconds * 1000,
      signal: stop.signal,
      notify,
      onPass: (results) => closed.push(...results.filter((x) => x.action === 'close')),
    });
    ctx.log.info(`evaluator stopped after ${r.passes} pass(es), ${r.closes} close(s)`);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  await Promise.allSettled(pending);
  return closed;
}

function renderResults(results: EvaluatorResult[]): string {
  if (results.length === 0) return 'no open positions';
  return results
    .map(
      (r) =>
        `${r.symbol.padEnd(8)} ${r.action.padEnd(5)} price ${r.price ?? '-'}  avg ${r.avgCost.toFixed(2)}  ` +
        `high ${r.highWater ?? '-'}${r.reason ? `  ${r.reason}` : ''}`,
    )
    .join('\n');
}
