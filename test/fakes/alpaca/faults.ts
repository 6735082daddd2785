/** Injected failures for the fake Alpaca, consumed in order by the requests they match. */

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

export class AlpacaFaultQueue {
  private readonly queue: Array<AlpacaFault & { left: number }> = [];

  add(fault: AlpacaFault): void {
    this.queue.push({ ...fault, left: fault.times ?? 1 });
  }

  /** The first pending fault matching `request` ("METHOD /path?query"), consumed once. */
  take(request: string): AlpacaFault | undefined {
    const i = this.queue.findIndex((f) => f.match === undefined || request.includes(f.match));
    const f = this.queue[i];
    if (f === undefined) return undefined;
    if (--f.left <= 0) this.queue.splice(i, 1);
    return f;
  }
}
