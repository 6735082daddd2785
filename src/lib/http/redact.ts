/**
 * Credentials must never reach a log line, an error message or a stack trace. HTTP client errors
 * (axios especially) carry the full request — URL with `?apiKey=`, headers, params — so instead of
 * deleting fields from them we build a new plain error holding only what the retry policy and the
 * error mapping need.
 */
import { scrubSecrets } from '../secrets.js';
import { headerValue, parseRetryAfter } from './retry-after.js';

/** What survives scrubbing: enough for shouldRetry and for mapping to our own error classes. */
export class ScrubbedHttpError extends Error {
  status?: number;
  code?: string;
  retryAfterMs?: number;
  method?: string;
  /** Request URL with credentials masked. */
  url?: string;
  /** Response body (text or JSON), credentials masked, at most 2000 characters. */
  body?: string;
}

type Bag = Record<string, unknown>;
const isBag = (v: unknown): v is Bag => v !== null && typeof v === 'object';

/**
 * A new plain Error with message, stack, status, code, Retry-After, method, URL and response body
 * copied through scrubSecrets; nothing else of the original (config, headers, request,
 * socket) is kept, so JSON.stringify / util.inspect of the result cannot show a key.
 */
export function scrubError(err: unknown, secrets: readonly string[] = [], nowMs = Date.now()): ScrubbedHttpError {
  return scrub(err, secrets, nowMs, 0);
}

function scrub(err: unknown, secrets: readonly string[], nowMs: number, depth: number): ScrubbedHttpError {
  const clean = (s: string): string => scrubSecrets(s, secrets);
  if (!isBag(err)) return new ScrubbedHttpError(clean(String(err)));
  const message = typeof err.message === 'string' ? err.message : thrownObjectText(err);
  const out = new ScrubbedHttpError(clean(message));
  out.name = typeof err.name === 'string' ? err.name : 'Error';
  out.stack = typeof err.stack === 'string' ? clean(err.stack) : `${out.name}: ${out.message}`;

  const response = isBag(err.response) ? err.response : undefined;
  const config = isBag(err.config) ? err.config : undefined;
  const status = [response?.status, err.statusCode, err.status].find((v) => typeof v === 'number');
  if (typeof status === 'number') out.status = status;
  if (typeof err.code === 'string') out.code = err.code;
  const retryAfter =
    typeof err.retryAfterMs === 'number'
      ? err.retryAfterMs
      : parseRetryAfter(headerValue(response?.headers ?? err.headers, 'retry-after'), nowMs);
  if (retryAfter !== undefined) out.retryAfterMs = retryAfter;
  const method = config?.method ?? err.method;
  if (typeof method === 'string') out.method = method.toUpperCase();
  const url = requestUrl(config) ?? (typeof err.url === 'string' ? err.url : undefined);
  if (url !== undefined) out.url = clean(url);
  const body = bodyText(response?.data ?? err.body);
  if (body !== undefined) out.body = clean(body).slice(0, 2000);
  // Keep the cause chain (undici hides the socket code there) but scrubbed too.
  if (err.cause !== undefined && depth < 4) out.cause = scrub(err.cause, secrets, nowMs, depth + 1);
  return out;
}

/** A thrown object without a message (String() gives "[object Object]"): name its keys, never its values. */
function thrownObjectText(err: Bag): string {
  const keys = Object.keys(err).slice(0, 8);
  return keys.length ? `non-Error object thrown (keys: ${keys.join(', ')})` : 'non-Error object thrown';
}

function requestUrl(config: Bag | undefined): string | undefined {
  if (config === undefined || typeof config.url !== 'string') return undefined;
  const base = typeof config.baseURL === 'string' && !/^https?:/i.test(config.url) ? config.baseURL : '';
  return base + config.url;
}

function bodyText(data: unknown): string | undefined {
  if (data === undefined || data === null) return undefined;
  if (typeof data === 'string') return data;
  if (data instanceof Uint8Array) return Buffer.from(data).toString('utf8');
  try {
    return JSON.stringify(data);
  } catch {
    return undefined;
  }
}

/** "GET https://host/path" with the query string dropped: safe to name in a message. */
export function describeRequest(err: unknown): string | undefined {
  if (!isBag(err)) return undefined;
  const config = isBag(err.config) ? err.config : undefined;
  const url = requestUrl(config) ?? (typeof err.url === 'string' ? err.url : undefined);
  if (url === undefined) return undefined;
  const method = config?.method ?? err.method;
  const path = url.split(/[?#]/)[0] ?? url;
  return typeof method === 'string' ? `${method.toUpperCase()} ${path}` : path;
}
