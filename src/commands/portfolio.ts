import type { Command } from 'commander';
import { UsageError } from '../lib/errors.js';
import { runCommand } from './run.js';
import { registerPerformance } from './portfolio-performance.js';
import type { CommandContext } from './context.js';
import type { SnapshotResult } from '../lib/portfolio/snapshot.js';
import { announce, describeOrder, executionDeps, withBrokerOptions, type BrokerFlags } from './wiring.js';
import type { PortfolioValuation } from '../lib/portfolio/valuation.js';
import type { PlaceResult } from '../lib/execution/place-order.js';
import type { SnapshotRow } from '../lib/store/snapshots.js';

interface ShowFlags extends BrokerFlags {
  tui?: boolean;
  stream?: boolean;
  realtime?: boolean;
}

export function registerPortfolio(program: Command): void {
  const portfolio = withBrokerOptions(
    program.command('portfolio').description('positions from fills: PnL, weights, exposure; close, snapshot, history'),
    true,
  )
    .option('--tui', 'interactive position viewer (live prices with a Polygon key)')
    .option('--stream', 'live PnL from the Polygon stream, one line per price update, until Ctrl-C')
    .option('--realtime', 'with --stream/--tui: the real-time feed (falls back to delayed when the plan lacks it)')
    .action(async (_o, cmd: Command) => {
      await runCommand(cmd, async (ctx, opts) => showAction(ctx, opts as ShowFlags));
    });
  withBrokerOptions(
    portfolio.command('show').description('positions with average cost, PnL, market value, weight and exposure'),
    true,
  )
    .option('--tui', 'interactive position viewer')
    .action(async (_o, cmd: Command) => {
      await runCommand(cmd, async (ctx, opts) => showAction(ctx, opts as ShowFlags));
    });
  withBrokerOptions(
    portfolio.command('close').description('close a whole position: a limit at PRICE when given, market otherwise'),
    true,
  )
    .argument('<symbol>')
    .argument('[price]', 'limit price')
    .action(async (symbol: string, price: string | undefined, _o, cmd: Command) => {
      await runCommand(cmd, async (ctx, opts) => {
        const result = await closeCommand(ctx, symbol, price, opts);
        return { result, text: `${result.alreadyPlaced ? 'already placed: ' : ''}${describeOrder(result.order)}` };
      });
    });
  withBrokerOptions(
    portfolio
      .command('snapshot')
      .description("record today's positions once per session; rows also go to portfolio.csv in the reports folder"),
  ).action(async (_o, cmd: Command) => {
    await runCommand(cmd, async (ctx, opts) => {
      const result = await snapshotCommand(ctx, opts);
      return {
        result,
        text:
          result.added > 0
            ? `snapshot ${result.session}: ${result.added} position(s) recorded`
            : `snapshot ${result.session} already taken; nothing added`,
      };
    });
  });
  registerPerformance(portfolio);
  withBrokerOptions(portfolio.command('history').description('snapshots by session')).action(
    async (_o, cmd: Command) => {
      await runCommand(cmd, async (ctx) => {
        const result = await historyCommand(ctx);
        return { result, text: await renderHistory(result) };
      });
    },
  );
}

async function showAction(ctx: CommandContext, flags: ShowFlags): Promise<{ result: unknown; text: string }> {
  if (flags.stream) {
    if (flags.tui) throw new UsageError('--stream and --tui do not go together (the viewer streams by itself)');
    const { portfolioStream } = await import('./portfolio-stream.js');
    const { updates } = await portfolioStream(ctx, flags);
    ctx.log.info(`stream stopped after ${updates} update(s)`);
    return { result: undefined, text: '' };
  }
  if (flags.tui) {
    if (ctx.cfg.json) throw new UsageError('--tui and --json do not go together');
    await tuiCommand(ctx, flags);
    return { result: null, text: '' };
  }
  const result = await showCommand(ctx, flags);
  return { result, text: await renderPortfolio(result) };
}

export async function showCommand(ctx: CommandContext, flags: BrokerFlags): Promise<PortfolioValuation> {
  const deps = await executionDeps(ctx, flags, false);
  const { loadPortfolio } = await import('../lib/portfolio/service.js');
  return loadPortfolio(deps, { optionsRate: ctx.cfg.optionsRate });
}

async function renderPortfolio(v: PortfolioValuation): Promise<string> {
  const { renderTable } = await import('../lib/report/table.js');
  const { fixed } = await import('../lib/report/format.js');
  const pct = (f: number): string => `${fixed(f * 100)}%`;
  const money = (n: number): string => fixed(n);
  const table =
    v.rows.length === 0
      ? 'no open positions'
      : renderTable(
          ['symbol', 'qty', 'avg cost', 'last', 'market value', 'unrealized', 'unreal %', 'weight', 'sector', 'class'],
          v.rows.map((r) => [
            r.symbol,
            r.qty,
            money(r.avgCost),
            money(r.last),
            money(r.marketValue),
            money(r.unrealizedPnl),
            pct(r.unrealizedPct),
            pct(r.weight),
            r.sector,
            r.assetClass,
          ]),
        );
  const t = v.totals;
  const exposure = (label: string, m: Record<string, number>): string =>
    `${label}: ${
      Object.entries(m)
        .sort((a, b) => b[1] - a[1])
        .map(([k, x]) => `${k} ${money(x)} (${pct(t.equity > 0 ? x / t.equity : 0)})`)
        .join(', ') || '-'
    }`;
  return [
    table,
    '',
    `market value ${money(t.marketValue)}, gross exposure ${money(t.grossExposure)}, equity ${money(t.equity)}`,
    `unrealized PnL ${money(t.unrealizedPnl)}, realized PnL ${money(t.realizedPnl)}`,
    exposure('by sector', v.exposure.bySector),
    exposure('by asset class', v.exposure.byAssetClass),
    ...(v.options && v.options.length > 0
      ? ['', 'options positions (legs grouped by strategy)', optionTable(v, renderTable, money)]
      : []),
  ].join('\n');
}

