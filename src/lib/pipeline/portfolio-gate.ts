/**
 * The portfolio-level limits of `daily` (risk/portfolio-risk.ts) on the planned entries, in plan order: the
 * sector, correlation and heat limits over the broker's open positions plus the entries accepted before in this
 * run (so two picks from one sector, or two correlated picks, are judged together even before either fills).
 * Point in time: returns and ATRs use the stored bars up to the as-of session only.
 */
import { collectMissingSectors, storedSector } from '../collect/sectors.js';
import { AtsError } from '../errors.js';
import { atr } from '../features/volatility.js';
import { checkPortfolioRisk, resolveRiskLimits, returnCorrelation } from '../risk/index.js';
import type { BookPosition } from '../risk/index.js';
import type { BrokerOrder, BrokerPosition } from '../broker/types.js';
import { loadSeries } from '../store/bars.js';
import { nyMidnight } from '../time.js';
import type { BarSeries } from '../types.js';
import type { DailyContext } from './steps.js';

/** What the gate reads and marks on a planned entry (orders.ts PlannedTrade). */
export interface GatedTrade {
  symbol: string;
  shares: number;
  entry: number;
  stop: number;
  status: string;
}

type GateContext = Pick<DailyContext, 'store' | 'source' | 'asOf' | 'log' | 'now' | 'execution'>;

const PROTECTIVE_TYPES = new Set(['stop', 'stop_limit', 'trailing_stop']);

/** Marks each planned entry that breaks a portfolio limit `refused: <rule and numbers>`; returns how many. */
export async function gatePortfolioRisk(
  ctx: GateContext,
  planned: GatedTrade[],
  stopAtrMultiple: number,
): Promise<number> {
  const candidates = planned.filter((t) => t.shares > 0 && !t.status.startsWith('refused'));
  if (candidates.length === 0) return 0;
  const deps = await ctx.execution();
  const limits = resolveRiskLimits(deps.limits);
  const [account, positions, openOrders] = await Promise.all([
    deps.broker.getAccount(),
    deps.broker.getPositions(),
    deps.broker.listOrders('open'),
  ]);
  const symbols = [...new Set([...positions.map((p) => p.symbol), ...candidates.map((t) => t.symbol)])];
  try {
    await collectMissingSectors(ctx.store, ctx.source, symbols, ctx.now);
  } catch (err) {
    if (!(err instanceof AtsError)) throw err;
    ctx.log.warn(`sectors: ${err.message}; the sector limit skips symbols without a sector`);
  }
  const asOfTs = nyMidnight(ctx.asOf);
  const series = new Map(symbols.map((s) => [s, loadSeries(ctx.store, s, -Infinity, asOfTs)]));
  const stops = protectiveStops(openOrders);
  const book: BookPosition[] = positions
    .filter((p) => p.qty !== 0)
    .map((p) => heldPosition(p, stops.get(p.symbol) ?? [], series.get(p.symbol), stopAtrMultiple, ctx));
  let refused = 0;
  for (const t of candidates) {
    const sector = storedSector(ctx.store, t.symbol);
    const mine = series.get(t.symbol)!;
    const check = checkPortfolioRisk(
      { symbol: t.symbol, qty: t.shares, entry: t.entry, stop: t.stop, sector },
      { equity: account.equity, positions: book },
      (held) => {
        const other = series.get(held);
        return other ? returnCorrelation(mine, other, asOfTs, limits.correlationSessions) : null;
      },
      limits,
    );
    if (!check.ok) {
      t.status = `refused: ${check.message}`;
      ctx.log.warn(`${t.symbol}: ${check.message}`);
      refused++;
      continue;
    }
    book.push({
      symbol: t.symbol,
      qty: t.shares,
      price: t.entry,
      stops: [{ qty: t.shares, stopPrice: t.stop }],
      sizingStop: t.stop,
      sector,
    });
  }
  return refused;
}

/** Resting stop-type orders by symbol (bracket and oto legs included), for the positions they close. */
function protectiveStops(orders: readonly BrokerOrder[]): Map<string, BrokerOrder[]> {
  const out = new Map<string, BrokerOrder[]>();
  const all = orders.flatMap((o) => [o, ...(o.legs ?? [])]);
  for (const o of all) {
    if (!PROTECTIVE_TYPES.has(o.type) || o.status === 'filled' || o.status === 'canceled') continue;
    out.set(o.symbol, [...(out.get(o.symbol) ?? []), o]);
  }
  return out;
}

function heldPosition(
  p: BrokerPosition,
  orders: readonly BrokerOrder[],
  bars: BarSeries | undefined,
  stopAtrMultiple: number,
  ctx: GateContext,
): BookPosition {
  const closing = p.qty > 0 ? 'sell' : 'buy';
  const dir = p.qty > 0 ? 1 : -1;
  const stops = orders
    .filter((o) => o.side === closing)
    .map((o) => ({ qty: o.qty - o.filledQty, stopPrice: stopPriceOf(o, p.currentPrice, dir) }))
    .filter((s): s is { qty: number; stopPrice: number } => s.stopPrice !== null && s.qty > 0);
  let sizingStop: number | null = null;
  if (bars && bars.close.length > 0) {
    const a = atr(bars.high, bars.low, bars.close).at(-1)!;
    const atrPct = a / bars.close.at(-1)!;
    if (Number.isFinite(atrPct)) sizingStop = p.currentPrice * (1 - dir * stopAtrMultiple * atrPct);
  }
  if (stops.length === 0 && sizingStop === null)
    ctx.log.warn(`${p.symbol}: no stop at the broker and no ATR to size one: its whole value counts as heat`);
  return {
    symbol: p.symbol,
    qty: p.qty,
    price: p.currentPrice,
    stops,
    sizingStop,
    sector: storedSector(ctx.store, p.symbol),
  };
}

/**
 * A stop order's trigger price. A trailing stop's level trails the best price since entry, which the order does not
 * carry: it is taken at the current price (the farthest it can be), so its risk is never understated.
 */
function stopPriceOf(o: BrokerOrder, price: number, dir: number): number | null {
  if (o.stopPrice !== null) return o.stopPrice;
  if (o.type === 'trailing_stop' && o.trailPercent) return price * (1 - (dir * o.trailPercent) / 100);
  return null;
}
