/** Daily run history (store/run-log.ts): each run's status and every step's status and time. */
import { recentRuns } from '../../store/run-log.js';
import type { DailyRunRecord } from '../../store/run-log.js';
import { escapeHtml, table, when } from '../html.js';
import { panel } from '../panel.js';

export const runsPanel = panel<{ runs: DailyRunRecord[] }>({
  id: 'runs',
  title: 'Daily runs',
  load: (ctx) => ({ runs: recentRuns(ctx.deps.store, 30) }),
  render: (d) =>
    table(
      ['#', 'session', 'started', 'took', 'status', 'steps', 'error'],
      d.runs.map((r) => [
        r.id,
        r.session,
        when(r.startedAt),
        r.finishedAt === null ? 'running' : `${((r.finishedAt - r.startedAt) / 1000).toFixed(1)} s`,
        { html: escapeHtml(r.status), cls: `status-${r.status}` },
        {
          html: r.steps
            .map(
              (s) =>
                `<span class="step status-${escapeHtml(s.status)}" title="${escapeHtml(s.summary)}">` +
                `${escapeHtml(s.name)} ${escapeHtml(s.status)} ${(s.ms / 1000).toFixed(1)}s</span>`,
            )
            .join(' '),
        },
        r.error,
      ]),
    ),
});
