/**
 * Alpaca failures mapped to our errors, credentials scrubbed first. Order rejections (403 buying power / shares / shorting, 422 validation) are BrokerErrors and are
 * never retried; 429, 5xx, timeouts and network errors are TemporaryErrors (the caller looks the order up first).
 */
import { BrokerError, ConfigError, TemporaryError } from '../errors.js';
import { describeRequest, formatMs, isTimeout, scrubError, shouldRetry } from '../http/index.js';
import { alpacaErrorMessage } from './alpaca-map.js';
import { DuplicateClientOrderError } from './errors.js';

export interface MappedContext {
  /** What was being done, e.g. "submit order ats-…". */
  what: string;
  secrets: readonly string[];
  clientOrderId?: string;
  /** The per-request timeout, so a timeout can say how long it waited. */
  timeoutMs?: number;
}

/** What the user can do about a temporary failure: no HTTP status means the way to Alpaca failed. */
export const ALPACA_NETWORK_HINT = 'check the network or APCA_API_BASE_URL; try again later';

function parseBody(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * SDK 4.x throws ApiError {status, code, message, response} for an HTTP error (the body left unread on a clone
 * of `response`) and FetchError {cause} for a network failure or its own timeout. The error body is read here
 * (async) so the mapping can name Alpaca's extra fields (buying_power, cost_basis…); everything else of the
 * SDK error is dropped by scrubError afterwards.
 */
export async function withAlpacaBody(err: unknown, request: { method?: string; url: string }): Promise<unknown> {
  const e = err as { status?: unknown; message?: unknown; response?: unknown };
  if (typeof e.status !== 'number' || !(e.response instanceof Response)) {
    // A network failure or the SDK's deadline: name the endpoint beside it (scrubError reads method / url).
    return err !== null && typeof err === 'object' && !('url' in err) ? Object.assign(err, request) : err;
  }
  const response = e.response;
  const body = await response.text().catch(() => undefined);
  return {
    name: 'AlpacaApiError',
    message: typeof e.message === 'string' ? e.message : `HTTP ${e.status}`,
    status: e.status,
    headers: response.headers,
    method: request.method,
    url: response.url || request.url,
    body,
  };
}

export function mapAlpacaError(err: unknown, ctx: MappedContext): Error {
  if (err instanceof TemporaryError || err instanceof BrokerError || err instanceof ConfigError) return err;
  const s = scrubError(err, ctx.secrets);
  const body = parseBody(s.body);
  const message = alpacaErrorMessage(body) ?? s.message;
  if (s.status === 401)
    return new ConfigError(
      `Alpaca rejected the API keys during ${ctx.what} (HTTP 401: ${message}); check APCA_API_KEY_ID / APCA_API_SECRET_KEY`,
    );
  if (s.status === 422 && ctx.clientOrderId !== undefined && /client_order_id must be unique/i.test(message)) {
    return new DuplicateClientOrderError(ctx.clientOrderId);
  }
  const decision = shouldRetry(s);
  if (decision.retry) {
    const request = describeRequest(s);
    const endpoint = request === undefined ? '' : ` (${request})`;
    const within = ctx.timeoutMs === undefined ? '' : `: no answer within ${formatMs(ctx.timeoutMs)}`;
    const message = isTimeout(s)
      ? `Alpaca ${ctx.what} timed out${within}${endpoint}: ${ALPACA_NETWORK_HINT}`
      : s.status === undefined
        ? `Alpaca ${ctx.what} failed: ${decision.reason}${endpoint}: ${ALPACA_NETWORK_HINT}`
        : `Alpaca ${ctx.what} failed: ${decision.reason}`;
    return new TemporaryError(message, {
      cause: s,
      ...(s.retryAfterMs === undefined ? {} : { retryAfterMs: s.retryAfterMs }),
    });
  }
  const status = s.status === undefined ? '' : `HTTP ${s.status}: `;
  return new BrokerError(`Alpaca refused ${ctx.what} (${status}${describe(body, message)})`, { cause: s });
}

/** The message plus the numbers Alpaca puts beside it (buying_power, cost_basis, available…). */
function describe(body: unknown, message: string): string {
  if (body === null || typeof body !== 'object') return message;
  const extras = Object.entries(body as Record<string, unknown>)
    .filter(([k, v]) => k !== 'message' && k !== 'code' && (typeof v === 'string' || typeof v === 'number'))
    .map(([k, v]) => `${k} ${String(v)}`);
  return extras.length ? `${message}; ${extras.join(', ')}` : message;
}

/** The HTTP status of an Alpaca failure (after mapping, from the scrubbed cause). */
export function statusOf(err: unknown): number | undefined {
  const cause = (err as { cause?: { status?: unknown } }).cause;
  const direct = (err as { response?: { status?: unknown } }).response?.status;
  const s = typeof direct === 'number' ? direct : cause?.status;
  return typeof s === 'number' ? s : undefined;
}
