/** Validation of an order as typed by a user or built by a command: bad input is a UsageError naming it. Pure. */
import { UsageError } from '../errors.js';
import { normalizeSymbol } from '../symbols.js';
import { normalizeOcc } from '../options/occ.js';
import { parseFraction, parsePrice, parseWholeNumber } from '../parse-number.js';
import { roundPrice } from './price-format.js';
import { ORDER_TYPES, TIME_IN_FORCE } from './types.js';
import type { ExitLegs, OrderClass, OrderSide, OrderTerms, OrderType, TimeInForce } from './types.js';

export type OrderInput = OrderTerms & ExitLegs & { orderClass?: OrderClass };

export interface RawOrderInput {
  symbol: string;
  side: string;
  qty: string | number;
  type?: string | undefined;
  tif?: string | undefined;
  limit?: string | number | undefined;
  stop?: string | number | undefined;
  /** trailing_stop: percent of the best price since placed (`3%` or 0.03). */
  trail?: string | number | undefined;
}

function price(raw: string | number | undefined, flag: string): number | null {
  return raw === undefined ? null : parsePrice(raw, flag);
}

export function parseOrderInput(raw: RawOrderInput): OrderInput {
  const side = raw.side.toLowerCase();
  if (side !== 'buy' && side !== 'sell') throw new UsageError(`side must be buy or sell, got "${raw.side}"`);
  // Letters then a digit (or `O:`) is meant as an OCC option: either spelling, refused with occ.ts's reason.
  const symbol = /^\s*(O:|[A-Z]{1,6}\d)/i.test(raw.symbol) ? normalizeOcc(raw.symbol) : normalizeSymbol(raw.symbol);
  // Whole shares in decimal digits: Number("0x10") would buy 16. (Fractional shares are not supported.)
  const qty = parseWholeNumber(raw.qty, 'quantity');
  const limitPrice = price(raw.limit, '--limit');
  const stopPrice = price(raw.stop, '--stop');
  const trail = raw.trail === undefined ? null : parseFraction(raw.trail, '--trail');
  const implied =
    trail !== null
      ? 'trailing_stop'
      : limitPrice !== null && stopPrice !== null
        ? 'stop_limit'
        : limitPrice !== null
          ? 'limit'
          : stopPrice !== null
            ? 'stop'
            : 'market';
  const type = (raw.type ?? implied).toLowerCase();
  if (!(ORDER_TYPES as readonly string[]).includes(type))
    throw new UsageError(`--type must be one of ${ORDER_TYPES.join(', ')}, got "${raw.type}"`);
  const tif = (raw.tif ?? 'day').toLowerCase();
  if (!(TIME_IN_FORCE as readonly string[]).includes(tif))
    throw new UsageError(`--tif must be day or gtc, got "${raw.tif}"`);
  if (symbol.startsWith('O:') && tif !== 'day') throw new UsageError('option orders are day orders: use --tif day');
  if (symbol.startsWith('O:') && type !== 'market' && type !== 'limit')
    throw new UsageError(`option orders are market or limit orders, got ${type}`);
  const needsLimit = type === 'limit' || type === 'stop_limit';
  const needsStop = type === 'stop' || type === 'stop_limit';
  if (needsLimit && limitPrice === null) throw new UsageError(`a ${type} order needs --limit PRICE`);
  if (needsStop && stopPrice === null) throw new UsageError(`a ${type} order needs --stop PRICE`);
  if (type === 'trailing_stop') checkTrail(trail, '--trail');
  if (type === 'market' && (limitPrice !== null || stopPrice !== null))
    throw new UsageError('a market order takes no --limit or --stop');
  return {
    symbol,
    side,
    qty,
    type: type as OrderType,
    timeInForce: tif as TimeInForce,
    limitPrice: needsLimit ? limitPrice : null,
    stopPrice: needsStop ? stopPrice : null,
    ...(type === 'trailing_stop' ? { trailPercent: (trail as number) * 100 } : {}),
  };
}

/** One tick: the smallest price step for stocks at $1 and above (SEC Rule 612). */
export const TICK = 0.01;

function checkTrail(fraction: number | null, flag: string): void {
  if (fraction === null || !(fraction > 0 && fraction < 1))
    throw new UsageError(
      `${flag} must be more than 0 % and less than 100 %, got ${fraction === null ? 'none' : `${+(fraction * 100).toFixed(6)}%`}`,
    );
}

