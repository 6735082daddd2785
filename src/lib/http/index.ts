export { shouldRetry, isTimeout } from './should-retry.js';
export type { RetryDecision } from './should-retry.js';
export { parseRetryAfter, headerValue } from './retry-after.js';
export { withRetry, backoffDelayMs, formatMs } from './retry.js';
export type { RetryPolicy, RetryInfo } from './retry.js';
export { RateLimiter, realSleep } from './rate-limit.js';
export type { RateLimiterOptions } from './rate-limit.js';
export { scrubError, describeRequest, ScrubbedHttpError } from './redact.js';
