/** Open positions with live PnL: the server's LivePortfolio (stored prices, then every streamed trade). */
import { escapeHtml, money, pct, table, when } from '../html.js';
import { panel } from '../panel.js';
import type { PortfolioValuation } from '../../portfolio/valuation.js';

export interface PositionsData extends PortfolioValuation {
  broker: string;
}

export const positionsPanel = panel<PositionsData>({
  id: 'positions',
  title: 'Positions',
  live: true,
  load: (ctx) => ({ broker: ctx.deps.broker.name, ...ctx.valuation() }),
  render: (d, view) => {
    const t = d.totals;
    const rows = d.rows.map((r) => [
      r.symbol,
      r.qty,
      money(r.avgCost),
      { html: money(r.last), cls: 'last' },
      { html: money(r.marketValue), cls: 'mv' },
      { html: money(r.unrealizedPnl), cls: `upnl ${r.unrealizedPnl >= 0 ? 'up' : 'down'}` },
      { html: pct(r.unrealizedPct), cls: 'upct' },
      pct(r.weight),
      r.sector ?? '—',
      when(r.updatedAt),
      view.readOnly ? '' : { html: `<button class="close" data-symbol="${escapeHtml(r.symbol)}">close</button>` },
    ]);
    const headers = [
      'symbol',
      'qty',
      'avg cost',
      'last',
      'value',
      'unrealized',
      'unreal %',
      'weight',
      'sector',
      'priced',
    ];
    return (
      `<p class="totals">broker <b>${escapeHtml(d.broker)}</b> · equity <b id="tot-equity">${money(t.equity)}</b> · ` +
      `unrealized <b id="tot-upnl">${money(t.unrealizedPnl)}</b> · realized ${money(t.realizedPnl)} · ` +
      `gross exposure ${money(t.grossExposure)}</p>` +
      table(
        view.readOnly ? headers : [...headers, ''],
        view.readOnly ? rows.map((r) => r.slice(0, -1)) : rows,
        (i) => `data-symbol="${escapeHtml(d.rows[i]!.symbol)}"`,
      )
    );
  },
});
