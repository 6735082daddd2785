/** What several commands share: broker flags, the execution wiring, Slack announcements, order lines. */
import type { Command } from 'commander';
import type { ExecutionDeps } from '../lib/execution/place-order.js';
import { cents } from '../lib/report/format.js';
import type { LedgerOrder } from '../lib/store/orders.js';
import type { CommandContext } from './context.js';

export interface BrokerFlags {
  broker?: string;
  live?: boolean;
  yes?: boolean;
}

/** --broker / --live on a subcommand, and --yes on those that place orders. */
export function withBrokerOptions(cmd: Command, placesOrders = false): Command {
  cmd
    .option('--broker <name>', 'paper (local simulator, default) | alpaca (env ATS_BROKER)')
    .option('--live', 'alpaca: the live account (also needs ATS_TRADING_MODE=live)');
  return placesOrders ? cmd.option('--yes', 'do not ask before a live order') : cmd;
}

/** Store, broker and the rest of what the execution code needs; the broker modules load here, not at startup. */
export async function executionDeps(
  ctx: CommandContext,
  flags: BrokerFlags,
  placesOrders: boolean,
): Promise<ExecutionDeps> {
  const { openBroker, confirmOnTerminal } = await import('../lib/broker/open-broker.js');
  const store = await ctx.openStore();
  const broker = await openBroker(ctx.cfg, store, flags, {
    now: ctx.marketNow,
    interactive: process.stdin.isTTY === true,
    confirm: confirmOnTerminal,
    placesOrders,
  });
  const { riskLimitsOf } = await import('../lib/risk/limits-config.js');
  const { ExecutionEvents } = await import('../lib/execution/events.js');
  const { writeExecutionCsv } = await import('../lib/report/execution-csv.js');
  return {
    store,
    broker,
    limits: riskLimitsOf(ctx.cfg),
    optionsRate: ctx.cfg.optionsRate,
    // The CSV ledgers in the reports folder follow execution's events; execution itself never sees the folder.
    events: writeExecutionCsv(new ExecutionEvents(), ctx.cfg.reportsDir),
    log: ctx.log,
    // The paper simulator and the ledger work in market time: a fill belongs to the session being processed.
    now: ctx.marketNow,
    submitPolicy: {
      baseDelayMs: ctx.cfg.httpBackoffMs,
      maxAttempts: Math.max(2, Math.min(ctx.cfg.httpAttempts, 6)),
      onRetry: (m) => ctx.log.warn(m),
    },
  };
}

/** Post to SLACK_WEBHOOK_URL when set; never fails the command. */
export async function announce(ctx: CommandContext, text: string): Promise<void> {
  if (!ctx.cfg.slackWebhookUrl) return;
  const { notifySlack } = await import('../lib/pipeline/notify.js');
  await notifySlack(ctx.cfg.slackWebhookUrl, text, ctx.log, 3000);
}

export function describeOrder(o: LedgerOrder): string {
  const price = o.type === 'limit' ? ` ${cents(o.limitPrice)}` : o.type === 'stop' ? ` ${cents(o.stopPrice)}` : '';
  const fill = o.filledQty > 0 ? `, filled ${o.filledQty} @ ${cents(o.filledAvgPrice)}` : '';
  return `${o.side} ${o.qty} ${o.symbol} ${o.type}${price} (${o.intent}) on ${o.broker}: ${o.status}${fill} [${o.clientOrderId}]`;
}
