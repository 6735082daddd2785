/**
 * One option strategy, analysed: legs priced by the model (American where early exercise matters), payoff
 * at expiry, max profit and loss, breakevens, capital, probability of profit and expected profit, net greeks.
 * Amounts in dollars per the whole position (contract multiplier 100, times the number of positions).
 */
import { optionGreeks } from './american.js';
import type { Greeks } from './bsm.js';
import { summarizePayoff, unitsOf, type PricedLeg } from './payoff.js';
import { expectedProfitClosedForm, popClosedForm, popMonteCarlo, type Lognormal } from './pop.js';
import { CLOSED_FORM_POP, type LegSpec } from './strategy-legs.js';

export const MODEL_SOURCE = 'model chain (no market quotes)';

export interface StrategyInput {
  name: string;
  legs: LegSpec[];
  market: Lognormal;
  /** Number of positions (every leg's quantity is multiplied by it). */
  positions: number;
  /** Price legs as American options (US equity options are); false = European. */
  american: boolean;
  paths: number;
  seed: number;
  /** Market quotes per leg (same order as `legs`; stock legs undefined): price and IV instead of the model's. */
  quotes?: ReadonlyArray<LegQuote | undefined>;
  /** What the prices are; default the model chain. */
  source?: string;
}

/** A leg's market price (per share) and implied volatility, with the bid/ask it came from. */
export interface LegQuote {
  price: number;
  iv: number;
  bid: number | null;
  ask: number | null;
}

export interface LegResult extends Omit<Greeks, 'price'> {
  side: 'buy' | 'sell';
  kind: LegSpec['kind'];
  strike: number | null;
  qty: number;
  /** Per share. */
  price: number;
  iv: number | null;
  /** From a stored chain: the quote the price (mid) came from. */
  bid?: number | null;
  ask?: number | null;
}

type NetGreeks = Omit<Greeks, 'price'>;

export interface StrategyResult {
  strategy: string;
  source: string;
  positions: number;
  legs: LegResult[];
  /** Option premium: + received (credit), − paid (debit). */
  netPremium: number;
  maxProfit: number | null;
  maxLoss: number | null;
  breakevens: number[];
  /** Capital or margin: the defined max loss (Reg-T for spreads, cash for a secured put, stock net of premium). */
  capital: number | null;
  pop: number;
  popMethod: 'closed-form' | 'monte-carlo';
  popStdErr: number | null;
  paths: number | null;
  expectedValue: number;
  expectedValueStdErr: number | null;
  greeks: NetGreeks;
}

function priceLeg(leg: LegSpec, input: StrategyInput, quote: LegQuote | undefined): LegResult {
  const qty = leg.qty * input.positions;
  const side = qty > 0 ? 'buy' : 'sell';
  const m = input.market;
  if (leg.kind === 'stock')
    return {
      side,
      kind: 'stock',
      strike: null,
      qty,
      price: m.spot,
      iv: null,
      delta: 1,
      gamma: 0,
      theta: 0,
      vega: 0,
      rho: 0,
    };
  const vol = quote?.iv ?? m.vol;
  const g = optionGreeks({ type: leg.kind, strike: leg.strike!, ...m, vol }, input.american);
  const { price, ...rest } = g;
  if (quote)
    return {
      side,
      kind: leg.kind,
      strike: leg.strike!,
      qty,
      ...rest,
      price: quote.price,
      iv: vol,
      bid: quote.bid,
      ask: quote.ask,
    };
  return { side, kind: leg.kind, strike: leg.strike!, qty, price, iv: vol, ...rest };
}

export function analyzeStrategy(input: StrategyInput): StrategyResult {
  const legs = input.legs.map((l, i) => priceLeg(l, input, input.quotes?.[i]));
  const priced: PricedLeg[] = legs.map((l) => ({
    kind: l.kind,
    qty: l.qty,
    strike: l.strike ?? undefined,
    price: l.price,
  }));
  const payoff = summarizePayoff(priced);
  const greeks: NetGreeks = { delta: 0, gamma: 0, theta: 0, vega: 0, rho: 0 };
  for (const [i, l] of legs.entries()) {
    const units = unitsOf(priced[i]!);
    for (const k of Object.keys(greeks) as Array<keyof NetGreeks>) greeks[k] += units * l[k];
  }
  const netPremium = -priced.filter((l) => l.kind !== 'stock').reduce((s, l) => s + unitsOf(l) * l.price, 0);
  const closed = CLOSED_FORM_POP.has(input.name);
  const mc = closed ? null : popMonteCarlo(priced, input.market, input.paths, input.seed);
  return {
    strategy: input.name,
    source: input.source ?? MODEL_SOURCE,
    positions: input.positions,
    legs,
    netPremium,
    maxProfit: payoff.maxProfit,
    maxLoss: payoff.maxLoss,
    breakevens: payoff.breakevens,
    capital: payoff.maxLoss,
    pop: mc ? mc.pop : popClosedForm(payoff.profitRanges, input.market),
    popMethod: mc ? 'monte-carlo' : 'closed-form',
    popStdErr: mc ? mc.popStdErr : null,
    paths: mc ? mc.paths : null,
    expectedValue: mc ? mc.expectedValue : expectedProfitClosedForm(priced, input.market),
    expectedValueStdErr: mc ? mc.expectedValueStdErr : null,
    greeks,
  };
}
