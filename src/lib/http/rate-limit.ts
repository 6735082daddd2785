/**
 * Client-side request rate limit, so we stay under a provider's quota instead of collecting 429s.
 * Polygon's free ("Stocks Basic") plan allows 5 API calls per minute; paid plans are unlimited
 * (https://polygon.io/pricing). Alpaca allows 200 per minute per account.
 *
 * Sliding window: at most `perMinute` grants in any 60-second window. With 5/min the 6th call
 * waits until the 1st is a minute old. This is the strictest reading of "N per minute", so it is
 * safe however the server counts (fixed window, sliding window or token bucket).
 */
import { countRateLimitWait } from './counters.js';

export interface RateLimiterOptions {
  /** Requests allowed per window; `<= 0`, `Infinity` or undefined = unlimited. */
  perMinute?: number;
  /** Window length in ms (default 60 000). */
  windowMs?: number;
  /** Injectable clock and sleep for tests. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /**
   * Told before a request waits at least `noticeAfterMs` (default 1000) for a free slot, so a run that
   * pauses for the quota can say so instead of going silent for a minute.
   */
  onWait?: (waitMs: number, perMinute: number) => void;
  noticeAfterMs?: number;
}

export const realSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

export class RateLimiter {
  readonly perMinute: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly onWait: ((waitMs: number, perMinute: number) => void) | undefined;
  private readonly noticeAfterMs: number;
  /** Grant times inside the current window, oldest first. */
  private readonly grants: number[] = [];
  /** Callers queue behind each other so grants are handed out in call order. */
  private tail: Promise<void> = Promise.resolve();

  constructor(options: RateLimiterOptions = {}) {
    const limit = options.perMinute;
    this.perMinute = limit === undefined || !(limit > 0) ? Infinity : Math.floor(limit) || 1;
    this.windowMs = options.windowMs ?? 60_000;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
    this.onWait = options.onWait;
    this.noticeAfterMs = options.noticeAfterMs ?? 1000;
  }

  get unlimited(): boolean {
    return this.perMinute === Infinity;
  }

  /** Resolves when one more request may be sent now. */
  acquire(): Promise<void> {
    if (this.unlimited) return Promise.resolve();
    const turn = this.tail.then(() => this.waitForSlot());
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  /** How long a request made now would wait (0 when a slot is free). */
  waitMs(): number {
    if (this.unlimited) return 0;
    this.forgetExpired(this.now());
    const oldest = this.grants[0];
    if (this.grants.length < this.perMinute || oldest === undefined) return 0;
    return Math.max(0, oldest + this.windowMs - this.now());
  }

  private async waitForSlot(): Promise<void> {
    const first = this.waitMs();
    if (first >= this.noticeAfterMs) this.onWait?.(first, this.perMinute);
    if (first > 0) countRateLimitWait(first);
    for (;;) {
      const wait = this.waitMs();
      if (wait <= 0) break;
      await this.sleep(wait);
    }
    this.grants.push(this.now());
  }

  private forgetExpired(now: number): void {
    while (this.grants.length > 0 && (this.grants[0] as number) + this.windowMs <= now) this.grants.shift();
  }
}
