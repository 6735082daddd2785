/**
 * The paper/live performance record (what `ats portfolio performance --compare --json` prints): the figures beside
 * the benchmark, the equity curve against it, and the backtest expectation against the record.
 */
import { loadPerformance, type PerformanceResult } from '../../portfolio/performance-load.js';
import type { PerformanceFigures } from '../../portfolio/performance-figures.js';
import { escapeHtml, jsonData, table } from '../html.js';
import { panel } from '../panel.js';

type Figure = [string, (x: PerformanceFigures) => string];

const num = (v: number | null | undefined, d = 2): string =>
  v === null || v === undefined || Number.isNaN(v) ? '—' : v === Infinity ? 'inf' : v.toFixed(d);

const FIGURES: Figure[] = [
  ['total return %', (x) => num(x.totalReturnPct)],
  ['CAGR %', (x) => num(x.cagrPct)],
  ['volatility (ann.) %', (x) => num(x.volatilityPct)],
  ['Sharpe', (x) => num(x.sharpe)],
  ['Sortino', (x) => num(x.sortino)],
  ['max drawdown %', (x) => num(x.maxDrawdownPct)],
  ['drawdown peak / trough', (x) => `${x.maxDrawdown.peak ?? '—'} / ${x.maxDrawdown.trough ?? '—'}`],
  ['Calmar', (x) => num(x.calmar)],
  ['trades', (x) => String(x.trades)],
  ['win rate %', (x) => num(x.winRatePct)],
  ['profit factor', (x) => num(x.profitFactor)],
  ['expectancy % per trade', (x) => num(x.expectancyPct)],
  ['turnover (× mean equity)', (x) => num(x.turnover)],
  ['fees $', (x) => num(x.fees)],
];

function compareHtml(c: NonNullable<PerformanceResult['compare']>): string {
  const e = c.expectation;
  const rows = [
    [
      'backtest (walk-forward)',
      e ? `${num(e.expectedReturnPct)} % expected (${e.model}, ${e.evidenceFrom}..${e.evidenceTo})` : c.expectationNote,
      e ? num(e.sharpe) : '—',
    ],
    ['record', `${num(c.record.returnPct)} %`, num(c.record.sharpe)],
  ];
  return (
    `<h3>Backtest vs record</h3>` +
    table(['', 'return', 'Sharpe'], rows) +
    `<p>slippage vs decision price: ${c.slippage.fills} fill(s), mean ${num(c.slippage.meanBps, 1)} bps, ` +
    `worst ${num(c.slippage.worstBps, 1)} bps · orders: ${c.orders.decided} decided, ${c.orders.filled} filled, ` +
    `${c.orders.partial.length} partial, ${c.orders.missed.length} missed</p>`
  );
}

export const performancePanel = panel<PerformanceResult | { empty: string }>({
  id: 'performance',
  title: 'Performance record',
  perReload: true,
  load: (ctx) => {
    try {
      return loadPerformance(ctx.deps.store, { broker: ctx.deps.broker.name, compare: true });
    } catch (err) {
      // Too short a record is a state to show, not a failure.
      return { empty: err instanceof Error ? err.message : String(err) };
    }
  },
  render: (d) => {
    if ('empty' in d) return `<p class="empty">${escapeHtml(d.empty)}</p>`;
    const b = d.benchmark?.figures;
    const points = d.curve.map((p) => ({
      session: p.session,
      equity: p.equity,
      drawdown: p.drawdownPct / 100,
      benchmark: p.benchmark,
    }));
    return (
      `<p class="totals">${escapeHtml(d.broker)} record ${escapeHtml(d.from)} .. ${escapeHtml(d.to)}, ` +
      `${d.sessions} session(s) · benchmark: ${escapeHtml(d.benchmark?.label ?? 'none stored')}</p>` +
      `<div class="chart" id="performance-chart"></div>` +
      jsonData('performance-data', points) +
      table(
        ['figure', 'record', 'benchmark'],
        FIGURES.map(([name, get]) => [name, get(d.figures), b ? get(b) : '—']),
      ) +
      (d.compare ? compareHtml(d.compare) : '')
    );
  },
});
