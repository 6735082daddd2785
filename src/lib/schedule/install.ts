/**
 * Installing the daily job: a user crontab block (`crontab -l` / `crontab -`) or a systemd user timer. Running
 * the tools is the only I/O here; what they are given comes from job-text.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { AtsError, ExitCode, UsageError } from '../errors.js';
import { CRON_BEGIN, crontabWith, crontabWithout, systemdUnits, UNIT_NAME, type JobSpec } from './job-text.js';

export type Installer = 'cron' | 'systemd';

function run(cmd: string, args: string[], input?: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { input, encoding: 'utf8' });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { code: 127, stdout: '', stderr: `${cmd}: not found` };
    throw r.error;
  }
  return { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

function must(cmd: string, args: string[], input?: string): string {
  const r = run(cmd, args, input);
  if (r.code !== 0) {
    const why = r.stderr.trim().split('\n')[0] || `exit ${r.code}`;
    throw new AtsError(`${cmd} ${args.join(' ')} failed: ${why}`, ExitCode.config);
  }
  return r.stdout;
}

/** systemd when the user's service manager answers, else cron. */
export function detectInstaller(): Installer {
  return run('systemctl', ['--user', 'show-environment']).code === 0 ? 'systemd' : 'cron';
}

export function parseInstaller(raw: unknown): Installer | null {
  if (raw === undefined) return null;
  if (raw === 'cron' || raw === 'systemd') return raw;
  throw new UsageError(`--using ${JSON.stringify(raw)}: expected cron or systemd`);
}

/** The user's crontab ("no crontab for user" is an empty one). */
function readCrontab(): string {
  const r = run('crontab', ['-l']);
  if (r.code === 127) throw new AtsError('crontab: not found; install cron or use --using systemd', ExitCode.config);
  return r.code === 0 ? r.stdout : '';
}

const unitDir = (): string => join(homedir(), '.config', 'systemd', 'user');
const unitPaths = (): { service: string; timer: string } => ({
  service: join(unitDir(), `${UNIT_NAME}.service`),
  timer: join(unitDir(), `${UNIT_NAME}.timer`),
});

export function installJob(using: Installer, spec: JobSpec): string[] {
  if (using === 'cron') {
    must('crontab', ['-'], crontabWith(readCrontab(), spec));
    return ['user crontab'];
  }
  const units = systemdUnits(spec);
  const paths = unitPaths();
  mkdirSync(unitDir(), { recursive: true });
  writeFileSync(paths.service, units.service);
  writeFileSync(paths.timer, units.timer);
  must('systemctl', ['--user', 'daemon-reload']);
  must('systemctl', ['--user', 'enable', '--now', `${UNIT_NAME}.timer`]);
  return [paths.service, paths.timer];
}

/** Remove whatever is installed (both kinds); returns what was removed. */
export function removeJob(): string[] {
  const removed: string[] = [];
  const crontab = run('crontab', ['-l']);
  if (crontab.code === 0 && crontab.stdout.split('\n').includes(CRON_BEGIN)) {
    must('crontab', ['-'], crontabWithout(crontab.stdout));
    removed.push('user crontab');
  }
  const paths = unitPaths();
  if (existsSync(paths.timer) || existsSync(paths.service)) {
    run('systemctl', ['--user', 'disable', '--now', `${UNIT_NAME}.timer`]);
    rmSync(paths.timer, { force: true });
    rmSync(paths.service, { force: true });
    run('systemctl', ['--user', 'daemon-reload']);
    removed.push(paths.service, paths.timer);
  }
  return removed;
}

/** Which kind of job is installed, if any. */
export function installedJob(): Installer | null {
  if (existsSync(unitPaths().timer)) return 'systemd';
  const crontab = run('crontab', ['-l']);
  return crontab.code === 0 && crontab.stdout.split('\n').includes(CRON_BEGIN) ? 'cron' : null;
}
