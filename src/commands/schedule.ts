import type { Command } from 'commander';
import { runCommand } from './run.js';

export function registerSchedule(program: Command): void {
  const schedule = program
    .command('schedule')
    .description('run `ats daily` on NYSE sessions: install a cron/systemd job, or run the scheduler in-process');
  schedule
    .command('install')
    .description('install the daily job (user crontab or systemd user timer), New York time, NYSE sessions only')
    .option('--at <HH:MM>', 'New York time of the run (on 13:00 early-close days, the same offset after the close)')
    .option('--args <string>', 'arguments for ats daily, e.g. "--symbols AAPL,MSFT --trade"')
    .option('--using <kind>', 'cron | systemd (default: systemd when the user service manager answers, else cron)')
    .action(action('install'));
  schedule.command('remove').description('remove the installed daily job').action(action('remove'));
  schedule
    .command('status')
    .description('installed or not, the next run (New York and local time), paused, the last result')
    .action(action('status'));
  schedule
    .command('run')
    .description('the scheduler in the foreground (containers, services); --once: run the due session and exit')
    .option('--once', 'run today’s session if its run time has passed and it has not run yet, then exit (cron)')
    .option('--at <HH:MM>', 'New York time of the run (default: the saved one, else 16:30)')
    .option('--args <string>', 'arguments for ats daily (default: the saved ones)')
    .action(action('run'));
  schedule.command('pause').description('skip scheduled runs until resume').action(action('pause'));
  schedule.command('resume').description('scheduled runs start again').action(action('resume'));
}

type Sub = 'install' | 'remove' | 'status' | 'run' | 'pause' | 'resume';

function action(sub: Sub) {
  return async (_opts: unknown, cmd: Command): Promise<void> => {
    await runCommand(cmd, async (ctx, opts) => {
      const { scheduleCommand } = await import('./schedule-run.js');
      return scheduleCommand(sub, ctx, opts);
    });
  };
}
