/**
 * Submit an order so that it exists exactly once at the broker, whatever the network does. The client_order_id
 * makes this possible: after a timeout, a dropped connection or a 5xx the submit may or may not have arrived, so
 * the order is looked up by that id BEFORE anything is resent; a 422 "client_order_id must be unique" means it
 * arrived earlier. Rejections (403, 422 validation) are never retried.
 */
import { BrokerError, TemporaryError, errorMessage } from '../errors.js';
import { backoffDelayMs, realSleep, shouldRetry } from '../http/index.js';
import { DuplicateClientOrderError } from '../broker/errors.js';
import type { Broker, BrokerOrder, OrderRequest } from '../broker/types.js';

export interface SubmitPolicy {
  /** Submits at most (default 4). */
  maxAttempts?: number;
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (message: string) => void;
}

export async function submitOnce(broker: Broker, req: OrderRequest, policy: SubmitPolicy = {}): Promise<BrokerOrder> {
  const maxAttempts = Math.max(1, policy.maxAttempts ?? 4);
  const sleep = policy.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await broker.submitOrder(req);
    } catch (err) {
      if (err instanceof DuplicateClientOrderError) {
        const existing = await broker.getOrderByClientId(req.clientOrderId);
        if (existing) return existing;
        throw new BrokerError(
          `${req.clientOrderId}: the broker says the client order id is taken but cannot find the order`,
        );
      }
      const decision = shouldRetry(err);
      if (!decision.retry) throw err;
      const found = await lookup(broker, req.clientOrderId);
      if (found) return found;
      if (attempt >= maxAttempts) {
        throw new TemporaryError(
          `submit ${req.clientOrderId} (${req.side} ${req.qty} ${req.symbol}) failed after ${attempt} attempts (${decision.reason}); ` +
            `re-run the same command or ats broker sync: the order id makes a re-run safe`,
          { cause: err },
        );
      }
      const delay = backoffDelayMs(attempt, { baseDelayMs: policy.baseDelayMs ?? 500 }, decision.retryAfterMs);
      policy.onRetry?.(`submit ${req.clientOrderId}: ${decision.reason}; not at the broker, resending in ${delay} ms`);
      await sleep(delay);
    }
  }
}

/** The order by client id; undefined when the lookup itself failed temporarily (state unknown: the resend is still safe). */
async function lookup(broker: Broker, clientOrderId: string): Promise<BrokerOrder | null | undefined> {
  try {
    return await broker.getOrderByClientId(clientOrderId);
  } catch (err) {
    if (shouldRetry(err).retry) return undefined;
    throw new BrokerError(`looking up ${clientOrderId} failed: ${errorMessage(err)}`, { cause: err });
  }
}
