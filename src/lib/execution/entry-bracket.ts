/**
 * The bracket a long entry is sent with: the adaptive stop of the original design (entry − 2 ATR: wider in volatile
 * names), the size that keeps the dollar risk to that stop at the account tier's budget, and the take-profit at
 * entry + rewardRisk × (entry − stop). The per-symbol exposure cap can only lower a size (and so its risk), never
 * raise it. Prices are rounded to the tick the broker accepts; the size uses the rounded stop.
 */
import { roundPrice } from '../broker/price-format.js';
import { sizeByRisk } from '../risk/index.js';

/** Stop distance: two average true ranges below the entry. */
export const STOP_ATR_MULTIPLE = 2;

export interface EntryBracketInput {
  entry: number;
  /** Average true range as a fraction of the close (0.02 = 2 %). */
  atrPct: number;
  equity: number;
  buyingPower: number;
  /** Fraction of equity at risk per trade (the account tier's). */
  riskPerTrade: number;
  /** Largest position in one symbol, percent of equity (5 = 5 %). */
  maxSymbolPct: number;
  rewardRisk: number;
}

export interface EntryBracket {
  shares: number;
  stop: number;
  takeProfit: number;
  /** Dollars lost if the stop fills at its price: shares × (entry − stop). */
  risk: number;
}

export function entryBracket(i: EntryBracketInput): EntryBracket {
  const stop = roundPrice(i.entry * (1 - STOP_ATR_MULTIPLE * i.atrPct));
  const takeProfit = roundPrice(i.entry + i.rewardRisk * (i.entry - stop));
  const byRisk = sizeByRisk({
    equity: i.equity,
    entry: i.entry,
    stop,
    riskPerTrade: i.riskPerTrade,
    buyingPower: i.buyingPower,
    side: 'buy',
  }).shares;
  const shares = Math.max(0, Math.min(byRisk, Math.floor((i.equity * i.maxSymbolPct) / 100 / i.entry)));
  return { shares, stop, takeProfit, risk: shares * (i.entry - stop) };
}
