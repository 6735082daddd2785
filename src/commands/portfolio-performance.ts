/** `ats portfolio performance`: the paper/live record's statistics beside a benchmark; --compare adds the backtest. */
import type { Command } from 'commander';
import { UsageError } from '../lib/errors.js';
import type { PerformanceGrouping } from '../lib/portfolio/performance.js';
import type { PerformanceResult } from '../lib/portfolio/performance-load.js';
import type { CommandContext } from './context.js';
import { runCommand } from './run.js';
import { withBrokerOptions } from './wiring.js';

interface PerformanceFlags {
  from?: string;
  to?: string;
  by?: string;
  benchmark?: string;
  compare?: boolean;
}

const GROUPINGS: readonly PerformanceGrouping[] = ['symbol', 'strategy', 'month'];

export function registerPerformance(portfolio: Command): void {
  withBrokerOptions(
    portfolio
      .command('performance')
      .description('the paper/live record: return, CAGR, Sharpe, drawdown, trades, fees beside a benchmark'),
  )
    .option('--from <date>', 'first session (YYYY-MM-DD)')
    .option('--to <date>', 'last session (YYYY-MM-DD)')
    .option('--by <group>', 'symbol | strategy | month')
    .option('--benchmark <symbol>', 'index symbol for buy-and-hold (else the equal-weight stored universe)', 'SPY')
    .option('--compare', "beside the model's walk-forward expectation: returns, slippage, missed/partial fills")
    .action(async (_o, cmd: Command) => {
      await runCommand(cmd, async (ctx, opts) => {
        const result = await performanceCommand(ctx, opts);
        return { result, text: await renderPerformance(result) };
      });
    });
}

export async function performanceCommand(ctx: CommandContext, flags: PerformanceFlags): Promise<PerformanceResult> {
  const { parseDate } = await import('../lib/time.js');
  const from = flags.from === undefined ? undefined : parseDate(flags.from, '--from');
  const to = flags.to === undefined ? undefined : parseDate(flags.to, '--to');
  if (from !== undefined && to !== undefined && from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  if (flags.by !== undefined && !GROUPINGS.includes(flags.by as PerformanceGrouping))
    throw new UsageError(`unknown --by "${flags.by}": expected ${GROUPINGS.join(', ')}`);
  const { normalizeSymbol } = await import('../lib/symbols.js');
  const benchmark = normalizeSymbol(flags.benchmark ?? 'SPY');
  const { loadPerformance } = await import('../lib/portfolio/performance-load.js');
  return loadPerformance(await ctx.openStore(), {
    broker: ctx.cfg.broker,
    from,
    to,
    by: flags.by as PerformanceGrouping | undefined,
    benchmark,
    compare: flags.compare === true,
  });
}

async function renderPerformance(r: PerformanceResult): Promise<string> {
  const { renderTable } = await import('../lib/report/table.js');
  const { fixed } = await import('../lib/report/format.js');
  const f = (v: number, d = 2): string => (Number.isFinite(v) ? fixed(v, d) : v === Infinity ? 'inf' : 'n/a');
  const rec = r.figures;
  const b = r.benchmark?.figures;
  const rows: Array<[string, (x: typeof rec) => string]> = [
    ['total return %', (x) => f(x.totalReturnPct)],
    ['CAGR %', (x) => f(x.cagrPct)],
    ['volatility (ann.) %', (x) => f(x.volatilityPct)],
    ['Sharpe', (x) => f(x.sharpe)],
    ['Sortino', (x) => f(x.sortino)],
    ['max drawdown %', (x) => f(x.maxDrawdownPct)],
    [
      '  peak / trough / recovery',
      (x) => `${x.maxDrawdown.peak ?? '-'} / ${x.maxDrawdown.trough ?? '-'} / ${x.maxDrawdown.recovery ?? '-'}`,
    ],
    ['Calmar', (x) => f(x.calmar)],
    ['trades', (x) => String(x.trades)],
    ['win rate %', (x) => f(x.winRatePct)],
    ['profit factor', (x) => f(x.profitFactor)],
    ['avg win / avg loss $', (x) => `${f(x.avgWin)} / ${f(x.avgLoss)}`],
    ['expectancy % per trade', (x) => f(x.expectancyPct)],
    ['exposure time %', (x) => f(x.exposureTimePct)],
    ['turnover (× mean equity)', (x) => f(x.turnover)],
    ['fees $', (x) => f(x.fees)],
  ];
  const out = [
    `${r.broker} record ${r.from} .. ${r.to}, ${r.sessions} sessions; equity: ${r.equitySource}`,
    `cash flows: ${r.cashFlows}`,
    `benchmark: ${r.benchmark?.label ?? 'none (no stored daily bars cover the period)'}`,
    renderTable(
      ['figure', 'record', 'benchmark'],
      rows.map(([name, get]) => [name, get(rec), b ? get(b) : '-']),
    ),
  ];
  if (r.openAtEnd.length) out.push(`still open (not in the trade figures): ${r.openAtEnd.join(', ')}`);
  if (r.groups) {
    out.push(
      '',
      renderTable(
        [r.by ?? '', 'trades', 'pnl $', 'win rate %', 'fees $', ...(r.by === 'month' ? ['return %'] : [])],
        r.groups.map((g) => [
          g.key,
          g.trades,
          f(g.pnl),
          f(g.winRatePct),
          f(g.fees),
          ...(r.by === 'month' ? [f(g.returnPct ?? Number.NaN)] : []),
        ]),
      ),
    );
  }
  const c = r.compare;
  if (c) {
    const e = c.expectation;
    out.push(
      '',
      'backtest vs record:',
      e
        ? `  model ${e.model} walk-forward ${e.evidenceFrom}..${e.evidenceTo}: ${f(e.evidenceReturnPct)} % ` +
            `(Sharpe ${f(e.sharpe)}); expected over this period ${f(e.expectedReturnPct)} %`
        : `  no backtest expectation: ${c.expectationNote ?? ''}`,
      `  record: ${f(c.record.returnPct)} % (Sharpe ${f(c.record.sharpe)})`,
      `  slippage vs decision price: ${c.slippage.fills} fill(s), ` +
        `mean ${f(c.slippage.meanBps, 1)} bps, worst ${f(c.slippage.worstBps, 1)} bps` +
        (c.slippage.withoutDecisionPrice
          ? ` (${c.slippage.withoutDecisionPrice} fill(s) without a recorded decision price)`
          : ''),
      `  orders: ${c.orders.decided} decided, ${c.orders.filled} filled, ` +
        `${c.orders.partial.length} partial, ${c.orders.missed.length} missed`,
      ...[...c.orders.partial, ...c.orders.missed].map(
        (o) => `    ${o.session} ${o.symbol} ${o.status}: ${o.filledQty} of ${o.qty} (${o.clientOrderId})`,
      ),
    );
  }
  return out.join('\n');
}
