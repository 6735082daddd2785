/** The daily schedule (`ats schedule status`): installed job, next run in New York and local time, pause, last result. */
import { installedJob, type Installer } from '../../schedule/install.js';
import { scheduleStatus, type ScheduleStatus } from '../../schedule/status.js';
import { table, when } from '../html.js';
import { panel } from '../panel.js';

export interface ScheduleData extends ScheduleStatus {
  installed: Installer | null;
}

export const schedulePanel = panel<ScheduleData>({
  id: 'schedule',
  title: 'Schedule',
  perReload: true,
  load: (ctx) => ({ installed: installedJob(), ...scheduleStatus(ctx.deps.store, ctx.cfg, ctx.now()) }),
  render: (s, view) => {
    const last = s.lastResult;
    const d = s.lastDaily;
    const buttons = view.readOnly
      ? ''
      : `<p><button data-action="pause">Pause</button> <button data-action="resume">Resume</button></p>`;
    return (
      table(
        ['', ''],
        [
          ['installed', s.installed ?? 'no (ats schedule install, or ats schedule run in a container)'],
          ['run time', `${s.at} America/New_York${s.args ? ` · ats daily ${s.args}` : ''}`],
          ['paused', { html: `<b id="schedule-paused">${s.paused ? 'yes' : 'no'}</b>` }],
          ['next run', `${s.nextRun.ny} (local ${s.nextRun.local}) · session ${s.nextRun.session}`],
          [
            'last scheduler result',
            last ? `${last.session} ${last.status}${last.message ? `: ${last.message}` : ''}` : 'none',
          ],
          [
            'last daily run',
            d ? `${d.session} ${d.status} (started ${when(d.startedAt)})${d.error ? `: ${d.error}` : ''}` : 'none',
          ],
          ['log', s.logFile],
        ],
      ) + buttons
    );
  },
});
