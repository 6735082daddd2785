import type { Command } from 'commander';
import { ExitCode, UsageError } from '../lib/errors.js';
import { parsePrice } from '../lib/parse-number.js';
import { runCommand } from './run.js';
import { announce, describeOrder, executionDeps, withBrokerOptions, type BrokerFlags } from './wiring.js';
import type { CommandContext } from './context.js';
import type { PlaceResult } from '../lib/execution/place-order.js';
import type { RawOrderInput } from '../lib/broker/order-input.js';
import type { LedgerOrder } from '../lib/store/orders.js';
import type { SyncReport } from '../lib/execution/sync.js';
import type { ProtectionReport } from '../lib/execution/protection-repair.js';
import type { BrokerAccount, BrokerPosition } from '../lib/broker/types.js';

export function registerBroker(program: Command): void {
  const broker = program
    .command('broker')
    .description('place, list and cancel orders; account; sync the store with the broker');
  for (const side of ['buy', 'sell'] as const) {
    withBrokerOptions(
      broker
        .command(side)
        .alias(side.toUpperCase())
        .description(`${side} SYMBOL QTY [LIMIT]: a market order, or a limit order when LIMIT (or --limit) is given`)
        .argument('<symbol>', 'e.g. AAPL, or an OCC option: AAPL240119C00190000 (with or without O:)')
        .argument('<qty>', 'whole shares (contracts for an option) > 0')
        .argument('[limit]', 'limit price (short for --type limit --limit P)')
        .option('--type <type>', 'market | limit | stop | stop_limit | trailing_stop')
        .option('--limit <price>', 'limit price')
        .option('--stop <price>', 'stop price')
        .option('--trail <pct>', 'trailing_stop: trail the best price since placed by this much: 3% or 0.03')
        .option('--stop-loss <pct>', 'attach a stop-loss leg this far from the entry price: 5% or 0.05')
        .option('--take-profit <pct>', 'attach a take-profit leg this far from the entry price: 10% or 0.1')
        .option('--trailing <pct>', 'attach a trailing-stop leg (instead of --stop-loss): 3% or 0.03')
        .option('--tif <tif>', 'day | gtc', 'day')
        .option(
          '--run-id <id>',
          'part of the client order id: the same order with the same run id is placed once per session',
        )
        .option(
          '--strategy <name>',
          'tag the order with a strategy, for its MAX_RISK limit (e.g. MAX_RISK=call=100,condor=50)',
        ),
      true,
    ).action(async (symbol: string, qty: string, limit: string | undefined, _o, cmd: Command) => {
      await runCommand(cmd, async (ctx, opts) => {
        const flags = opts as OrderFlags;
        if (
          limit !== undefined &&
          flags.limit !== undefined &&
          parsePrice(limit, 'LIMIT') !== parsePrice(flags.limit, '--limit')
        ) {
          throw new UsageError(`two limit prices given: ${limit} and --limit ${flags.limit}`);
        }
        const result = await orderCommand(ctx, { ...flags, symbol, side, qty, limit: flags.limit ?? limit });
        return { result, text: `${result.alreadyPlaced ? 'already placed: ' : ''}${describeOrder(result.order)}` };
      });
    });
  }
  withBrokerOptions(
    broker
      .command('strategy')
      .description(
        'place a named option strategy as one order (legs as OCC contracts; multi-leg: one mleg order), ' +
          'at the net mid ± optionLimitOffset; gated by MAX_RISK and the account tier',
      )
      .argument('<name>', 'bull_call_spread, bear_put_spread, bull_put_spread, bear_call_spread, iron_condor, ...')
      .requiredOption('--symbol <sym>', 'the underlying, e.g. AAPL')
      .requiredOption('--expiry <date>', 'YYYY-MM-DD')
      .requiredOption('--strikes <list>', 'ascending strikes, K1[,K2[,K3,K4]]')
      .option('--qty <n>', 'strategy units (contracts per leg × ratio)', '1')
      .option('--limit-offset <dollars>', 'dollars per share added to the net mid (default: optionLimitOffset)')
      .option('--market', 'a market order (never sent without this flag)')
      .option('--close', 'close the position: every leg reversed, *_to_close')
      .option('--run-id <id>', 'part of the client order id'),
    true,
  ).action(async (name: string, _o, cmd: Command) => {
    await runCommand(cmd, async (ctx, opts) => {
      const { strategyOrderCommand } = await import('./broker-strategy.js');
      return strategyOrderCommand(ctx, name, opts);
    });
  });
  withBrokerOptions(
    broker.command('orders').description('orders in the store (after asking the broker about open ones)'),
  )
    .option('--status <status>', 'open | closed | all', 'all')
    .action(async (_o, cmd: Command) => {
      await runCommand(cmd, async (ctx, opts) => {
        const result = await ordersCommand(ctx, opts);
        return { result, text: await renderOrders(result) };
      });
    });
  withBrokerOptions(
    broker.command('cancel').description('cancel an open order (client order id or broker order id)').argument('<id>'),
  ).action(async (id: string, _o, cmd: Command) => {
    await runCommand(cmd, async (ctx, opts) => {
      const result = await cancelCommand(ctx, id, opts);
      return { result, text: `canceled: ${describeOrder(result)}` };
    });
  });
  withBrokerOptions(
    broker.command('account').description('equity, cash, buying power and positions at the broker'),
  ).action(async (_o, cmd: Command) => {
    await runCommand(cmd, async (ctx, opts) => {
      const result = await accountCommand(ctx, opts);
      const a = result.account;
      const lines = [
        `${result.broker}: equity ${a.equity.toFixed(2)}, cash ${a.cash.toFixed(2)}, ` +
          `buying power ${a.buyingPower.toFixed(2)}, start of day ${result.startOfDayEquity.toFixed(2)}`,
      ];
      for (const p of result.positions)
        lines.push(
          `  ${p.symbol.padEnd(8)} ${String(p.qty).padStart(8)} @ ${p.avgEntryPrice.toFixed(2)}  value ${p.marketValue.toFixed(2)}`,
        );
      return { result, text: lines.join('\n') };
    });
  });
  withBrokerOptions(
    broker
      .command('sync')
      .description(
        "pull the broker's orders, fills and positions into the store; check every position's protective " +
          'orders; exit 9 when they differ or a protection problem is left',
      ),
    true,
  )
    .option('--repair', 'fix protection: place missing stops, cancel duplicated and orphaned protective orders')
    .action(async (_o, cmd: Command) => {
      await runCommand(cmd, async (ctx, opts) => {
        const result = await syncCommand(ctx, opts);
        const p = result.protection;
        const lines = [
          `${result.broker}: ${result.ordersSeen} order(s) at the broker, ${result.updates.length} update(s), ` +
            `${result.differences.length} difference(s)`,
          `protection: ${p.positions.length} position(s), ${protectionSummary(p)}`,
        ];
        lines.push(
          ...result.updates.map((u) => `  update: ${u}`),
          ...result.differences.map((d) => `  DIFFERENCE: ${d}`),
          ...p.findings.map((f) => `  ${f.kind.toUpperCase()}: ${f.message}`),
          ...p.repairs.map((r) => `  repaired: ${r}`),
          ...p.failures.map((r) => `  REPAIR FAILED: ${r}`),
        );
        const unrepaired = p.findings.length > 0 && (!opts.repair || p.failures.length > 0);
        const exitCode = result.differences.length > 0 || unrepaired ? ExitCode.diverged : 0;
        return { result, text: lines.join('\n'), exitCode };
      });
    });
}

