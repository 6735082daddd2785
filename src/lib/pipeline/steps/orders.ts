import { BrokerError } from '../../errors.js';
import { placeOrder } from '../../execution/place-order.js';
import { accountView } from '../../execution/account-snapshot.js';
import { entryBracket, STOP_ATR_MULTIPLE } from '../../execution/entry-bracket.js';
import { accountTier, DEFAULT_RISK_LIMITS } from '../../risk/index.js';
import { loadPlaybook, type PlaybookRow } from '../../store/playbook.js';
import { activeModel } from '../../store/models.js';
import { gatePortfolioRisk } from '../portfolio-gate.js';
import type { DailyContext, DailyStep } from '../steps.js';
import { decideModelGate } from '../model-gate.js';
import { regimeRisk } from '../regime-risk.js';

export interface PlannedTrade {
  symbol: string;
  probability: number;
  momentum: number;
  rsi: number;
  atrPct: number;
  side: 'long';
  shares: number;
  entry: number;
  stop: number;
  takeProfit: number;
  risk: number;
  /** The regime's factor on the risk per trade (regimeRiskScale in a high-volatility downtrend, else 1). */
  riskScale: number;
  status: string;
  clientOrderId?: string;
}

/**
 * With --trade: the playbook's long picks at or above the threshold, best first, as many as the account
 * tier allows (and --top), each sized by risk (entry = last close, stop = entry − 2 ATR) and sent through
 * the configured broker as a bracket: the entry with its stop-loss and take-profit legs, good till canceled so
 * the exits outlive the day. Client order ids come from the run key, so a re-run places nothing twice.
 */
export const ordersStep: DailyStep = {
  name: 'orders',
  run: async (ctx) => {
    const planned = await planTrades(ctx);
    await gatePortfolioRisk(ctx, planned, STOP_ATR_MULTIPLE);
    ctx.results.trades = planned;
    if (!ctx.options.trade) return `${planned.length} candidate(s); not trading (pass --trade to place orders)`;
    const gate = decideModelGate(ctx);
    if (!gate.open) {
      for (const t of planned) t.status = 'not placed: model gate closed';
      return gate.summary;
    }
    const deps = await ctx.execution();
    let placed = 0;
    for (const t of planned) {
      if (t.shares <= 0 || t.status.startsWith('refused')) continue;
      try {
        const r = await placeOrder(deps, {
          symbol: t.symbol,
          side: 'buy',
          qty: t.shares,
          type: 'market',
          // Alpaca's legs take the entry's time in force: day legs would expire at the close.
          timeInForce: 'gtc',
          limitPrice: null,
          stopPrice: null,
          orderClass: 'bracket',
          stopLoss: { stopPrice: t.stop, limitPrice: null },
          takeProfit: { limitPrice: t.takeProfit },
          runId: `daily-${ctx.asOf}`,
          source: 'daily',
          intent: 'entry',
          strategy: 'model',
        });
        t.status = r.alreadyPlaced ? `already placed (${r.order.status})` : r.order.status;
        t.clientOrderId = r.order.clientOrderId;
        ctx.orders.push({
          clientOrderId: r.order.clientOrderId,
          symbol: t.symbol,
          qty: t.shares,
          status: r.order.status,
          alreadyPlaced: r.alreadyPlaced,
        });
        if (!r.alreadyPlaced) placed++;
      } catch (err) {
        if (!(err instanceof BrokerError)) throw err;
        t.status = `refused: ${err.message}`;
        ctx.log.warn(`${t.symbol}: ${err.message}`);
      }
    }
    const refused = planned.filter((t) => t.status.startsWith('refused')).length;
    const forced = gate.forced ? `; ${gate.summary}` : '';
    return `${placed} order(s) placed, ${planned.length - placed - refused} already placed or unsized, ${refused} refused${forced}`;
  },
};

async function planTrades(ctx: DailyContext): Promise<PlannedTrade[]> {
  const model = activeModel(ctx.store);
  if (!model) return [];
  const rows: PlaybookRow[] = loadPlaybook(ctx.store, ctx.asOf, model.id);
  const picks = rows
    .filter((r) => r.side === 'long' && r.probability >= ctx.options.threshold)
    .sort((a, b) => a.rank - b.rank);
  if (picks.length === 0) return [];
  const deps = await ctx.execution();
  const view = await accountView(deps, ctx.marketNow());
  const tier = accountTier(view.account.equity);
  const equity = view.account.equity;
  const buyingPower = view.account.buyingPower;
  const held = new Set(view.positions.map((p) => p.symbol));
  const slots = Math.max(0, tier.maxOpenPositions - held.size);
  const regime = regimeRisk(ctx);
  if (regime.scale !== 1) ctx.log.info(`regime ${regime.regime}: risk per trade × ${regime.scale}`);
  // The top picks first, then the ones not yet held: a re-run after the fills plans no new symbol.
  return picks
    .slice(0, ctx.options.top)
    .filter((p) => !held.has(p.symbol))
    .slice(0, slots)
    .map((p) => {
      const entry = p.close;
      const base = {
        symbol: p.symbol,
        probability: p.probability,
        momentum: p.momentum,
        rsi: p.rsi,
        atrPct: p.atrPct,
        side: 'long' as const,
        entry,
        riskScale: regime.scale,
      };
      try {
        // Risk sizing, then capped so the position stays inside the per-symbol exposure limit checkOrder enforces.
        const b = entryBracket({
          entry,
          atrPct: p.atrPct,
          equity,
          buyingPower,
          riskPerTrade: tier.riskPerTrade * regime.scale,
          maxSymbolPct: deps.limits?.maxSymbolPct ?? DEFAULT_RISK_LIMITS.maxSymbolPct,
          rewardRisk: ctx.cfg.rewardRisk,
        });
        const status = b.shares === 0 ? 'unsized: no whole share fits the risk budget' : 'planned';
        return { ...base, ...b, status };
      } catch (err) {
        const status = `unsized: ${(err as Error).message}`;
        return { ...base, shares: 0, stop: Number.NaN, takeProfit: Number.NaN, risk: 0, status };
      }
    });
}
