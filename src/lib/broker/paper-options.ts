/**
 * Option orders in the paper simulator: single legs (an OCC symbol) and mleg orders (all legs or none).
 *
 * Each leg fills at its contract's price as of the broker's clock (options/contract-mark.ts: the stored chain's
 * mid, else the model chain's price), moved against us by `optionSlippage` dollars per share (a buy pays more, a
 * sell receives less; floored at 0) and rounded to the cent. The order's net price per unit is Σ ±ratio × leg
 * price (+ paid, − received: Alpaca's sign). A market order fills at once; a limit order fills when the net price is
 * at or better than its limit (net ≤ limit: a smaller debit or a larger credit), at submission or at a later
 * session's close (priced as of that close), until canceled or, for a day order, its session ends.
 */
import { BrokerError } from '../errors.js';
import { isOptionSymbol } from '../contract-multiplier.js';
import { contractMark } from '../options/contract-mark.js';
import { parseOcc } from '../options/occ.js';
import type { Store } from '../store/open.js';
import type { OptionOrderLeg, OrderRequest } from './types.js';

export interface OptionTerms {
  /** Continuous risk-free rate for the model chain. */
  rate: number;
  /** Dollars per share of adverse slippage per leg. */
  slippage: number;
}

const cents = (x: number): number => Math.round(Number((x * 100).toPrecision(12))) / 100;

/** The legs of an option order: an mleg's own, or the single contract as one leg. Refuses malformed ones. */
export function optionLegsOf(req: OrderRequest): OptionOrderLeg[] {
  const bad = (why: string): never => {
    throw new BrokerError(`paper broker rejected the option order: ${why}`);
  };
  if (!Number.isInteger(req.qty) || req.qty <= 0) bad(`qty must be a whole number of contracts or units > 0`);
  if (req.type !== 'market' && req.type !== 'limit') bad(`type must be market or limit, got ${req.type}`);
  if (req.type === 'limit' && (req.limitPrice === null || !Number.isFinite(req.limitPrice)))
    bad('a limit needs its price');
  if (req.takeProfit || req.stopLoss) bad('option orders take no take-profit or stop-loss legs');
  if (req.orderClass !== 'mleg') {
    if (req.type === 'limit' && !((req.limitPrice as number) > 0)) bad('a single-leg limit price must be > 0');
    parseLeg(req.symbol, bad);
    const intent = req.side === 'buy' ? 'buy_to_open' : 'sell_to_open';
    return [{ symbol: req.symbol, side: req.side, ratioQty: 1, positionIntent: intent }];
  }
  const legs = req.optionLegs ?? [];
  if (legs.length < 1 || legs.length > 4) bad(`an mleg order has 1 to 4 legs, got ${legs.length}`);
  const seen = new Set<string>();
  for (const leg of legs) {
    const o = parseLeg(leg.symbol, bad);
    if (o.root !== req.symbol.toUpperCase()) bad(`leg ${leg.symbol} is not on the order's underlying ${req.symbol}`);
    if (!Number.isInteger(leg.ratioQty) || leg.ratioQty <= 0)
      bad(`leg ${leg.symbol}: ratio must be a whole number > 0`);
    if (!leg.positionIntent.startsWith(leg.side)) bad(`leg ${leg.symbol}: ${leg.side} with ${leg.positionIntent}`);
    if (seen.has(o.key)) bad(`contract ${leg.symbol} appears twice`);
    seen.add(o.key);
  }
  return legs;
}

function parseLeg(symbol: string, bad: (why: string) => never): { root: string; key: string } {
  try {
    const o = parseOcc(symbol);
    return { root: o.root, key: `${o.root}${o.expiry}${o.type}${o.strike}` };
  } catch (err) {
    return bad((err as Error).message);
  }
}

/** Fill price per share of each leg as of `asOfMs`, or null when a contract cannot be priced. */
export function legFillPrices(
  store: Store,
  legs: readonly Pick<OptionOrderLeg, 'symbol' | 'side'>[],
  asOfMs: number,
  terms: OptionTerms,
): number[] | null {
  const out: number[] = [];
  for (const leg of legs) {
    const mark = contractMark(store, leg.symbol, asOfMs, terms.rate);
    if (mark === null) return null;
    out.push(cents(Math.max(0, leg.side === 'buy' ? mark.price + terms.slippage : mark.price - terms.slippage)));
  }
  return out;
}

/** Net price per unit: + paid, − received. */
export function netPrice(
  legs: readonly Pick<OptionOrderLeg, 'side' | 'ratioQty'>[],
  prices: readonly number[],
): number {
  return cents(legs.reduce((s, l, i) => s + (l.side === 'buy' ? 1 : -1) * l.ratioQty * prices[i]!, 0));
}

/** Whether an order at `net` (mleg: signed net; single leg: the leg's price) fills. */
export function optionMarketable(
  req: Pick<OrderRequest, 'type' | 'limitPrice' | 'side' | 'orderClass'>,
  net: number,
): boolean {
  if (req.type === 'market') return true;
  const limit = req.limitPrice as number;
  if (req.orderClass === 'mleg') return net <= limit + 1e-9;
  return req.side === 'buy' ? net <= limit + 1e-9 : net >= limit - 1e-9;
}

/** An order the option book works: an mleg parent or a single-leg option order. */
export const isOptionBookOrder = (o: { orderClass?: string; symbol: string }): boolean =>
  o.orderClass === 'mleg' || isOptionSymbol(o.symbol);

/** An mleg parent only carries the net price: its legs hold the positions and the cash. */
export const isLegContainer = (o: { orderClass?: string; parentId?: string | null }): boolean =>
  o.orderClass === 'mleg' && o.parentId === null;
