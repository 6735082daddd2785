import { AtsError, TemporaryError } from '../errors.js';
import { headerValue, parseRetryAfter } from './retry-after.js';

export interface RetryDecision {
  retry: boolean;
  reason: string;
  retryAfterMs?: number;
}

/**
 * Statuses worth another try: 408 Request Timeout, 425 Too Early, 429 Too Many Requests,
 * 500/502/503/504 (server or gateway trouble). Everything else in 4xx is our mistake (bad
 * request, bad key, no entitlement, unknown path, conflict, validation) and repeating it cannot help.
 */
const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);

/**
 * Node / undici / axios error codes of a connection that failed in a way the next attempt may not.
 * ETIMEDOUT and EPIPE are retried: a connect timeout or a write to a socket the server just closed
 * (keep-alive race) are transient. EAI_AGAIN is DNS saying "try again".
 */
const RETRYABLE_CODE = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED', // axios: request timeout (timeout option)
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
  'ERR_STREAM_PREMATURE_CLOSE',
  'ERR_BAD_RESPONSE', // axios: body aborted mid-stream (with an error status it is decided by the status)
]);

/**
 * Codes that will fail the same way next time. ENOTFOUND: the host name does not exist — almost
 * always a misconfigured base URL, so fail fast instead of sleeping through five attempts.
 * TLS certificate errors are configuration too. UND_ERR_ABORTED / ABORT_ERR: we cancelled.
 */
const FATAL_CODE = new Set([
  'ENOTFOUND',
  'ERR_INVALID_URL',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'UND_ERR_ABORTED',
  'ABORT_ERR',
]);

type Bag = Record<string, unknown>;
const isBag = (v: unknown): v is Bag => v !== null && typeof v === 'object';

/**
 * The HTTP error status carried by an axios error, an undici/fetch-style error or our own scrubbed
 * one. A 2xx/3xx status on an error means the headers arrived and the body failed (axios reports a
 * body cut short as status 200 + ERR_BAD_RESPONSE "stream has been aborted"): not an HTTP verdict.
 */
function errorStatusOf(err: Bag): number | undefined {
  const response = isBag(err.response) ? err.response : undefined;
  for (const v of [response?.status, err.statusCode, err.status]) {
    if (typeof v === 'number' && v >= 400 && v <= 599) return v;
  }
  return undefined;
}

function retryAfterOf(err: Bag, nowMs: number): number | undefined {
  if (typeof err.retryAfterMs === 'number' && err.retryAfterMs >= 0) return err.retryAfterMs;
  const response = isBag(err.response) ? err.response : undefined;
  return parseRetryAfter(headerValue(response?.headers ?? err.headers, 'retry-after'), nowMs);
}

/** Every error in the cause chain (and AggregateError members), nearest first, bounded. */
function chain(err: unknown): Bag[] {
  const out: Bag[] = [];
  const queue: unknown[] = [err];
  while (queue.length > 0 && out.length < 12) {
    const e = queue.shift();
    if (!isBag(e) || out.includes(e)) continue;
    out.push(e);
    queue.push(e.cause);
    if (Array.isArray(e.errors)) queue.push(...(e.errors as unknown[]));
  }
  return out;
}

/**
 * Decide whether a failed HTTP call is worth another attempt. Pure: looks only at the error.
 * Our own AtsErrors are never retried except TemporaryError; broker order rejections arrive as
 * BrokerError or as a 4xx status and are never retried.
 */
export function shouldRetry(err: unknown, nowMs: number = Date.now()): RetryDecision {
  if (err instanceof TemporaryError) {
    return withWait({ retry: true, reason: err.message }, err.retryAfterMs);
  }
  if (err instanceof AtsError) return { retry: false, reason: `${err.name}: ${err.message}` };
  const links = chain(err);
  const top = links[0];
  if (top === undefined) return { retry: false, reason: `non-error value thrown: ${String(err)}` };

  const status = errorStatusOf(top);
  if (status !== undefined) {
    if (RETRYABLE_STATUS.has(status)) {
      return withWait({ retry: true, reason: `HTTP ${status}` }, retryAfterOf(top, nowMs));
    }
    return { retry: false, reason: `HTTP ${status}` };
  }

  for (const e of links) {
    const code = typeof e.code === 'string' ? e.code : undefined;
    if (code !== undefined && FATAL_CODE.has(code)) return { retry: false, reason: code };
    if (code !== undefined && RETRYABLE_CODE.has(code)) return { retry: true, reason: code };
    // A truncated or garbled body: JSON.parse (ours, axios's, fetch's .json()) throws SyntaxError.
    if (e.name === 'SyntaxError') return { retry: true, reason: 'invalid JSON in response' };
    // AbortSignal.timeout() rejects with a DOMException named TimeoutError; a plain abort is ours.
    if (e.name === 'TimeoutError') return { retry: true, reason: 'request timed out' };
    if (e.name === 'AbortError') return { retry: false, reason: 'request aborted' };
  }
  // undici's fetch wraps a body cut short as TypeError("terminated") whose cause has the code.
  if (top.message === 'terminated') return { retry: true, reason: 'connection terminated mid-response' };
  const message = typeof top.message === 'string' ? top.message : String(err);
  return { retry: false, reason: `not a temporary failure: ${message}` };
}

/** Codes of a request that got no (complete) answer in time; axios uses ECONNABORTED for "timeout of N ms exceeded". */
const TIMEOUT_CODE = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** Whether the failure is our own per-request timeout firing (the server did not answer in time). */
export function isTimeout(err: unknown): boolean {
  return chain(err).some((e) => {
    const code = typeof e.code === 'string' ? e.code : '';
    const message = typeof e.message === 'string' ? e.message : '';
    return TIMEOUT_CODE.has(code) || (code === 'ECONNABORTED' && /timeout/i.test(message)) || e.name === 'TimeoutError';
  });
}

function withWait(decision: RetryDecision, retryAfterMs: number | undefined): RetryDecision {
  return retryAfterMs === undefined ? decision : { ...decision, retryAfterMs };
}
