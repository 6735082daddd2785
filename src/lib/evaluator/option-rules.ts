/**
 * Exit rules for a grouped options position (portfolio/option-groups.ts), and the one mleg order that closes it.
 * Pure.
 *   take-profit p:  close once net PnL ≥ p × max profit (max profit known and > 0)
 *   stop m:         close a credit position once its loss ≥ m × the credit received
 *   days to expiry: close once days to expiry ≤ N
 * null disables a rule; checked in the order stop, take-profit, days to expiry.
 */
import type { OptionOrderLeg, OrderRequest } from '../order-types.js';
import type { OptionGroup } from '../portfolio/option-groups.js';

export interface OptionRules {
  takeProfit: number | null;
  stopMultiple: number | null;
  closeDte: number | null;
}

export interface OptionDecision {
  action: 'hold' | 'close';
  rule: 'stop-loss' | 'take-profit' | 'days-to-expiry' | null;
  reason: string;
}

const EPS = 1e-9;
const usd = (n: number): string => n.toFixed(2);

export function evaluateOptionGroup(g: OptionGroup, r: OptionRules): OptionDecision {
  const name = `${g.strategy} ${g.underlying} ${g.expiry}`;
  if (r.stopMultiple !== null && g.premium > 0 && -g.netPnl >= r.stopMultiple * g.premium - EPS)
    return {
      action: 'close',
      rule: 'stop-loss',
      reason: `stop-loss: ${name} lost ${usd(-g.netPnl)}, ≥ ${r.stopMultiple} × the credit ${usd(g.premium)}`,
    };
  if (r.takeProfit !== null && g.maxProfit !== null && g.maxProfit > 0 && g.netPnl >= r.takeProfit * g.maxProfit - EPS)
    return {
      action: 'close',
      rule: 'take-profit',
      reason: `take-profit: ${name} made ${usd(g.netPnl)}, ≥ ${r.takeProfit} × max profit ${usd(g.maxProfit)}`,
    };
  if (r.closeDte !== null && g.daysToExpiry <= r.closeDte)
    return {
      action: 'close',
      rule: 'days-to-expiry',
      reason: `days-to-expiry: ${name} expires in ${g.daysToExpiry} days (close at ${r.closeDte})`,
    };
  return { action: 'hold', rule: null, reason: '' };
}

const cents = (x: number): number => Math.round(x * 100) / 100;

/**
 * One mleg limit order reversing every leg (buy_to_close a short, sell_to_close a long), its units the group's,
 * its limit the net of the marks at the cent (+ paid, − received), side buy for a net debit.
 */
export function closingOrder(g: OptionGroup, clientOrderId: string): OrderRequest {
  const optionLegs: OptionOrderLeg[] = g.legs.map((l) => ({
    symbol: l.symbol,
    side: l.qty > 0 ? 'sell' : 'buy',
    ratioQty: Math.abs(l.qty) / g.units,
    positionIntent: l.qty > 0 ? 'sell_to_close' : 'buy_to_close',
  }));
  const net = cents(g.legs.reduce((s, l) => s + (l.qty > 0 ? -1 : 1) * (Math.abs(l.qty) / g.units) * cents(l.mark), 0));
  return {
    clientOrderId,
    symbol: g.underlying,
    side: net >= 0 ? 'buy' : 'sell',
    qty: g.units,
    type: 'limit',
    timeInForce: 'day',
    limitPrice: net,
    stopPrice: null,
    orderClass: 'mleg',
    optionLegs,
  };
}
