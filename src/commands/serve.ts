import type { Command } from 'commander';
import { runCommand } from './run.js';
import { withBrokerOptions } from './wiring.js';
import type { ServeFlags } from './serve-run.js';
import { wholeNumber } from './options.js';

export function registerServe(program: Command): void {
  withBrokerOptions(
    program
      .command('serve')
      .description('local web dashboard: positions with live PnL, equity, orders, runs, models, playbook, reports')
      .option('--host <ip>', 'address to bind (any but loopback needs ATS_SERVE_TOKEN)', '127.0.0.1')
      .option('--port <n>', 'TCP port (0: any free one)', wholeNumber('--port', 0), 8080)
      .option('--read-only', 'no actions: buttons hidden and POSTs refused (403)')
      .option('--json-log', 'one JSON line per HTTP request on stderr'),
  ).action(async (_o, cmd: Command) => {
    await runCommand(cmd, async (ctx, opts) => {
      const { serveCommand } = await import('./serve-run.js');
      await serveCommand(ctx, opts as unknown as ServeFlags);
      return { result: undefined, text: '' };
    });
  });
}
