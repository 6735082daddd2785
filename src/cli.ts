import { Command, CommanderError, Help, Option } from 'commander';
import { AtsError, ExitCode } from './lib/errors.js';
import { scrubSecrets } from './lib/secrets.js';
import { registerCommands } from './commands/register.js';
import { classifyStoreError } from './lib/store/store-errors.js';

/**
 * Entry point: builds the commander program and is the only place that sets the exit code.
 * Heavy modules load inside each command's action, so `ats --help` stays fast.
 */
export function buildProgram(): Command {
  const program = new Command('ats')
    .description(
      'Autonomous stock-trading toolkit: market data, quality, models, backtests, orders, portfolio — one SQLite store.',
    )
    .version('0.1.0')
    .addOption(new Option('--db <path>', 'SQLite store (env ATS_DB)').default(undefined, 'data/ats.db'))
    .option('--json', 'print the result as JSON on stdout')
    .option('-v, --verbose', 'more logs on stderr; stack traces on errors')
    .option('--quiet', 'only errors on stderr')
    .option('--config <file>', 'configuration file (default ./ats.config.json if present)')
    .configureHelp({
      showGlobalOptions: true,
      // Only the program's own options (--db, --json, -v…): a parent command's options (train's --symbols) do not
      // apply to its subcommands (train list).
      visibleGlobalOptions(cmd: Command): Option[] {
        let root = cmd;
        while (root.parent) root = root.parent;
        return root === cmd
          ? []
          : new Help().visibleOptions(root).filter((o) => o.long !== '--help' && o.long !== '--version');
      },
    })
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  program.addHelpText(
    'after',
    `
Configuration, lowest to highest: defaults < ats.config.json < .env < environment < flags.
Environment: ATS_DB, POLYGON_API_KEY, POLYGON_BASE_URL, POLYGON_RATE_LIMIT, APCA_API_KEY_ID,
APCA_API_SECRET_KEY, ATS_TRADING_MODE, SLACK_WEBHOOK_URL. Without POLYGON_API_KEY the bundled
sample data is the source. Exit codes are listed in the README.`,
  );
  registerCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  const verbose = argv.includes('-v') || argv.includes('--verbose');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.ok;
  } catch (err) {
    return reportError(err, verbose);
  }
}

function reportError(thrown: unknown, verbose: boolean): number {
  // A corrupt, full or read-only store is the user's data, not our bug: exit 4 with what to do.
  const err = classifyStoreError(thrown) ?? thrown;
  if (err instanceof CommanderError) {
    // help and version exit through here with code 0; commander already printed its message
    return err.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (err instanceof AtsError) {
    process.stderr.write(scrubSecrets(`ats: ${err.message}\n`));
    if (verbose && err.stack) process.stderr.write(scrubSecrets(`${err.stack}\n`));
    return err.exitCode;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  process.stderr.write(scrubSecrets(`ats: internal error: ${e.message}\n`));
  if (verbose && e.stack) process.stderr.write(scrubSecrets(`${e.stack}\n`));
  return ExitCode.internal;
}

// A reader that stops early (`ats --help | head`) closes the pipe: that is the reader's choice, not our error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(process.exitCode ?? 0);
});
process.exitCode = await main(process.argv.slice(2));
