import { AtsError, TemporaryError } from '../errors.js';
import type { RateLimiter } from './rate-limit.js';
import { realSleep } from './rate-limit.js';
import { scrubSecrets } from '../secrets.js';
import { describeRequest, scrubError } from './redact.js';
import { countRetry } from './counters.js';
import { isTimeout, shouldRetry } from './should-retry.js';
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
  /** The per-request timeout the client was given, so a timeout can say how long it waited. */
  timeoutMs?: number;
  /**
   * How long one call may keep failing (from its first attempt, ms): no retry is started whose backoff
   * plus timeoutMs would end past it, so a dead server costs at most this long. Default: only maxAttempts.
   */
  deadlineMs?: number;
  /** What the user can do, appended when we give up, e.g. "check the network or POLYGON_BASE_URL; try again later". */
  hint?: string | ((err: unknown) => string);
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
  let startedAt: number | undefined;
  for (let attempt = 1; ; attempt++) {
    await policy.limiter?.acquire();
    startedAt ??= now(); // waiting for the rate limiter is not failing
    try {
      return await fn(attempt);
    } catch (err) {
      const decision = classify(err, now());
      if (!decision.retry) throw err instanceof AtsError ? err : scrubError(err, secrets);
      const timedOut = isTimeout(err);
      const reason =
        timedOut && policy.timeoutMs !== undefined ? `no answer within ${formatMs(policy.timeoutMs)}` : decision.reason;
      const wait = decision.retryAfterMs;
      const attempts = `after ${attempt} attempt${attempt > 1 ? 's' : ''}`;
      if (wait !== undefined && wait > maxRetryAfterMs) {
        const secs = Math.ceil(wait / 1000);
        throw giveUp(err, policy, `${reason}; server asks to wait ${secs}s, more than the limit`, wait);
      }
      if (attempt >= maxAttempts) throw giveUp(err, policy, `${reason} ${attempts}`, wait);
      const delayMs = backoffDelayMs(attempt, policy, wait);
      // The next attempt may itself hang for the whole timeout: it must fit before the deadline too.
      const spent = now() - startedAt;
      if (policy.deadlineMs !== undefined && spent + delayMs + (policy.timeoutMs ?? 0) > policy.deadlineMs) {
        const deadline = formatMs(policy.deadlineMs);
        throw giveUp(
          err,
          policy,
          `${reason} ${attempts} in ${formatMs(spent)}; another would pass the ${deadline} deadline`,
          wait,
        );
      }
      policy.onRetry?.({ attempt, delayMs, reason, error: err });
      countRetry(decision.reason);
      await sleep(delayMs);
    }
  }
}

/** "200 ms", "10 s", "1.5 s": durations as a person reads them. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return `${s >= 10 ? Math.round(s) : Math.round(s * 10) / 10} s`;
}

function giveUp(err: unknown, policy: RetryPolicy, why: string, retryAfterMs: number | undefined): TemporaryError {
  const secrets = policy.secrets ?? [];
  // A caller may name the request by its URL: the query string (apiKey=…) never goes in a message.
  const what = (policy.what ?? describeRequest(err) ?? 'request').replace(/\?\S*/g, '');
  // A timeout names the endpoint that hung (method and URL, no query string).
  const request = isTimeout(err) ? describeRequest(err) : undefined;
  const endpoint = request !== undefined && !what.includes(request) ? ` (${request})` : '';
  const verb = isTimeout(err) ? 'timed out' : 'failed';
  const advice = typeof policy.hint === 'function' ? policy.hint(err) : policy.hint;
  const hint = advice === undefined ? '' : `: ${advice}`;
  const message = scrubSecrets(`${what} ${verb}: ${why}${endpoint}${hint}`, secrets);
  const cause = err instanceof AtsError ? err : scrubError(err, secrets);
  return new TemporaryError(message, retryAfterMs === undefined ? { cause } : { cause, retryAfterMs });
}
