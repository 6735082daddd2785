/**
 * The broker's option positions as grouped strategies: each leg marked as of the clock (the stored chain's mid,
 * else the model chain: options/contract-mark.ts), the broker's current price when neither can price it.
 */
import { OPTION_MULTIPLIER, isOptionSymbol } from '../contract-multiplier.js';
import type { PositionRow } from '../position-row.js';
import type { BrokerPosition } from '../order-types.js';
import { contractMark } from '../options/contract-mark.js';
import { parseOcc } from '../options/occ.js';
import type { Store } from '../store/open.js';
import { latestPrice } from '../store/latest-price.js';
import { nyDate } from '../time.js';
import { groupOptionPositions } from './option-groups.js';
import type { OptionGroup, OptionLegPosition } from './option-groups.js';

export function optionLegPositions(
  store: Store,
  positions: readonly BrokerPosition[],
  nowMs: number,
  rate: number,
): OptionLegPosition[] {
  const out: OptionLegPosition[] = [];
  for (const p of positions) {
    if (p.qty === 0 || !(p.assetClass === 'us_option' || isOptionSymbol(p.symbol))) continue;
    const mark = contractMark(store, p.symbol, nowMs, rate);
    const spot = mark?.spot ?? latestPrice(store, parseOcc(p.symbol).root, nowMs)?.price ?? Number.NaN;
    out.push({
      symbol: p.symbol,
      qty: p.qty,
      avgCost: p.avgEntryPrice,
      mark: mark?.price ?? p.currentPrice,
      iv: mark?.iv ?? null,
      spot,
    });
  }
  return out;
}

export function loadOptionGroups(
  store: Store,
  positions: readonly BrokerPosition[],
  nowMs: number,
  rate: number,
): OptionGroup[] {
  return groupOptionPositions(optionLegPositions(store, positions, nowMs, rate), nyDate(nowMs), rate);
}

/**
 * A grouped position as one viewer/table row: qty = units; avg cost and last = the net entry and current value per
 * share of one unit (signed: negative for a net short such as a credit condor); PnL % against the premium.
 */
export function optionGroupRow(g: OptionGroup, equity: number): PositionRow {
  const perUnit = g.units * OPTION_MULTIPLIER;
  return {
    symbol: g.underlying,
    qty: g.units,
    avgCost: -g.premium / perUnit,
    last: g.marketValue / perUnit,
    marketValue: g.marketValue,
    unrealizedPnl: g.netPnl,
    unrealizedPct: g.premium !== 0 ? g.netPnl / Math.abs(g.premium) : 0,
    weight: equity > 0 ? g.marketValue / equity : 0,
    sector: null,
    assetClass: 'us_option',
    option: {
      strategy: g.strategy,
      expiry: g.expiry,
      daysToExpiry: g.daysToExpiry,
      legs: g.legs.length,
      greeks: { delta: g.greeks.delta, gamma: g.greeks.gamma, theta: g.greeks.theta, vega: g.greeks.vega },
      maxProfit: g.maxProfit,
      maxLoss: g.maxLoss,
    },
  };
}
