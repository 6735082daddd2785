/**
 * Our own order, position and account types: every broker maps its answers to these at its boundary
 * (alpaca-map.ts for Alpaca), so the ledger, the portfolio and the risk check never see a provider's JSON.
 */

export const ORDER_SIDES = ['buy', 'sell'] as const;
export type OrderSide = (typeof ORDER_SIDES)[number];
export const ORDER_TYPES = ['market', 'limit', 'stop'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];
/** day: expires at the close; gtc: good till canceled. */
export const TIME_IN_FORCE = ['day', 'gtc'] as const;
export type TimeInForce = (typeof TIME_IN_FORCE)[number];
export const BROKER_NAMES = ['paper', 'alpaca'] as const;
export type BrokerName = (typeof BROKER_NAMES)[number];

/**
 * pending_submit: recorded, not yet confirmed by the broker (the submit may or may not have arrived);
 * refused: stopped by our own risk check, never sent; rejected: refused by the broker.
 */
export type OrderStatus =
  'pending_submit' | 'refused' | 'new' | 'partially_filled' | 'filled' | 'canceled' | 'expired' | 'rejected';

/** The statuses of an order that may still fill: written once, used by the ledger's SQL too. */
export const OPEN_ORDER_STATUSES: readonly OrderStatus[] = ['pending_submit', 'new', 'partially_filled'];

/** What an order asks for, whoever holds it (a request, the broker's order, the ledger's row). */
export interface OrderTerms {
  symbol: string;
  side: OrderSide;
  /** Whole shares > 0. */
  qty: number;
  type: OrderType;
  timeInForce: TimeInForce;
  limitPrice: number | null;
  stopPrice: number | null;
}

export interface OrderRequest extends OrderTerms {
  clientOrderId: string;
}

/** An order as the broker reports it. Quantities and prices are numbers (decimal strings are parsed at the boundary). */
export interface BrokerOrder extends OrderTerms {
  id: string;
  clientOrderId: string;
  status: OrderStatus;
  filledQty: number;
  filledAvgPrice: number | null;
  /** Dollars charged for the order so far (Alpaca equities: 0). */
  commission: number;
  submittedAt: number;
  /** Epoch ms of the last fill (or of the status change when none). */
  updatedAt: number;
}

export interface BrokerPosition {
  symbol: string;
  /** Signed: negative for a short. */
  qty: number;
  avgEntryPrice: number;
  /** Signed market value at currentPrice. */
  marketValue: number;
  currentPrice: number;
}

export interface BrokerAccount {
  equity: number;
  /** Equity at the previous close (Alpaca last_equity); null when the broker does not know it. */
  lastEquity: number | null;
  cash: number;
  buyingPower: number;
}

export type OrderListStatus = 'open' | 'closed' | 'all';
