/**
 * evaluator --watch. Without live prices: a pass every `intervalMs` over the latest prices in the store (which
 * `ats collect --quotes` keeps fresh). With live prices (a PriceSource fed by the Polygon stream): a trade in a
 * held symbol starts a pass at once, and the timed pass still runs to pick up fills and report how stale the
 * prices are. A streamed price older than `maxAgeMs` (since it arrived) is never acted on. Passes never overlap:
 * trades that arrive during one are served by a single pass right after it. A failed pass (broker unreachable,
 * database busy) is logged and the next one runs: the loop survives disconnects.
 */
import type { ExecutionDeps } from '../execution/place-order.js';
import { errorMessage } from '../errors.js';
import { describeAges } from '../market/price-feed.js';
import type { PriceSource } from '../market/price-feed.js';
import { recordLastTrade } from '../store/ticks.js';
import type { Thresholds } from './evaluate.js';
import { evaluateOnce } from './run-pass.js';
import { evaluateOptionsOnce, optionResultRows } from './option-pass.js';
import type { OptionRules } from './option-rules.js';
import type { EvaluatorResult, PassOptions } from './run-pass.js';

export interface LivePrices {
  feed: PriceSource;
  /** A streamed price older than this (ms since it arrived) is reported, never acted on. */
  maxAgeMs: number;
  /** Subscribe to the symbols held (positions opened after the start included). */
  follow?: (symbols: string[]) => void;
}

export interface WatchOptions extends PassOptions {
  intervalMs: number;
  signal: AbortSignal;
  onPass?: (results: EvaluatorResult[]) => void;
  live?: LivePrices;
  /** The option rules, applied to the grouped options positions on every pass (option-pass.ts). */
  options?: { rules: OptionRules; rate: number } | undefined;
}

/** `thresholds` null: the option rules only. */
export async function watchPositions(
  deps: ExecutionDeps,
  thresholds: Thresholds | null,
  opts: WatchOptions,
): Promise<{ passes: number; closes: number }> {
  const { live } = opts;
  let passes = 0;
  let closes = 0;
  let held = new Set<string>();
  /** Every symbol held since the start: a trade in one starts a pass (it may have been bought again since). */
  const watched = new Set<string>();
  const recorded = new Map<string, number>();

  const priceOf = live ? (s: string) => freshPrice(live, s) : opts.priceOf;

  /** The streamed trades about to be acted on become the symbols' last price: the paper simulator fills there. */
  function recordTrades(): void {
    if (!live) return;
    for (const s of watched) {
      const p = live.feed.latest(s);
      if (p?.source !== 'trade' || freshPrice(live, s) === null || recorded.get(s) === p.receivedAt) continue;
      recordLastTrade(deps.store, s, p.price, p.ts, Date.now());
      recorded.set(s, p.receivedAt);
    }
  }

  async function pass(): Promise<void> {
    try {
      recordTrades();
      const results = thresholds === null ? [] : await evaluateOnce(deps, thresholds, { ...opts, priceOf });
      const { options } = opts;
      const optionRows = options
        ? optionResultRows(await evaluateOptionsOnce(deps, options.rules, { rate: options.rate, notify: opts.notify }))
        : [];
      passes++;
      closes += [...results, ...optionRows].filter((r) => r.action === 'close').length;
      held = new Set(results.filter((r) => r.action !== 'close').map((r) => r.symbol));
      for (const r of results) watched.add(r.symbol);
      if (live) {
        live.follow?.([...watched]);
        for (const r of results) if (r.action === 'skip' && r.price === null) r.reason = staleReason(live, r.symbol);
      }
      opts.onPass?.([...results, ...optionRows]);
    } catch (err) {
      deps.log.warn(`evaluator pass failed, retrying in ${opts.intervalMs} ms: ${errorMessage(err)}`);
    }
  }

  let running: Promise<void> | null = null;
  let again = false;
  function requestPass(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await pass();
      } while (again && !opts.signal.aborted);
      running = null;
    })();
    return running;
  }

  const drained = (): Promise<void> => running ?? Promise.resolve();

  const unsubscribe = live?.feed.onUpdate((p) => {
    if (p.source === 'trade' && watched.has(p.symbol) && !opts.signal.aborted) void requestPass();
  });
  try {
    while (!opts.signal.aborted) {
      await requestPass();
      if (live && held.size > 0) reportAges(deps, live, held);
      await sleepUnlessAborted(opts.intervalMs, opts.signal);
    }
    await drained();
  } finally {
    unsubscribe?.();
  }
  return { passes, closes };
}

function freshPrice(live: LivePrices, symbol: string): number | null {
  const age = live.feed.ageMs(symbol);
  return age !== null && age <= live.maxAgeMs ? (live.feed.latest(symbol)?.price ?? null) : null;
}

function staleReason(live: LivePrices, symbol: string): string {
  const age = live.feed.ageMs(symbol);
  if (age === null) return 'no streamed price yet';
  return `streamed price is ${(age / 1000).toFixed(1)} s old (limit ${live.maxAgeMs / 1000} s): not acted on`;
}

function reportAges(deps: ExecutionDeps, live: LivePrices, held: Set<string>): void {
  const stale = [...held].filter((s) => freshPrice(live, s) === null);
  const line = `price ages: ${describeAges(live.feed, held)}`;
  if (stale.length === 0) deps.log.info(line);
  else deps.log.warn(`${line}; not acting on ${stale.join(', ')} (older than ${live.maxAgeMs / 1000} s or none)`);
}

function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
