/**
 * A named option strategy as one broker order. Legs from strategy-legs.ts, each an OCC contract (occ.ts); priced
 * legs (the stored chain's mids or the model's prices, from analyzeStrategy) give the net mid per share of one
 * unit, signed as Alpaca signs an mleg limit: + a debit paid, − a credit received. The limit is that mid plus the
 * offset (dollars per share that make the order more marketable: a debit pays more, a credit takes less), in cents.
 * --close reverses every leg with a *_to_close intent (the closing mid is minus the opening one). A strategy of
 * one option leg becomes a single-leg order (an mleg order needs two legs); a stock leg is not sent here.
 */
import { UsageError } from '../errors.js';
import { OPTION_MULTIPLIER } from '../contract-multiplier.js';
import { formatOcc } from '../options/occ.js';
import type { LegSpec } from '../options/strategy-legs.js';
import type { StrategyResult } from '../options/strategy.js';
import type { OptionOrderLeg, OrderSide } from '../broker/types.js';
import type { PlaceInput } from './place-order.js';

export interface StrategyOrderInput {
  name: string;
  /** The underlying (root of every leg's OCC symbol). */
  symbol: string;
  expiry: string;
  legs: readonly LegSpec[];
  /** analyzeStrategy of `legs` (per-share leg prices, max loss of the opening position × qty). */
  analysis: StrategyResult;
  qty: number;
  offset: number;
  market: boolean;
  close: boolean;
}

export interface StrategyOrder {
  order: Omit<PlaceInput, 'runId' | 'source'>;
  /** Net mid per share of one unit (signed: + debit) of the order as sent (reversed for --close). */
  mid: number;
  /** The limit sent (signed like mid); null for a market order. */
  limit: number | null;
}

const cents = (v: number): number => Math.round(Number((v * 100).toPrecision(12))) / 100 || 0;
const flip = (side: OrderSide): OrderSide => (side === 'buy' ? 'sell' : 'buy');

export function strategyOrder(input: StrategyOrderInput): StrategyOrder {
  if (input.legs.some((l) => l.kind === 'stock'))
    throw new UsageError(`${input.name} has a stock leg: buy the shares with ats broker buy, then sell the option`);
  const legs: Array<OptionOrderLeg & { price: number }> = input.legs.map((spec, i) => {
    const opening: OrderSide = spec.qty > 0 ? 'buy' : 'sell';
    const side = input.close ? flip(opening) : opening;
    const type = spec.kind as 'call' | 'put';
    return {
      symbol: formatOcc({ root: input.symbol, expiry: input.expiry, type, strike: spec.strike! }),
      side,
      ratioQty: Math.abs(spec.qty),
      positionIntent: `${side}_to_${input.close ? 'close' : 'open'}`,
      price: input.analysis.legs[i]!.price,
    };
  });
  const base = { timeInForce: 'day' as const, stopPrice: null, qty: input.qty };
  if (legs.length === 1) {
    const leg = legs[0]!;
    const limit = leg.side === 'buy' ? leg.price + input.offset : Math.max(0.01, leg.price - input.offset);
    return {
      order: {
        ...base,
        symbol: leg.symbol,
        side: leg.side,
        qty: input.qty * leg.ratioQty,
        type: input.market ? 'market' : 'limit',
        limitPrice: input.market ? null : cents(limit),
      },
      mid: leg.price,
      limit: input.market ? null : cents(limit),
    };
  }
  const mid = legs.reduce((s, l) => s + (l.side === 'buy' ? 1 : -1) * l.ratioQty * l.price, 0);
  const limit = input.market ? null : cents(mid + input.offset);
  // The worse price the offset accepts widens the max loss by the offset on every share of every unit.
  const slack = input.market ? 0 : input.offset * OPTION_MULTIPLIER * input.qty;
  const maxLoss = input.analysis.maxLoss === null ? null : input.analysis.maxLoss + slack;
  return {
    order: {
      ...base,
      symbol: input.symbol,
      side: (limit ?? mid) < 0 ? 'sell' : 'buy',
      type: input.market ? 'market' : 'limit',
      limitPrice: limit,
      orderClass: 'mleg',
      optionLegs: legs.map((l) => ({
        symbol: l.symbol,
        side: l.side,
        ratioQty: l.ratioQty,
        positionIntent: l.positionIntent,
      })),
      optionGate: { strategy: input.name, maxLoss },
    },
    mid,
    limit,
  };
}
