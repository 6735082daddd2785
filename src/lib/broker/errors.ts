import { BrokerError } from '../errors.js';

/** HTTP 422 "client_order_id must be unique": the order already exists at the broker, so it was submitted. */
export class DuplicateClientOrderError extends BrokerError {
  readonly clientOrderId: string;
  constructor(clientOrderId: string) {
    super(`the broker already has an order with client_order_id ${clientOrderId}`);
    this.clientOrderId = clientOrderId;
  }
}
