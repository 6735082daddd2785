/** `ats portfolio --stream`: positions revalued on every streamed trade or quote, one line per update. */
import type { CommandContext } from './context.js';
import { executionDeps, type BrokerFlags } from './wiring.js';
import type { LiveUpdate } from '../lib/portfolio/live.js';

export interface PortfolioStreamFlags extends BrokerFlags {
  realtime?: boolean;
}

/** Positions (and new ones) are reloaded this often, so fills made by other processes show up. */
const RELOAD_MS = 15_000;

export async function portfolioStream(ctx: CommandContext, flags: PortfolioStreamFlags): Promise<{ updates: number }> {
  const deps = await executionDeps(ctx, flags, false);
  const { LivePortfolio } = await import('../lib/portfolio/live.js');
  const { priceStreamFromConfig } = await import('../lib/market/price-stream.js');
  const live = new LivePortfolio(deps);
  await live.reload();
  const prices = priceStreamFromConfig(ctx.cfg, ctx.log, live.symbols(), flags.realtime === true);
  let updates = 0;
  const off = prices.feed.onUpdate((p) => {
    const u = live.apply(p);
    if (u === null) return;
    updates++;
    ctx.out(ctx.cfg.json ? JSON.stringify(u) : updateLine(u));
  });
  let reloading = false;
  const timer = setInterval(() => {
    if (reloading) return;
    reloading = true;
    live
      .reload()
      .then(() => prices.follow(live.symbols()))
      .catch((err: unknown) =>
        ctx.log.warn(`portfolio reload failed: ${err instanceof Error ? err.message : String(err)}`),
      )
      .finally(() => (reloading = false));
  }, RELOAD_MS);
  const stop = (): void => void prices.stop().catch(() => {});
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  ctx.log.info(`streaming prices for ${live.symbols().join(', ') || 'no open positions'}; Ctrl-C to stop`);
  try {
    await prices.done;
  } finally {
    clearInterval(timer);
    off();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  return { updates };
}

const sign = (n: number): string => (n >= 0 ? `+${n.toFixed(2)}` : n.toFixed(2));

function updateLine(u: LiveUpdate): string {
  const p = u.position;
  const time = new Date(u.receivedAt).toISOString().slice(11, 19);
  return (
    `${time}Z ${u.symbol.padEnd(6)} ${u.price.toFixed(2)} (${u.source})  ${p.qty} @ ${p.avgCost.toFixed(2)}  ` +
    `value ${p.marketValue.toFixed(2)}  unrealized ${sign(p.unrealizedPnl)} (${sign(p.unrealizedPct * 100)}%)  ` +
    `total unrealized ${sign(u.totals.unrealizedPnl)}  equity ${u.totals.equity.toFixed(2)}`
  );
}
