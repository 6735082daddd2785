import { createHash } from 'node:crypto';
import type { OrderSide } from '../broker/types.js';

export interface OrderKey {
  /** The run that places the order (daily run id, or a key of the CLI arguments). */
  runId: string;
  session: string;
  symbol: string;
  side: OrderSide;
  intent: string;
}

/**
 * Deterministic client_order_id: the same (run, session, symbol, side, intent) always gives the same id, so a
 * retry or a re-run can never place the order twice (the broker refuses a second order with the same id).
 * "ats-" + 16 hex characters of SHA-256: well below Alpaca's limit of 128 characters.
 */
export function clientOrderIdFor(key: OrderKey): string {
  const text = [key.runId, key.session, key.symbol, key.side, key.intent].join('|');
  return `ats-${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
}
