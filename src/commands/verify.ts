import type { Command } from 'commander';
import { AtsError, ExitCode } from '../lib/errors.js';
import { classifyStoreError } from '../lib/store/store-errors.js';
import { runCommand } from './run.js';
import type { CommandContext } from './context.js';

export interface VerifyCheck {
  provider: string;
  ok: boolean;
  message: string;
  /** The exit code this failure maps to (README "Exit codes"); absent when ok. */
  exitCode?: number;
}

interface VerifyFlags {
  broker?: string;
  live?: boolean;
}

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('preflight: the store passes SQLite integrity check; one authenticated call per configured provider')
    .option('--source <name>', 'polygon | sample')
    .option('--broker <name>', 'paper | alpaca (env ATS_BROKER; alpaca is checked whenever its keys are set)')
    .option('--live', 'alpaca: check the live account (also needs ATS_TRADING_MODE=live)')
    .action(async (opts: VerifyFlags, cmd: Command) => {
      await runCommand(cmd, async (ctx) => {
        const checks = await verifyCommand(ctx, opts);
        const text = checks.map((c) => `${c.ok ? 'ok  ' : 'FAIL'} ${c.provider.padEnd(8)} ${c.message}`).join('\n');
        const failed = checks.find((c) => !c.ok);
        if (failed) ctx.log.error(`${failed.provider}: ${failed.message}`);
        return { result: { ok: !failed, checks }, text, exitCode: failed?.exitCode ?? ExitCode.ok };
      });
    });
}

/**
 * Checks the store (opens, migrations applied, SQLite's integrity check), the market data source and,
 * when one is configured, the broker (one authenticated account call). A failure keeps its own exit code:
 * a refused connection, 429, 5xx or timeout is temporary (6), a corrupt or read-only store is data (4),
 * a rejected key or a plan limit is configuration (3).
 */
export async function verifyCommand(ctx: CommandContext, flags: VerifyFlags = {}): Promise<VerifyCheck[]> {
  const checks: VerifyCheck[] = [];
  const attempt = async (provider: string, fn: () => Promise<string>): Promise<void> => {
    try {
      checks.push({ provider, ok: true, message: await fn() });
    } catch (thrown) {
      const err = classifyStoreError(thrown, ctx.cfg.db, { pointToVerify: false }) ?? thrown;
      const known = err instanceof AtsError;
      const message = known ? err.message : `unexpected error: ${(err as Error).message}`;
      checks.push({
        provider,
        ok: false,
        message: ctx.scrub(message),
        exitCode: known ? err.exitCode : ExitCode.internal,
      });
    }
  };
  await attempt('store', async () => {
    const store = await ctx.openStore();
    const { integrityProblems, schemaVersion } = await import('../lib/store/integrity.js');
    const { integrityError } = await import('../lib/store/store-errors.js');
    const problems = integrityProblems(store);
    if (problems.length > 0) throw integrityError(store.path, problems);
    return `${store.path} (schema ${schemaVersion(store)}, integrity ok)`;
  });
  await attempt(ctx.cfg.source, async () => {
    const { openMarketSource } = await import('../lib/market/open-source.js');
    const source = await openMarketSource(ctx.cfg, ctx.log);
    return source.verify();
  });
  // Alpaca keys in the environment mean the broker is configured even when this run's default is paper.
  const keys = ctx.cfg.alpacaKeyId !== null || ctx.cfg.alpacaSecretKey !== null;
  const broker = flags.broker === undefined && keys ? 'alpaca' : ctx.cfg.broker;
  await attempt('broker', async () => {
    const { executionDeps } = await import('./wiring.js');
    const deps = await executionDeps({ ...ctx, cfg: { ...ctx.cfg, broker } }, { live: flags.live ?? false }, false);
    if (deps.broker.name === 'paper') return 'paper: the local simulator (no account to call)';
    const account = await deps.broker.getAccount();
    return `Alpaca account reachable, keys accepted (equity ${account.equity.toFixed(2)})`;
  });
  return checks;
}
