export { shouldRetry, isTimeout } from './should-retry.js';
export { backoffDelayMs, formatMs } from './retry.js';
export { realSleep } from './rate-limit.js';
export { scrubError, describeRequest } from './redact.js';
