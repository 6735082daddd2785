/** Validation of an order as typed by a user or built by a command: bad input is a UsageError naming it. */
import { UsageError } from '../errors.js';
import { normalizeSymbol } from '../symbols.js';
import { parsePrice, parseWholeNumber } from '../parse-number.js';
import { ORDER_TYPES, TIME_IN_FORCE } from './types.js';
import type { OrderTerms, OrderType, TimeInForce } from './types.js';

export type OrderInput = OrderTerms;

export interface RawOrderInput {
  symbol: string;
  side: string;
  qty: string | number;
  type?: string | undefined;
  tif?: string | undefined;
  limit?: string | number | undefined;
  stop?: string | number | undefined;
}

function price(raw: string | number | undefined, flag: string): number | null {
  return raw === undefined ? null : parsePrice(raw, flag);
}

export function parseOrderInput(raw: RawOrderInput): OrderInput {
  const side = raw.side.toLowerCase();
  if (side !== 'buy' && side !== 'sell') throw new UsageError(`side must be buy or sell, got "${raw.side}"`);
  const symbol = normalizeSymbol(raw.symbol);
  // Whole shares in decimal digits: Number("0x10") would buy 16. (Fractional shares are not supported.)
  const qty = parseWholeNumber(raw.qty, 'quantity');
  const limitPrice = price(raw.limit, '--limit');
  const stopPrice = price(raw.stop, '--stop');
  const type = (raw.type ?? (limitPrice !== null ? 'limit' : stopPrice !== null ? 'stop' : 'market')).toLowerCase();
  if (!(ORDER_TYPES as readonly string[]).includes(type))
    throw new UsageError(`--type must be one of ${ORDER_TYPES.join(', ')}, got "${raw.type}"`);
  const tif = (raw.tif ?? 'day').toLowerCase();
  if (!(TIME_IN_FORCE as readonly string[]).includes(tif))
    throw new UsageError(`--tif must be day or gtc, got "${raw.tif}"`);
  if (type === 'limit' && limitPrice === null) throw new UsageError('a limit order needs --limit PRICE');
  if (type === 'stop' && stopPrice === null) throw new UsageError('a stop order needs --stop PRICE');
  if (type === 'market' && (limitPrice !== null || stopPrice !== null))
    throw new UsageError('a market order takes no --limit or --stop');
  return {
    symbol,
    side,
    qty,
    type: type as OrderType,
    timeInForce: tif as TimeInForce,
    limitPrice: type === 'limit' ? limitPrice : null,
    stopPrice: type === 'stop' ? stopPrice : null,
  };
}
