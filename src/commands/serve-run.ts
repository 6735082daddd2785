/** `ats serve`: check the address and token, open the broker and the live feed, serve until SIGINT/SIGTERM. */
import { join } from 'node:path';
import { UsageError } from '../lib/errors.js';
import type { CommandContext } from './context.js';
import { packageRoot } from './context.js';
import { executionDeps, type BrokerFlags } from './wiring.js';
import type { PriceStream } from '../lib/market/price-stream.js';

export interface ServeFlags extends BrokerFlags {
  host: string;
  port: number;
  readOnly?: boolean;
  jsonLog?: boolean;
}

export async function serveCommand(ctx: CommandContext, flags: ServeFlags): Promise<void> {
  if (flags.port > 65535) throw new UsageError(`--port must be 0..65535, got ${flags.port}`);
  const { bindProblem } = await import('../lib/server/security.js');
  const problem = bindProblem(flags.host, ctx.cfg.serveToken);
  if (problem) throw new UsageError(problem);
  const deps = await executionDeps(ctx, flags, false);
  const live = deps.broker.name === 'alpaca' && flags.live === true && ctx.cfg.tradingMode === 'live';
  let stream: PriceStream | null = null;
  if (ctx.cfg.polygonApiKey) {
    const { priceStreamFromConfig } = await import('../lib/market/price-stream.js');
    stream = priceStreamFromConfig(ctx.cfg, ctx.log, [], false);
    stream.done.catch((err: unknown) => ctx.log.warn(`live prices stopped: ${ctx.scrub(String(err))}`));
  }
  const { startDashboard } = await import('../lib/server/app.js');
  let dashboard;
  try {
    dashboard = await startDashboard({
      deps,
      cfg: ctx.cfg,
      log: ctx.log,
      scrub: ctx.scrub,
      host: flags.host,
      port: flags.port,
      readOnly: flags.readOnly === true,
      liveTrading: live,
      token: ctx.cfg.serveToken,
      prices: stream?.feed ?? null,
      follow: (symbols) => stream?.follow(symbols),
      streamConnected: () => stream?.connected() ?? false,
      cli: { node: process.execPath, path: join(packageRoot, 'bin', 'ats.js'), cwd: process.cwd() },
      jsonLog: flags.jsonLog === true,
      now: ctx.now,
    });
  } catch (err) {
    await stream?.stop().catch(() => {});
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`port ${flags.port} on ${flags.host} is in use`);
    if (code === 'EADDRNOTAVAIL') throw new UsageError(`${flags.host} is not an address of this machine`);
    throw err;
  }
  if (!stream) ctx.log.info('no POLYGON_API_KEY: positions show stored prices (no live updates)');
  ctx.out(ctx.cfg.json ? JSON.stringify({ url: dashboard.url }) : `dashboard on ${dashboard.url}`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await dashboard.close();
  await stream?.stop().catch(() => {});
}
