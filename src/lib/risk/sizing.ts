/**
 * Fixed-fractional position sizing: risk a fixed fraction of equity per trade, where the "risk" of a trade is
 * the loss taken if the protective stop is hit, i.e. shares × |entry − stop|.
 *   shares = floor(equity × riskPerTrade / |entry − stop|), capped by floor(buyingPower / entry).
 */
import { UsageError } from '../errors.js';

export interface SizeByRiskInput {
  equity: number;
  /** Expected entry price per share. */
  entry: number;
  /** Protective stop price: below the entry for a buy (long), above it for a sell (short). */
  stop: number;
  /** Fraction of equity risked on this trade (0.03 = 3%), e.g. accountTier(equity).riskPerTrade. */
  riskPerTrade: number;
  buyingPower: number;
  side: 'buy' | 'sell';
}

export interface PositionSize {
  shares: number;
  /** Dollars at risk as sized: shares × stopDistance (≤ riskBudget). */
  riskDollars: number;
  /** equity × riskPerTrade. */
  riskBudget: number;
  stopDistance: number;
  /** Shares the risk budget allows, before the buying-power cap. */
  sharesByRisk: number;
  /** Shares buying power allows. */
  sharesByBuyingPower: number;
  /** Which constraint set the size. */
  limitedBy: 'risk' | 'buyingPower';
}

/**
 * Tolerance for floor(): 750 / 2.5 is exactly 300, but decimal prices such as 0.7 − 0.1 are not exact in binary
 * and can make a true 300 come out as 299.99999999999994. Shares are whole, so 1e-9 of a share cannot matter.
 */
const FLOOR_EPSILON = 1e-9;

export function sizeByRisk(input: SizeByRiskInput): PositionSize {
  const { equity, entry, stop, riskPerTrade, buyingPower, side } = input;
  const numbers = `entry ${entry}, stop ${stop}`;
  if (!Number.isFinite(entry) || entry <= 0)
    throw new UsageError(`position size: entry must be a price > 0 (${numbers})`);
  if (!Number.isFinite(stop) || stop < 0) throw new UsageError(`position size: stop must be a price >= 0 (${numbers})`);
  if (side === 'buy' && !(stop < entry)) {
    throw new UsageError(`position size: a buy's stop must be below its entry (${numbers})`);
  }
  if (side === 'sell' && !(stop > entry)) {
    throw new UsageError(`position size: a sell's stop must be above its entry (${numbers})`);
  }
  if (!Number.isFinite(equity) || equity < 0) throw new UsageError(`position size: equity must be >= 0, got ${equity}`);
  if (!Number.isFinite(riskPerTrade) || riskPerTrade <= 0 || riskPerTrade > 1) {
    throw new UsageError(`position size: riskPerTrade must be a fraction in (0, 1], got ${riskPerTrade}`);
  }
  if (!Number.isFinite(buyingPower))
    throw new UsageError(`position size: buying power must be a number, got ${buyingPower}`);

  const stopDistance = Math.abs(entry - stop);
  const riskBudget = equity * riskPerTrade;
  const sharesByRisk = Math.floor(riskBudget / stopDistance + FLOOR_EPSILON);
  const sharesByBuyingPower = Math.max(0, Math.floor(buyingPower / entry + FLOOR_EPSILON));
  const shares = Math.min(sharesByRisk, sharesByBuyingPower);
  return {
    shares,
    riskDollars: shares * stopDistance,
    riskBudget,
    stopDistance,
    sharesByRisk,
    sharesByBuyingPower,
    limitedBy: sharesByBuyingPower < sharesByRisk ? 'buyingPower' : 'risk',
  };
}
