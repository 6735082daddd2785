/**
 * The text of the installed job: a marked block in the user's crontab, or a systemd user service + timer.
 * Pure (strings in, strings out); install.ts does the I/O.
 */
import { shellQuote } from './split-args.js';
import { wakeTimes, type TimeOfDay } from './run-time.js';

export const CRON_BEGIN = '# BEGIN ats schedule (managed by `ats schedule install`; `ats schedule remove` deletes it)';
export const CRON_END = '# END ats schedule';
export const UNIT_NAME = 'ats-daily';

export interface JobSpec {
  at: TimeOfDay;
  /** Arguments for `ats daily`, as the user typed them. */
  args: string;
  node: string;
  bin: string;
  cwd: string;
}

/** The command the job runs: `ats schedule run --once`, which applies the NYSE session rules. */
function jobArgv(spec: JobSpec): string[] {
  const argv = [spec.node, spec.bin, 'schedule', 'run', '--once', '--at', spec.at.text];
  return spec.args === '' ? argv : [...argv, '--args', spec.args];
}

/**
 * The crontab block. CRON_TZ makes cronie (Fedora, Arch, Alpine's cronie) and Debian's cron ≥ 3.0pl1-128 read the
 * times as New York time; a cron without CRON_TZ reads them in the machine's zone (README "Scheduling").
 * The block goes last so CRON_TZ cannot change the user's own lines.
 */
export function cronBlock(spec: JobSpec): string[] {
  const command = `cd ${shellQuote(spec.cwd)} && ${jobArgv(spec).map(shellQuote).join(' ')} >/dev/null 2>&1`;
  return [
    CRON_BEGIN,
    'CRON_TZ=America/New_York',
    ...wakeTimes(spec.at).map((t) => `${t.minute} ${t.hour} * * 1-5 ${command}`),
    CRON_END,
  ];
}

/** The crontab without our block (other lines untouched, in order). */
export function withoutBlock(crontab: string): string[] {
  const out: string[] = [];
  let inside = false;
  for (const line of crontab.split('\n')) {
    if (line === CRON_BEGIN) inside = true;
    else if (line === CRON_END) inside = false;
    else if (!inside) out.push(line);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

export function crontabWith(crontab: string, spec: JobSpec): string {
  return [...withoutBlock(crontab), ...cronBlock(spec)].join('\n') + '\n';
}

export function crontabWithout(crontab: string): string {
  const lines = withoutBlock(crontab);
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}

/** systemd quoting for ExecStart: double quotes, with `%` and `$` doubled so systemd expands nothing. */
function systemdQuote(word: string): string {
  const escaped = word.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/%/g, '%%').replace(/\$/g, '$$$$');
  return `"${escaped}"`;
}

export function systemdUnits(spec: JobSpec): { service: string; timer: string } {
  const service = [
    '[Unit]',
    'Description=ats daily run on NYSE sessions (managed by ats schedule install)',
    '',
    '[Service]',
    'Type=oneshot',
    `WorkingDirectory=${spec.cwd}`,
    `ExecStart=${jobArgv(spec).map(systemdQuote).join(' ')}`,
    '',
  ].join('\n');
  // A time zone in OnCalendar needs systemd 235 or later; Persistent catches a run missed while the machine slept.
  const timer = [
    '[Unit]',
    'Description=ats daily run timer (New York time; the job itself skips holidays)',
    '',
    '[Timer]',
    ...wakeTimes(spec.at).map((t) => `OnCalendar=Mon..Fri ${t.text} America/New_York`),
    'Persistent=true',
    '',
    '[Install]',
    'WantedBy=timers.target',
    '',
  ].join('\n');
  return { service, timer };
}
