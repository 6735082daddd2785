/**
 * The broker's option positions as grouped strategies: each leg marked as of the clock (the stored chain's mid,
 * else the model chain: options/contract-mark.ts), the broker's current price when neither can price it.
 */
import { isOptionSymbol } from '../contract-multiplier.js';
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
