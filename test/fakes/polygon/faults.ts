/** Injected failures for the fake servers, consumed in order by the requests they match. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FaultQueue as SharedFaultQueue } from '../common/fault-queue.js';

export type FaultKind = '429' | '500' | 'slow' | 'hang' | 'truncated' | 'reset' | '401';

export interface Fault {
  kind: FaultKind;
  /** How many matching requests it hits (default 1). */
  times?: number;
  /** Only requests whose path contains this string. */
  match?: string;
  /** Let this many matching requests through (answered normally) before the fault hits. */
  after?: number;
  /** 429: value of the Retry-After header (seconds); no header when absent. */
  retryAfterSec?: number;
  /**
   * slow: delay before the normal answer (default 2000 ms). hang: never answered (the socket stays open
   * until close()), so the client's own timeout, or the test, decides what happens next.
   */
  delayMs?: number;
  /**
   * truncated: 'destroy' (default) sends the right Content-Length, half the body, then destroys the
   * socket; 'short' sends half the body with a matching Content-Length (a complete but invalid JSON).
   */
  cut?: 'destroy' | 'short';
}

/** The fake Polygon's queue: keyed by request path. */
export class FaultQueue extends SharedFaultQueue<Fault> {}

/** Send a body cut in half, per `fault.cut`. */
export function sendTruncated(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: string,
  fault: Fault,
): void {
  const bytes = Buffer.from(body);
  const half = bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2)));
  if (fault.cut === 'short') {
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(half.length) });
    res.end(half);
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(bytes.length) });
  res.write(half, () => req.socket.destroy());
}
