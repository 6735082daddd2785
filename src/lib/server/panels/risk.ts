/** The risk report of the current book (what `ats risk report --json` prints): exposure, VaR/ES, correlation, stress. */
import { riskLimitsOf } from '../../risk/limits-config.js';
import { loadRiskReport } from '../../risk/risk-report-load.js';
import type { ExposureRow, RiskReport } from '../../risk/risk-report.js';
import { escapeHtml, money, table } from '../html.js';
import { panel } from '../panel.js';

/** Rows and columns of the correlation table on the page (a 500-holding book is 250,000 cells). */
const MATRIX_MAX = 12;

const num = (v: number | null | undefined, d = 2): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(d);

function exposure(title: string, rows: readonly ExposureRow[], unit = '%'): string {
  return (
    `<h3>${escapeHtml(title)}</h3>` +
    table(
      ['key', 'gross $', '% equity', `limit ${unit}`, ''],
      rows.map((e) => [
        e.key,
        money(e.gross),
        num(e.pctOfEquity),
        num(e.limit),
        e.over ? { html: 'OVER', cls: 'down' } : '',
      ]),
    )
  );
}

export const riskPanel = panel<RiskReport>({
  id: 'risk',
  title: 'Risk',
  perReload: true,
  load: async (ctx) => {
    const account = await ctx.deps.broker.getAccount();
    return loadRiskReport(ctx.deps.store, {
      broker: ctx.deps.broker.name,
      nowMs: ctx.deps.now(),
      equity: account.equity,
      limits: riskLimitsOf(ctx.cfg),
      rate: ctx.cfg.optionsRate,
    });
  },
  render: (r) => {
    const c = r.correlation;
    const shown = c.symbols.slice(0, MATRIX_MAX);
    return (
      `<p class="totals">as of ${escapeHtml(r.asOf)} · ${r.holdings} holding(s) · equity <b>${money(r.equity)}</b></p>` +
      exposure('Exposure by symbol', r.exposure.bySymbol) +
      exposure('Exposure by sector', r.exposure.bySector) +
      exposure('Exposure by asset class', r.exposure.byAssetClass) +
      exposure('Exposure by strategy (limit: MAX_RISK $ per entry)', r.exposure.byStrategy, '$') +
      `<h3>Historical VaR and expected shortfall (1 day, ${r.sessions} sessions)</h3>` +
      table(
        ['confidence', 'VaR $', 'ES $'],
        r.var.map((v) => [`${Math.round(v.confidence * 100)}%`, money(v.var), money(v.es)]),
      ) +
      (c.symbols.length > 1
        ? `<h3>Correlation of daily returns</h3>` +
          table(
            ['', ...shown],
            shown.map((s, i) => [s, ...c.matrix[i]!.slice(0, MATRIX_MAX).map((x) => num(x, 3))]),
          ) +
          (c.symbols.length > MATRIX_MAX
            ? `<p class="empty">the first ${MATRIX_MAX} of ${c.symbols.length} symbols (all in /api/risk)</p>`
            : '')
        : '') +
      `<h3>Stress scenarios</h3>` +
      table(
        ['scenario', 'pnl $', '% equity', 'how'],
        r.stress.map((s) => [s.scenario, money(s.pnl), num(s.pctOfEquity), s.note]),
      ) +
      r.notes.map((n) => `<p class="empty">${escapeHtml(n)}</p>`).join('')
    );
  },
});