function optionTable(
  v: PortfolioValuation,
  renderTable: (head: string[], rows: Array<Array<string | number | null>>) => string,
  money: (n: number) => string,
): string {
  const bound = (n: number | null): string => (n === null ? 'unbounded' : money(n));
  return renderTable(
    [
      'strategy',
      'underlying',
      'expiry',
      'dte',
      'units',
      'legs',
      'premium',
      'value',
      'net PnL',
      'max profit',
      'max loss',
      'delta',
      'gamma',
      'theta',
      'vega',
    ],
    (v.options ?? []).map((g) => [
      g.strategy,
      g.underlying,
      g.expiry,
      g.daysToExpiry,
      g.units,
      g.legs.map((l) => `${l.qty > 0 ? '+' : ''}${l.qty} ${l.kind[0]!.toUpperCase()}${l.strike}`).join(' '),
      money(g.premium),
      money(g.marketValue),
      money(g.netPnl),
      bound(g.maxProfit),
      bound(g.maxLoss),
      money(g.greeks.delta),
      g.greeks.gamma.toFixed(4),
      money(g.greeks.theta),
      money(g.greeks.vega),
    ]),
  );
}

export async function closeCommand(
  ctx: CommandContext,
  rawSymbol: string,
  rawPrice: string | undefined,
  flags: BrokerFlags,
): Promise<PlaceResult> {
  const { normalizeSymbol } = await import('../lib/symbols.js');
  const symbol = normalizeSymbol(rawSymbol);
  const { parsePrice } = await import('../lib/parse-number.js');
  const price = rawPrice === undefined ? undefined : parsePrice(rawPrice, 'PRICE');
  const deps = await executionDeps(ctx, flags, true);
  const { closePosition } = await import('../lib/portfolio/service.js');
  const result = await closePosition(deps, symbol, { price });
  if (!result.alreadyPlaced) await announce(ctx, `ats exit: ${describeOrder(result.order)}`);
  return result;
}

export async function snapshotCommand(ctx: CommandContext, flags: BrokerFlags): Promise<SnapshotResult> {
  const deps = await executionDeps(ctx, flags, false);
  const { takeSnapshot } = await import('../lib/portfolio/snapshot.js');
  return takeSnapshot(deps);
}

export async function historyCommand(ctx: CommandContext): Promise<SnapshotRow[]> {
  const { listSnapshots } = await import('../lib/store/snapshots.js');
  return listSnapshots(await ctx.openStore(), ctx.cfg.broker);
}

async function renderHistory(rows: SnapshotRow[]): Promise<string> {
  if (rows.length === 0) return 'no snapshots (take one with ats portfolio snapshot)';
  const { renderTable } = await import('../lib/report/table.js');
  const { fixed } = await import('../lib/report/format.js');
  const bySession = new Map<string, { n: number; value: number; unrealized: number; realized: number }>();
  for (const r of rows) {
    const s = bySession.get(r.session) ?? { n: 0, value: 0, unrealized: 0, realized: 0 };
    s.n++;
    s.value += r.marketValue;
    s.unrealized += r.unrealizedPnl;
    s.realized += r.realizedPnl;
    bySession.set(r.session, s);
  }
  return renderTable(
    ['session', 'positions', 'market value', 'unrealized', 'realized'],
    [...bySession].map(([session, s]) => [session, s.n, fixed(s.value), fixed(s.unrealized), fixed(s.realized)]),
  );
}

/** The ink viewer (src/tui) loads only here; with a Polygon key it streams prices (positions it holds are followed). */
async function tuiCommand(ctx: CommandContext, flags: ShowFlags): Promise<void> {
  const deps = await executionDeps(ctx, flags, true);
  const { positionProvider } = await import('../lib/portfolio/provider.js');
  const { runPositionViewer } = await import('../tui/position-viewer.js');
  if (!ctx.cfg.polygonApiKey) return runPositionViewer(positionProvider(deps, undefined, ctx.cfg.optionsRate));
  const { priceStreamFromConfig } = await import('../lib/market/price-stream.js');
  const { silentLogger } = await import('../lib/log.js');
  // Nothing may write to the terminal under the viewer; a fatal stream error is reported once it closes.
  const prices = priceStreamFromConfig(ctx.cfg, silentLogger, [], flags.realtime === true);
  let failure: Error | null = null;
  const failed = prices.done.catch((err: unknown) => {
    failure = err instanceof Error ? err : new Error(String(err));
  });
  try {
    await runPositionViewer(positionProvider(deps, prices, ctx.cfg.optionsRate));
  } finally {
    await prices.stop().catch(() => {});
    await failed;
  }
  const err = failure as Error | null; // set by the stream's rejection, which TypeScript does not follow
  if (err !== null) throw err;
}
