/**
 * In-process counts of what the shared HTTP policy did: retries (by reason) and rate-limit waits. Every client
 * in the process adds to the same counts, so a metrics exporter (the daily run's textfile, `ats serve`'s /metrics)
 * reports them without the clients knowing about it. Counters only grow while the process lives.
 */
export interface HttpCounts {
  /** Retries started, by the retry policy's reason ("HTTP 503", "network error ECONNRESET", …). */
  retries: Map<string, number>;
  rateLimitWaits: number;
  rateLimitWaitMs: number;
}

const counts: HttpCounts = { retries: new Map(), rateLimitWaits: 0, rateLimitWaitMs: 0 };

export function countRetry(reason: string): void {
  // The reason's first words name the kind (status or error code); the rest (a message) would explode label values.
  const kind = reason.split(/[;:(]/)[0]?.trim().slice(0, 40) || 'unknown';
  counts.retries.set(kind, (counts.retries.get(kind) ?? 0) + 1);
}

export function countRateLimitWait(ms: number): void {
  counts.rateLimitWaits += 1;
  counts.rateLimitWaitMs += ms;
}

/** A copy of the counts so far. */
export function httpCounts(): HttpCounts {
  return { ...counts, retries: new Map(counts.retries) };
}
