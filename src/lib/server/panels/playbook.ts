/** The newest stored playbook: the ranked symbols of the latest session, per model. */
import { latestPlaybookSession } from '../../store/dashboard.js';
import { loadPlaybook } from '../../store/playbook.js';
import type { PlaybookRow } from '../../store/playbook.js';
import { escapeHtml, money, pct, table } from '../html.js';
import { panel } from '../panel.js';

export interface PlaybookData {
  session: string | null;
  rows: Array<PlaybookRow & { modelId: string }>;
}

export const playbookPanel = panel<PlaybookData>({
  id: 'playbook',
  title: 'Playbook',
  load: (ctx) => {
    const session = latestPlaybookSession(ctx.deps.store);
    return { session, rows: session === null ? [] : loadPlaybook(ctx.deps.store, session) };
  },
  render: (d) =>
    (d.session === null ? '' : `<p class="totals">session <b>${escapeHtml(d.session)}</b></p>`) +
    table(
      ['model', 'rank', 'symbol', 'side', 'probability', 'momentum', 'RSI', 'ATR %', 'close'],
      d.rows.map((r) => [
        r.modelId,
        r.rank,
        r.symbol,
        r.side,
        r.probability.toFixed(3),
        pct(r.momentum),
        r.rsi.toFixed(1),
        pct(r.atrPct),
        money(r.close),
      ]),
    ),
});