/** Percent flags of `broker buy/sell` as fractions (0.05 = 5 %), unparsed: `5%` or `0.05`. */
export interface RawExitPercents {
  stopLoss?: string | undefined;
  takeProfit?: string | undefined;
  trailing?: string | undefined;
}

/**
 * The protective exits of an entry on `side` at `entryPrice` (the as-of price estimate) from percentages:
 * --stop-loss and --take-profit → bracket; one of them (or --trailing) → oto; --trailing makes the stop leg a
 * trailing stop. null when no exit was asked for.
 */
export function exitLegsFromPercents(
  side: OrderSide,
  entryPrice: number,
  raw: RawExitPercents,
): (ExitLegs & { orderClass: OrderClass }) | null {
  const stopLoss = raw.stopLoss === undefined ? null : parseFraction(raw.stopLoss, '--stop-loss');
  const takeProfit = raw.takeProfit === undefined ? null : parseFraction(raw.takeProfit, '--take-profit');
  const trailing = raw.trailing === undefined ? null : parseFraction(raw.trailing, '--trailing');
  if (stopLoss === null && takeProfit === null && trailing === null) return null;
  if (stopLoss !== null && trailing !== null)
    throw new UsageError('give --stop-loss or --trailing, not both: each is the stop leg');
  if (trailing !== null) checkTrail(trailing, '--trailing');
  const sign = side === 'buy' ? 1 : -1;
  const stopFraction = stopLoss ?? trailing;
  const legs: ExitLegs = {
    takeProfit: takeProfit === null ? null : { limitPrice: roundPrice(entryPrice * (1 + sign * takeProfit)) },
    stopLoss:
      stopFraction === null
        ? null
        : {
            stopPrice: roundPrice(entryPrice * (1 - sign * stopFraction)),
            limitPrice: null,
            ...(trailing !== null ? { trailPercent: trailing * 100 } : {}),
          },
  };
  const orderClass: OrderClass = legs.takeProfit && legs.stopLoss ? 'bracket' : 'oto';
  checkExitLegs(side, entryPrice, orderClass, legs);
  return { orderClass, ...legs };
}

const money = (n: number): string => n.toFixed(2);

/**
 * The legs of an order of `orderClass` against the price they protect: for a bracket/oto the entry's `side` and
 * price estimate; for an oco (exits of a held position) the exit side and the current price. A bracket needs both
 * legs, oto one, oco both; a stop sits on the losing side of the price, a take-profit at least one tick on the
 * winning side, a trailing percentage within (0, 100).
 */
export function checkExitLegs(side: OrderSide, price: number, orderClass: OrderClass, legs: ExitLegs): void {
  const tp = legs.takeProfit ?? null;
  const sl = legs.stopLoss ?? null;
  if (orderClass === 'simple') {
    if (tp || sl) throw new UsageError('a simple order takes no take-profit or stop-loss leg: use bracket or oto');
    return;
  }
  if ((orderClass === 'bracket' || orderClass === 'oco') && (!tp || !sl))
    throw new UsageError(`a ${orderClass} order needs both a take-profit and a stop-loss leg`);
  if (orderClass === 'oto' && (tp ? 1 : 0) + (sl ? 1 : 0) !== 1)
    throw new UsageError('an oto order needs exactly one exit leg (a take-profit or a stop-loss)');
  const long = orderClass === 'oco' ? side === 'sell' : side === 'buy';
  const below = long ? 'below' : 'above';
  const above = long ? 'above' : 'below';
  if (sl) {
    if (!(sl.stopPrice > 0) || (long ? sl.stopPrice >= price : sl.stopPrice <= price))
      throw new UsageError(
        `stop-loss ${money(sl.stopPrice)} is on the wrong side of the price ${money(price)}: it must be ${below} it`,
      );
    if (sl.limitPrice != null && (long ? sl.limitPrice > sl.stopPrice : sl.limitPrice < sl.stopPrice))
      throw new UsageError(
        `stop-loss limit ${money(sl.limitPrice)} must be at or ${below} its stop ${money(sl.stopPrice)}`,
      );
    if (sl.trailPercent != null) checkTrail(sl.trailPercent / 100, 'the trailing stop');
  }
  if (tp && Math.round((long ? tp.limitPrice - price : price - tp.limitPrice) / TICK) < 1)
    throw new UsageError(
      `take-profit ${money(tp.limitPrice)} must be at least one tick ($${TICK}) ${above} the price ${money(price)}`,
    );
}
