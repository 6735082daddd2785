/**
 * Equity curve and drawdown from the start-of-day equity of each session (equity_marks), beside buy-and-hold of
 * SPY scaled to the first equity when SPY's daily bars are stored. Drawdown = equity / running peak − 1.
 */
import { loadBars } from '../../store/bars.js';
import { equityMarks } from '../../store/dashboard.js';
import { nyDate } from '../../time.js';
import { jsonData, money, pct } from '../html.js';
import { panel } from '../panel.js';

export const BENCHMARK_SYMBOL = 'SPY';

export interface EquityPoint {
  session: string;
  equity: number;
  drawdown: number;
  benchmark: number | null;
}

export interface EquityData {
  broker: string;
  benchmark: string | null;
  points: EquityPoint[];
  maxDrawdown: number;
}

export const equityPanel = panel<EquityData>({
  id: 'equity',
  title: 'Equity and drawdown',
  load: (ctx) => {
    const marks = equityMarks(ctx.deps.store, ctx.deps.broker.name);
    const closes = new Map(
      loadBars(ctx.deps.store, BENCHMARK_SYMBOL, '1d').map((b) => [nyDate(b.ts), b.close] as const),
    );
    const first = marks[0];
    const base = first ? closes.get(first.session) : undefined;
    let peak = -Infinity;
    let maxDrawdown = 0;
    const points = marks.map((m) => {
      peak = Math.max(peak, m.equity);
      const drawdown = peak > 0 ? m.equity / peak - 1 : 0;
      maxDrawdown = Math.min(maxDrawdown, drawdown);
      const c = closes.get(m.session);
      const benchmark = first && base && c ? (first.equity * c) / base : null;
      return { session: m.session, equity: m.equity, drawdown, benchmark };
    });
    return { broker: ctx.deps.broker.name, benchmark: base ? BENCHMARK_SYMBOL : null, points, maxDrawdown };
  },
  render: (d) => {
    if (d.points.length === 0) return '<p class="empty">no equity recorded yet (daily --trade records it)</p>';
    const last = d.points[d.points.length - 1]!;
    return (
      `<p class="totals">${d.points.length} session(s) · last equity <b>${money(last.equity)}</b> · ` +
      `max drawdown <b>${pct(d.maxDrawdown)}</b> · benchmark ${d.benchmark ?? 'none stored (SPY)'}</p>` +
      `<div class="chart" id="equity-chart"></div>` +
      jsonData('equity-data', d.points)
    );
  },
});
