import type {
  BrokerAccount,
  BrokerName,
  BrokerOrder,
  BrokerPosition,
  OrderChanges,
  OrderListStatus,
  OrderRequest,
} from '../order-types.js';

export * from '../order-types.js';

/** One interface, two implementations: PaperBroker (local simulator) and AlpacaBroker. */
export interface Broker {
  readonly name: BrokerName;
  /** Throws UsageError when the broker does not know the symbol or cannot trade it. */
  assertTradable(symbol: string): Promise<void>;
  /** Sends the order once. Duplicate client ids throw DuplicateClientOrderError; rejections BrokerError. */
  submitOrder(req: OrderRequest): Promise<BrokerOrder>;
  getOrderByClientId(clientOrderId: string): Promise<BrokerOrder | null>;
  listOrders(status: OrderListStatus): Promise<BrokerOrder[]>;
  cancelOrder(brokerOrderId: string): Promise<void>;
  /** Changes a resting order in place (a trailing stop moved up, never a second order). */
  replaceOrder(brokerOrderId: string, changes: OrderChanges): Promise<BrokerOrder>;
  getPositions(): Promise<BrokerPosition[]>;
  getAccount(): Promise<BrokerAccount>;
  close(): Promise<void>;
}
