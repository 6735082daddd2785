/**
 * Option orders at Alpaca. Alpaca spells an OCC symbol without Polygon's `O:` (AAPL241213C00250000); ats stores
 * the `O:` form, so symbols are converted here, both ways. Options are day orders in whole contracts
 * (https://docs.alpaca.markets/docs/options-trading). A multi-leg order (order_class "mleg",
 * https://docs.alpaca.markets/docs/options-level-3-trading) carries no symbol or side: qty is the number of strategy
 * units, limit_price the signed net per share (+ debit, − credit), and legs (≤ 4) of {symbol, ratio_qty, side,
 * position_intent} (OAS PostOrderRequest / MLegOrderLeg, https://docs.alpaca.markets/reference/postorder).
 */
import type { trading } from '@alpacahq/alpaca-trade-api/rest';
import { isOptionSymbol } from '../contract-multiplier.js';
import { UsageError } from '../errors.js';
import { formatQty } from './price-format.js';
import type { OrderRequest } from './types.js';

/** `O:AAPL241213C00250000` → `AAPL241213C00250000` (Alpaca's spelling); other symbols unchanged. */
export const toAlpacaSymbol = (symbol: string): string => (symbol.startsWith('O:') ? symbol.slice(2) : symbol);

/** Alpaca's OCC spelling → the stored `O:` form; other symbols unchanged. */
export const fromAlpacaSymbol = (symbol: string): string =>
  !symbol.startsWith('O:') && isOptionSymbol(symbol) ? `O:${symbol}` : symbol;

/** The underlying of an OCC symbol (its root), either spelling. */
export const occRoot = (symbol: string): string => toAlpacaSymbol(symbol).replace(/\d{6}[CP]\d{8}$/, '');

/** Option prices go in cents (the penny increment), signed for an mleg net price: -0.5 → "-0.50". */
export function formatOptionPrice(price: number): string {
  const cents = Math.round(Number((price * 100).toPrecision(12)));
  return (cents / 100).toFixed(2).replace(/^-(0\.00)$/, '$1');
}

function checkOptionTerms(req: OrderRequest): void {
  if (req.timeInForce !== 'day') throw new UsageError('option orders are day orders at Alpaca (--tif day)');
  if (!Number.isInteger(req.qty) || req.qty < 1)
    throw new UsageError(`option orders take whole contracts, got ${req.qty}`);
  if (req.type !== 'market' && req.type !== 'limit')
    throw new UsageError(`option orders are market or limit orders here, got ${req.type}`);
}

/** A single-leg option order: the simple order body with Alpaca's symbol spelling and a cents limit. */
export function toAlpacaOptionOrder(req: OrderRequest): trading.PostOrderRequest {
  checkOptionTerms(req);
  if ((req.orderClass ?? 'simple') !== 'simple')
    throw new UsageError(`an option order cannot carry exit legs (${req.orderClass}): place the exits separately`);
  const body: trading.PostOrderRequest = {
    symbol: toAlpacaSymbol(req.symbol),
    qty: formatQty(req.qty),
    side: req.side,
    type: req.type,
    timeInForce: 'day',
    clientOrderId: req.clientOrderId,
  };
  if (req.type === 'limit' && req.limitPrice !== null) body.limitPrice = formatOptionPrice(req.limitPrice);
  return body;
}

export function toAlpacaMleg(req: OrderRequest): trading.PostOrderRequest {
  checkOptionTerms(req);
  const legs = req.optionLegs ?? [];
  if (legs.length < 2 || legs.length > 4)
    throw new UsageError(`a multi-leg order takes 2 to 4 legs, got ${legs.length}`);
  if (req.type === 'limit' && req.limitPrice === null)
    throw new UsageError('a limit multi-leg order needs its net price');
  const body: trading.PostOrderRequest = {
    qty: formatQty(req.qty),
    type: req.type,
    timeInForce: 'day',
    clientOrderId: req.clientOrderId,
    orderClass: 'mleg',
    legs: legs.map((l) => ({
      symbol: toAlpacaSymbol(l.symbol),
      ratioQty: formatQty(l.ratioQty),
      side: l.side,
      positionIntent: l.positionIntent,
    })),
  };
  if (req.type === 'limit' && req.limitPrice !== null) body.limitPrice = formatOptionPrice(req.limitPrice);
  return body;
}
