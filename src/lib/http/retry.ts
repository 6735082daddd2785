import { AtsError, TemporaryError } from '../errors.js';
import type { RateLimiter } from './rate-limit.js';
import { realSleep } from './rate-limit.js';
import { scrubSecrets } from '../secrets.js';
import { describeRequest, scrubError } from './redact.js';
import { shouldRetry } from './should-retry.js';
import type { RetryDecision } from './should-retry.js';

export interface RetryInfo {
  /** The attempt that just failed (1-based). */
  attempt: number;
  /** How long we wait before the next attempt. */
  delayMs: number;
  reason: string;
  error: unknown;
}

export interface RetryPolicy {
  /** Total attempts including the first (default 5). */
  maxAttempts?: number;
  /** Backoff base: attempt n waits up to base·2^(n−1) (default 500 ms). */
  baseDelayMs?: number;
  /** Ceiling of the exponential backoff (default 30 000 ms). */
  maxDelayMs?: number;
  /** Longest Retry-After we are willing to sleep through (default 120 000 ms); longer → give up now. */
  maxRetryAfterMs?: number;
  /** What is being done, for the final message, e.g. "Polygon daily bars for AAPL". */
  what?: string;
  /** Literal secrets to mask in errors we rethrow. */
  secrets?: readonly string[];
  limiter?: RateLimiter;
  onRetry?: (info: RetryInfo) => void;
  /** Injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  classify?: (err: unknown, nowMs: number) => RetryDecision;
}

/**
 * Full-jitter exponential backoff (AWS Architecture Blog, "Exponential Backoff And Jitter", 2015):
 * sleep = random(0, min(cap, base·2^(attempt−1))). A server's Retry-After is a floor.
 */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, retryAfterMs?: number): number {
  const base = policy.baseDelayMs ?? 500;
  const cap = policy.maxDelayMs ?? 30_000;
  const random = policy.random ?? Math.random;
  const ceiling = Math.min(cap, base * 2 ** (attempt - 1));
  const jittered = Math.floor(random() * ceiling);
  return retryAfterMs === undefined ? jittered : Math.max(jittered, retryAfterMs);
}

/**
 * Run `fn` until it succeeds, a failure is not worth retrying, or attempts run out.
 * - not retryable: our AtsErrors are rethrown as they are; foreign errors (axios, undici) are
 *   rethrown scrubbed of credentials (status, code and Retry-After kept, see scrubError);
 * - retries exhausted, or the server asks for a wait beyond maxRetryAfterMs: TemporaryError
 *   naming what failed (no query string), with the scrubbed last error as cause.
 */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, policy: RetryPolicy = {}): Promise<T> {
  const maxAttempts = Math.max(1, policy.maxAttempts ?? 5);
  const maxRetryAfterMs = policy.maxRetryAfterMs ?? 120_000;
  const sleep = policy.sleep ?? realSleep;
  const now = policy.now ?? Date.now;
  const classify = policy.classify ?? shouldRetry;
  const secrets = policy.secrets ?? [];
  for (let attempt = 1; ; attempt++) {
    await policy.limiter?.acquire();
    try {
      return await fn(attempt);
    } catch (err) {
      const decision = classify(err, now());
      if (!decision.retry) throw err instanceof AtsError ? err : scrubError(err, secrets);
      const wait = decision.retryAfterMs;
      if (wait !== undefined && wait > maxRetryAfterMs) {
        const secs = Math.ceil(wait / 1000);
        throw giveUp(err, policy, `${decision.reason}; server asks to wait ${secs}s, more than the limit`, wait);
      }
      if (attempt >= maxAttempts) {
        throw giveUp(err, policy, `${decision.reason} after ${attempt} attempt${attempt > 1 ? 's' : ''}`, wait);
      }
      const delayMs = backoffDelayMs(attempt, policy, wait);
      policy.onRetry?.({ attempt, delayMs, reason: decision.reason, error: err });
      await sleep(delayMs);
    }
  }
}

function giveUp(err: unknown, policy: RetryPolicy, why: string, retryAfterMs: number | undefined): TemporaryError {
  const secrets = policy.secrets ?? [];
  // A caller may name the request by its URL: the query string (apiKey=…) never goes in a message.
  const what = (policy.what ?? describeRequest(err) ?? 'request').replace(/\?\S*/g, '');
  const message = scrubSecrets(`${what} failed: ${why}`, secrets);
  const cause = err instanceof AtsError ? err : scrubError(err, secrets);
  return new TemporaryError(message, retryAfterMs === undefined ? { cause } : { cause, retryAfterMs });
}
