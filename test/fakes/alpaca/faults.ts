/** Injected failures for the fake Alpaca, consumed in order by the requests they match. */
import { FaultQueue } from '../common/fault-queue.js';

export type AlpacaFaultKind = 'timeout' | '500' | '503' | 'drop-response';

export interface AlpacaFault {
  /**
   * timeout: the request is NOT processed and never answered (the socket stays open until close()).
   * 500 / 503: the request is NOT processed; an error body is sent.
   * drop-response: the request IS processed (an order is created), then the socket is destroyed unanswered.
   */
  kind: AlpacaFaultKind;
  /** Substring of "METHOD /path?query", e.g. 'POST /v2/orders'. Absent: every request. */
  match?: string;
  /** How many matching requests it hits (default 1). */
  times?: number;
  /** 503: Retry-After header in seconds. */
  retryAfterSec?: number;
}

/** The fake Alpaca's queue: keyed by "METHOD /path?query". */
export class AlpacaFaultQueue extends FaultQueue<AlpacaFault> {}