export interface OrderFlags extends BrokerFlags {
  type?: string;
  limit?: string;
  stop?: string;
  trail?: string;
  stopLoss?: string;
  takeProfit?: string;
  trailing?: string;
  tif?: string;
  runId?: string;
  strategy?: string;
}

export async function orderCommand(
  ctx: CommandContext,
  raw: RawOrderInput & OrderFlags & { limit?: string | undefined },
): Promise<PlaceResult> {
  const { parseOrderInput, exitLegsFromPercents } = await import('../lib/broker/order-input.js');
  const input = parseOrderInput(raw);
  const deps = await executionDeps(ctx, raw, true);
  let exits = null;
  if (raw.stopLoss !== undefined || raw.takeProfit !== undefined || raw.trailing !== undefined) {
    // Percentages of the entry price estimate: the limit, else the last price known at the as-of clock.
    const { latestPrice } = await import('../lib/store/latest-price.js');
    const estimate = input.limitPrice ?? latestPrice(deps.store, input.symbol, ctx.marketNow())?.price;
    if (estimate === undefined)
      throw new UsageError(
        `no price known for ${input.symbol} to set its exits from (run: ats collect --symbols ${input.symbol})`,
      );
    exits = exitLegsFromPercents(input.side, estimate, raw);
  }
  const { placeOrder } = await import('../lib/execution/place-order.js');
  // Without --run-id, the order's own terms name the run: re-running the same command the same day places nothing new.
  const legTerms = exits ? `:${raw.stopLoss ?? ''}:${raw.takeProfit ?? ''}:${raw.trailing ?? ''}` : '';
  const runId =
    raw.runId ??
    `cli:${input.qty}:${input.type}:${input.limitPrice ?? ''}:${input.stopPrice ?? ''}:${input.timeInForce}${legTerms}`;
  const result = await placeOrder(deps, {
    ...input,
    ...(exits ?? {}),
    runId,
    source: 'cli',
    ...(raw.strategy ? { strategy: raw.strategy } : {}),
  });
  if (!result.alreadyPlaced) await announce(ctx, `ats order: ${describeOrder(result.order)}`);
  return result;
}

