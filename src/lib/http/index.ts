export { shouldRetry } from './should-retry.js';
export { backoffDelayMs } from './retry.js';
export { realSleep } from './rate-limit.js';
export { scrubError } from './redact.js';
