/**
 * Our own order, position and account types: every broker maps its answers to these at its boundary
 * (alpaca-map.ts for Alpaca), so the ledger, the portfolio and the risk check never see a provider's JSON.
 */

export const ORDER_SIDES = ['buy', 'sell'] as const;
export type OrderSide = (typeof ORDER_SIDES)[number];
export const ORDER_TYPES = ['market', 'limit', 'stop', 'stop_limit', 'trailing_stop'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];
/**
 * simple: one order; bracket: an entry with a take-profit and a stop-loss leg (one-cancels-other once the entry
 * fills); oto: an entry with one exit leg; oco: a take-profit and a stop-loss on an existing position.
 * mleg: a multi-leg options order (all legs fill together or none do), its legs in optionLegs.
 * Names and semantics follow Alpaca's order_class.
 */
export const ORDER_CLASSES = ['simple', 'bracket', 'oto', 'oco', 'mleg'] as const;
export type OrderClass = (typeof ORDER_CLASSES)[number];
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
  /** trailing_stop only: the stop trails the high-water mark (sell) or low-water mark (buy) by this percent (3 = 3 %). */
  trailPercent?: number | null;
}

/** Protective exits attached to an entry: Alpaca's take_profit and stop_loss legs. */
export interface ExitLegs {
  takeProfit?: { limitPrice: number } | null;
  /**
   * limitPrice set: a stop-limit leg; null: a stop (market) leg. trailPercent set: a trailing-stop leg whose
   * stopPrice is the stop at the entry estimate (Alpaca cannot hold one in a bracket: its adapter sends the
   * trailing stop once the entry filled; the paper simulator keeps it as a leg).
   */
  stopLoss?: { stopPrice: number; limitPrice: number | null; trailPercent?: number | null } | null;
}

/** Alpaca's position_intent: whether a leg opens or closes, and on which side. */
export const POSITION_INTENTS = ['buy_to_open', 'buy_to_close', 'sell_to_open', 'sell_to_close'] as const;
export type PositionIntent = (typeof POSITION_INTENTS)[number];

/** One leg of an mleg order: an OCC contract (stored form, no `O:`), bought or sold ratioQty × the order's qty. */
export interface OptionOrderLeg {
  symbol: string;
  side: OrderSide;
  ratioQty: number;
  positionIntent: PositionIntent;
}

export interface OrderRequest extends OrderTerms, ExitLegs {
  clientOrderId: string;
  /** Default simple. bracket needs both legs, oto exactly one, oco both (on an existing position). */
  orderClass?: OrderClass;
  /**
   * mleg only. Then symbol is the underlying, qty the number of strategy units, type limit (market only when
   * asked), and limitPrice the net price per share of one unit: positive a debit paid, negative a credit
   * received (Alpaca's sign convention); side is buy for a net debit, sell for a net credit.
   */
  optionLegs?: OptionOrderLeg[];
}

/** What replaceOrder may change on a resting order (Alpaca PATCH /v2/orders/{id}). */
export interface OrderChanges {
  qty?: number;
  limitPrice?: number;
  stopPrice?: number;
  trailPercent?: number;
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
  /** Default simple. */
  orderClass?: OrderClass;
  /** The exit legs of a bracket/oto/oco entry, or the option legs of an mleg order, as the broker reports them (each a full order). */
  legs?: BrokerOrder[];
  /** Set on a leg: the id of its entry order. */
  parentId?: string | null;
  /** Paper: the NY session (YYYY-MM-DD) whose bar or quote filled the order. */
  filledSession?: string | null;
}

/** us_option: an OCC contract, qty in contracts, prices per share of the option (× 100 per contract). */
export type AssetClass = 'us_equity' | 'us_option';

export interface BrokerPosition {
  symbol: string;
  /** Default us_equity. */
  assetClass?: AssetClass;
  /** Signed: negative for a short. */
  qty: number;
  avgEntryPrice: number;
  /** Signed market value at currentPrice (× the contract multiplier for options). */
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