export async function ordersCommand(
  ctx: CommandContext,
  flags: BrokerFlags & { status?: string },
): Promise<LedgerOrder[]> {
  const status = flags.status ?? 'all';
  if (status !== 'open' && status !== 'closed' && status !== 'all')
    throw new UsageError(`--status must be open, closed or all, got "${status}"`);
  const deps = await executionDeps(ctx, flags, false);
  const { refreshLedger } = await import('../lib/portfolio/service.js');
  const { listOrders } = await import('../lib/store/orders.js');
  await refreshLedger(deps);
  return listOrders(deps.store, deps.broker.name, status);
}

/** Entries in their order, each followed by its exit legs (indented). */
function withLegsBelow(orders: LedgerOrder[]): Array<LedgerOrder & { leg: boolean }> {
  const ids = new Set(orders.map((o) => o.clientOrderId));
  const out: Array<LedgerOrder & { leg: boolean }> = [];
  for (const o of orders) {
    if (o.parentId && ids.has(o.parentId)) continue;
    out.push({ ...o, leg: Boolean(o.parentId) });
    for (const leg of orders) if (leg.parentId === o.clientOrderId) out.push({ ...leg, leg: true });
  }
  return out;
}

async function renderOrders(orders: LedgerOrder[]): Promise<string> {
  if (orders.length === 0) return 'no orders';
  const { renderTable } = await import('../lib/report/table.js');
  return renderTable(
    ['session', 'client_order_id', 'symbol', 'side', 'qty', 'type', 'price', 'status', 'filled', 'avg', 'reason'],
    withLegsBelow(orders).map((o) => [
      o.session,
      o.leg ? `  └ ${o.clientOrderId}` : o.clientOrderId,
      o.symbol,
      o.side,
      o.qty,
      o.type,
      o.trailPercent != null ? `trail ${o.trailPercent}%` : (o.limitPrice ?? o.stopPrice),
      o.status,
      o.filledQty,
      o.filledAvgPrice,
      o.reason,
    ]),
  );
}

export async function cancelCommand(ctx: CommandContext, id: string, flags: BrokerFlags): Promise<LedgerOrder> {
  const deps = await executionDeps(ctx, flags, false);
  const { findOrder } = await import('../lib/store/orders.js');
  const { recordProgress } = await import('../lib/execution/ledger.js');
  const order = findOrder(deps.store, deps.broker.name, id);
  if (order === null)
    throw new UsageError(`no order ${id} on ${deps.broker.name} in the store (see ats broker orders)`);
  if (order.brokerOrderId === null)
    throw new UsageError(`order ${id} never reached ${deps.broker.name} (${order.status}); nothing to cancel`);
  await deps.broker.cancelOrder(order.brokerOrderId);
  const remote = await deps.broker.getOrderByClientId(order.clientOrderId);
  const saved = remote ? recordProgress(deps.store, deps.events, order, remote, ctx.marketNow()).order : order;
  deps.events.emit('orderRecorded', saved);
  return saved;
}

export interface AccountResult {
  broker: string;
  account: BrokerAccount;
  startOfDayEquity: number;
  positions: BrokerPosition[];
}

export async function accountCommand(ctx: CommandContext, flags: BrokerFlags): Promise<AccountResult> {
  const deps = await executionDeps(ctx, flags, false);
  const { accountView } = await import('../lib/execution/account-snapshot.js');
  const view = await accountView(deps, ctx.marketNow());
  return {
    broker: deps.broker.name,
    account: view.account,
    startOfDayEquity: view.snapshot.startOfDayEquity,
    positions: view.positions,
  };
}

export type SyncResult = SyncReport & { protection: ProtectionReport };

export async function syncCommand(ctx: CommandContext, flags: BrokerFlags & { repair?: boolean }): Promise<SyncResult> {
  const deps = await executionDeps(ctx, flags, flags.repair === true);
  const { syncBroker } = await import('../lib/execution/sync.js');
  const { reconcileProtection } = await import('../lib/execution/protection-repair.js');
  const report = await syncBroker(deps);
  const protection = await reconcileProtection(deps, {
    repair: flags.repair === true,
    fallbackStopPct: ctx.cfg.protectStopPct,
  });
  return { ...report, protection };
}

function protectionSummary(p: ProtectionReport): string {
  const count = (k: string): number => p.findings.filter((f) => f.kind === k).length;
  const found = `${count('missing')} missing, ${count('duplicated')} duplicated, ${count('orphaned')} orphaned`;
  return p.repairs.length + p.failures.length > 0
    ? `${found}; ${p.repairs.length} repair(s), ${p.failures.length} failed`
    : found;
}
