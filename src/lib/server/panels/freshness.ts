/** Data freshness per symbol: stored bars and the age of the newest one. */
import { barFreshness } from '../../store/dashboard.js';
import type { SymbolFreshness } from '../../store/dashboard.js';
import { table, when } from '../html.js';
import { panel } from '../panel.js';

const DAY_MS = 86_400_000;

export interface FreshnessData {
  symbols: Array<SymbolFreshness & { ageDays: number }>;
}

export const freshnessPanel = panel<FreshnessData>({
  id: 'freshness',
  title: 'Data freshness',
  load: (ctx) => ({
    symbols: barFreshness(ctx.deps.store).map((f) => ({ ...f, ageDays: (ctx.now() - f.lastTs) / DAY_MS })),
  }),
  render: (d) =>
    table(
      ['symbol', 'timeframe', 'bars', 'first', 'newest', 'age (days)'],
      d.symbols.map((f) => [
        f.symbol,
        f.timeframe,
        f.bars,
        when(f.firstTs).slice(0, 10),
        when(f.lastTs),
        { html: f.ageDays.toFixed(1), cls: f.ageDays > 4 ? 'stale' : '' },
      ]),
    ),
});
