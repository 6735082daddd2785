/** `ats risk report`: exposure against limits, historical VaR/ES, correlation, stress; also reports/risk-report.csv. */
import type { Command } from 'commander';
import type { RiskReport } from '../lib/risk/risk-report.js';
import type { CommandContext } from './context.js';
import { runCommand } from './run.js';
import { executionDeps, withBrokerOptions, type BrokerFlags } from './wiring.js';

interface RiskFlags extends BrokerFlags {
  sessions?: string;
  market?: string;
}

export function registerRisk(program: Command): void {
  const risk = program.command('risk').description('risk of the current book');
  withBrokerOptions(
    risk
      .command('report')
      .description('exposure vs limits, historical VaR and ES (95/99 %), correlation, stress; writes risk-report.csv'),
  )
    .option('--sessions <n>', 'sessions of daily returns for VaR, correlation and beta', '250')
    .option('--market <symbol>', 'market symbol for beta and the beta stress', 'SPY')
    .action(async (_o, cmd: Command) => {
      await runCommand(cmd, async (ctx, opts) => {
        const { report, csv } = await riskReportCommand(ctx, opts);
        return { result: report, text: `${await renderRisk(report)}\n\nwritten: ${csv}` };
      });
    });
}

export async function riskReportCommand(
  ctx: CommandContext,
  flags: RiskFlags,
): Promise<{ report: RiskReport; csv: string }> {
  const { parseWholeNumber } = await import('../lib/parse-number.js');
  const sessions = parseWholeNumber(flags.sessions ?? '250', '--sessions', 2);
  const { normalizeSymbol } = await import('../lib/symbols.js');
  const market = normalizeSymbol(flags.market ?? 'SPY');
  const deps = await executionDeps(ctx, flags, false);
  const account = await deps.broker.getAccount();
  const { loadRiskReport } = await import('../lib/risk/risk-report-load.js');
  const { riskLimitsOf } = await import('../lib/risk/limits-config.js');
  const report = loadRiskReport(deps.store, {
    broker: deps.broker.name,
    nowMs: ctx.marketNow(),
    equity: account.equity,
    limits: riskLimitsOf(ctx.cfg),
    sessions,
    market,
    rate: ctx.cfg.optionsRate,
  });
  const { writeRiskReportCsv } = await import('../lib/report/risk-report-csv.js');
  return { report, csv: writeRiskReportCsv(ctx.cfg.reportsDir, report) };
}

async function renderRisk(r: RiskReport): Promise<string> {
  const { renderTable } = await import('../lib/report/table.js');
  const { fixed } = await import('../lib/report/format.js');
  const f = (v: number | null, d = 2): string => (v !== null && Number.isFinite(v) ? fixed(v, d) : 'n/a');
  const exposure = (title: string, rows: RiskReport['exposure']['bySymbol'], unit = '%') =>
    rows.length
      ? `${title}\n${renderTable(
          ['key', 'gross $', '% equity', `limit ${unit}`, ''],
          rows.map((e) => [
            e.key,
            f(e.gross),
            f(e.pctOfEquity),
            e.limit === null ? '-' : f(e.limit),
            e.over ? 'OVER' : '',
          ]),
        )}`
      : `${title}: none`;
  const out = [
    `risk report as of ${r.asOf}: ${r.holdings} holding(s), equity ${f(r.equity)}`,
    exposure('by symbol', r.exposure.bySymbol),
    exposure('by sector', r.exposure.bySector),
    exposure('by asset class', r.exposure.byAssetClass),
    exposure('by strategy (limit: MAX_RISK $ per entry)', r.exposure.byStrategy, '$'),
    r.var.length
      ? `historical VaR / ES over ${r.sessions} sessions (1 day): ` +
        r.var.map((v) => `${Math.round(v.confidence * 100)}% VaR ${f(v.var)} ES ${f(v.es)}`).join('; ')
      : 'VaR: n/a',
  ];
  if (r.correlation.symbols.length > 1) {
    out.push(
      'correlation of daily returns',
      renderTable(
        ['', ...r.correlation.symbols],
        r.correlation.symbols.map((s, i) => [s, ...r.correlation.matrix[i]!.map((x) => f(x, 3))]),
      ),
    );
  }
  out.push(
    renderTable(
      ['stress', 'pnl $', '% equity', 'how'],
      r.stress.map((s) => [s.scenario, f(s.pnl), f(s.pctOfEquity), s.note]),
    ),
  );
  for (const n of r.notes) out.push(`note: ${n}`);
  return out.join('\n');
}
