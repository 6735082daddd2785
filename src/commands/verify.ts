import type { Command } from 'commander';
import { AtsError, ExitCode } from '../lib/errors.js';
import { runCommand } from './run.js';
import type { CommandContext } from './context.js';

export interface VerifyCheck {
  provider: string;
  ok: boolean;
  message: string;
}

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('preflight: one cheap authenticated call per configured provider, and the store')
    .option('--source <name>', 'polygon | sample')
    .action(async (_opts, cmd: Command) => {
      await runCommand(cmd, async (ctx) => {
        const checks = await verifyCommand(ctx);
        const text = checks.map((c) => `${c.ok ? 'ok  ' : 'FAIL'} ${c.provider.padEnd(8)} ${c.message}`).join('\n');
        const failed = checks.find((c) => !c.ok);
        if (failed) ctx.log.error(`${failed.provider}: ${failed.message}`);
        return { result: { ok: !failed, checks }, text, exitCode: failed ? ExitCode.config : ExitCode.ok };
      });
    });
}

/** Checks the store opens (migrations applied) and each configured data/broker provider answers. */
export async function verifyCommand(ctx: CommandContext): Promise<VerifyCheck[]> {
  const checks: VerifyCheck[] = [];
  const attempt = async (provider: string, fn: () => Promise<string>): Promise<void> => {
    try {
      checks.push({ provider, ok: true, message: await fn() });
    } catch (err) {
      const msg = err instanceof AtsError ? err.message : `unexpected error: ${(err as Error).message}`;
      checks.push({ provider, ok: false, message: ctx.scrub(msg) });
    }
  };
  await attempt('store', async () => {
    const store = await ctx.openStore();
    return `${store.path} (schema ${String(store.db.pragma('user_version', { simple: true }))})`;
  });
  await attempt(ctx.cfg.source, async () => {
    const { openMarketSource } = await import('../lib/market/open-source.js');
    const source = await openMarketSource(ctx.cfg, ctx.log);
    return source.verify();
  });
  return checks;
}
