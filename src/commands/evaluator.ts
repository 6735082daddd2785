import type { Command } from 'commander';
import { cents } from '../lib/report/format.js';
import { runCommand } from './run.js';
import type { CommandContext } from './context.js';
import { executionDeps, withBrokerOptions, type BrokerFlags } from './wiring.js';
import { EXIT_RULE_PARSERS, exitThresholds, positiveNumber, type ExitRuleFlags } from './options.js';
import type { EvaluatorResult } from '../lib/evaluator/run-pass.js';
import type { PriceStream } from '../lib/market/price-stream.js';

export interface EvaluatorFlags extends BrokerFlags, ExitRuleFlags {
  watch?: boolean;
  interval?: number;
  /** false with --no-stream. */
  stream?: boolean;
  realtime?: boolean;
  /** Also the option rules (settings optionTakeProfit, optionStopMultiple, optionCloseDte); alone: only them. */
  options?: boolean;
}

export function registerEvaluator(program: Command): void {
  withBrokerOptions(
    program
      .command('evaluator')
      .description('close positions that crossed their stop-loss, take-profit or trailing stop'),
    true,
  )
    .option(
      '--stop-loss <pct>',
      'close a position this far below its average cost: 5% or 0.05',
      EXIT_RULE_PARSERS.stopLoss,
    )
    .option(
      '--take-profit <pct>',
      'close a position this far above its average cost: 10% or 0.1',
      EXIT_RULE_PARSERS.takeProfit,
    )
    .option(
      '--trailing <pct>',
      'close a position this far below its highest price since entry: 3% or 0.03',
      EXIT_RULE_PARSERS.trailing,
    )
    .option(
      '--watch',
      'keep evaluating until Ctrl-C: on every streamed trade (with a Polygon key), else every --interval',
    )
    .option('--interval <seconds>', 'with --watch: seconds between timed passes', positiveNumber('--interval'), 15)
    .option('--no-stream', 'with --watch: poll the store every --interval instead of streaming prices')
    .option('--realtime', 'with --watch: the real-time feed (falls back to delayed when the plan lacks it)')
    .option(
      '--options',
      'also close grouped options positions by the option rules (settings optionTakeProfit, optionStopMultiple, ' +
        'optionCloseDte); without a stock rule, only them',
    )
    .action(async (_o, cmd: Command) => {
      await runCommand(cmd, async (ctx, opts) => {
        const result = await evaluatorCommand(ctx, opts);
        return { result, text: renderResults(result) };
      });
    });
}

export async function evaluatorCommand(ctx: CommandContext, flags: EvaluatorFlags): Promise<EvaluatorResult[]> {
  const noStockRule = flags.stopLoss === undefined && flags.takeProfit === undefined && flags.trailing === undefined;
  const thresholds = flags.options && noStockRule ? null : exitThresholds(flags);
  const { optionTakeProfit, optionStopMultiple, optionCloseDte, optionsRate } = ctx.cfg;
  const options = flags.options
    ? {
        rules: { takeProfit: optionTakeProfit, stopMultiple: optionStopMultiple, closeDte: optionCloseDte },
        rate: optionsRate,
      }
    : undefined;
  const deps = await executionDeps(ctx, flags, true);
  const { notifySlack } = await import('../lib/pipeline/notify.js');
  const pending: Array<Promise<unknown>> = [];
  // Never awaited in the loop: a slow webhook must not delay the next exit.
  const notify = (text: string): void => void pending.push(notifySlack(ctx.cfg.slackWebhookUrl, text, ctx.log, 3000));
  if (!flags.watch) {
    const { evaluateOnce } = await import('../lib/evaluator/run-pass.js');
    const results = thresholds === null ? [] : await evaluateOnce(deps, thresholds, { notify });
    const { evaluateOptionsOnce, optionResultRows } = await import('../lib/evaluator/option-pass.js');
    const closes = options ? await evaluateOptionsOnce(deps, options.rules, { rate: options.rate, notify }) : [];
    await Promise.allSettled(pending);
    return [...results, ...optionResultRows(closes)];
  }
  const seconds = flags.interval ?? 15;
  const { watchPositions } = await import('../lib/evaluator/watch.js');
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const closed: EvaluatorResult[] = [];
  const streaming = flags.stream !== false && ctx.cfg.polygonApiKey !== null;
  const prices = streaming ? await openPrices(ctx, flags, stop) : null;
  try {
    ctx.log.info(
      streaming
        ? `evaluator acting on every streamed trade (timed pass every ${seconds}s); Ctrl-C to stop`
        : `evaluator watching the store every ${seconds}s; Ctrl-C to stop`,
    );
    const r = await watchPositions(deps, thresholds, {
      options,
      intervalMs: seconds * 1000,
      signal: stop.signal,
      notify,
      onPass: (results) => closed.push(...results.filter((x) => x.action === 'close')),
      live: prices
        ? { feed: prices.feed, maxAgeMs: ctx.cfg.maxPriceAgeSeconds * 1000, follow: prices.follow }
        : undefined,
    });
    ctx.log.info(`evaluator stopped after ${r.passes} pass(es), ${r.closes} close(s)`);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await prices?.stop();
  }
  await Promise.allSettled(pending);
  return closed;
}

/** The evaluator's own Polygon stream; a fatal stream error (a rejected key) stops the watch and is thrown. */
async function openPrices(ctx: CommandContext, flags: EvaluatorFlags, stop: AbortController): Promise<PriceStream> {
  const { priceStreamFromConfig } = await import('../lib/market/price-stream.js');
  const prices = priceStreamFromConfig(ctx.cfg, ctx.log, [], flags.realtime === true);
  let failure: Error | null = null;
  prices.done.catch((err: unknown) => {
    failure = err instanceof Error ? err : new Error(String(err));
    stop.abort();
  });
  return {
    ...prices,
    stop: async () => {
      await prices.stop().catch(() => {});
      if (failure !== null) throw failure;
    },
  };
}

function renderResults(results: EvaluatorResult[]): string {
  if (results.length === 0) return 'no open positions';
  return results
    .map(
      (r) =>
        `${r.symbol.padEnd(8)} ${r.action.padEnd(5)} price ${cents(r.price)}  avg ${cents(r.avgCost)}  ` +
        `high ${cents(r.highWater)}${r.reason ? `  ${r.reason}` : ''}`,
    )
    .join('\n');
}
