/** Option positions grouped into strategies (spreads, condors…) with net greeks and days to expiry, marked as of now. */
import { loadOptionGroups } from '../../portfolio/option-positions.js';
import type { OptionGroup } from '../../portfolio/option-groups.js';
import { money, table } from '../html.js';
import { panel } from '../panel.js';

export const optionsPanel = panel<{ groups: OptionGroup[] }>({
  id: 'options',
  title: 'Option positions',
  perReload: true,
  load: async (ctx) => ({
    groups: loadOptionGroups(ctx.deps.store, await ctx.deps.broker.getPositions(), ctx.deps.now(), ctx.cfg.optionsRate),
  }),
  render: (d) =>
    d.groups.length === 0
      ? '<p class="empty">no option positions</p>'
      : table(
          [
            'underlying',
            'strategy',
            'expiry',
            'DTE',
            'units',
            'legs',
            'value',
            'PnL',
            'delta',
            'gamma',
            'theta',
            'vega',
          ],
          d.groups.map((g) => [
            g.underlying,
            g.strategy,
            g.expiry,
            g.daysToExpiry,
            g.units,
            g.legs.map((l) => `${l.qty > 0 ? '+' : ''}${l.qty} ${l.kind} ${l.strike}`).join(', '),
            money(g.marketValue),
            { html: money(g.netPnl), cls: g.netPnl >= 0 ? 'up' : 'down' },
            g.greeks.delta.toFixed(2),
            g.greeks.gamma.toFixed(3),
            g.greeks.theta.toFixed(2),
            g.greeks.vega.toFixed(2),
          ]),
        ),
});
