import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PaperBroker } from '../src/lib/broker/paper.js';
import { watchPositions } from '../src/lib/evaluator/watch.js';
import type { EvaluatorResult } from '../src/lib/evaluator/run-pass.js';
import { placeOrder } from '../src/lib/execution/place-order.js';
import type { ExecutionDeps } from '../src/lib/execution/place-order.js';
import { silentLogger } from '../src/lib/log.js';
import { startPriceStream } from '../src/lib/market/price-stream.js';
import { openStore } from '../src/lib/store/open.js';
import { recordLastTrade } from '../src/lib/store/ticks.js';
import { ExecutionEvents } from '../src/lib/execution/events.js';
import { startFakePolygon } from '../test/fakes/polygon-server.js';
import type { BenchResult } from './types.js';

/**
 * The evaluator's latency from a streamed trade to the close order, over 1,000 take-profit crossings: each round
 * buys 10 AAPL at 100 through the paper broker (a new session each round, so a new client order id), then the
 * fake Polygon streams a trade at 111 (take-profit 10 %) and the clock stops when the evaluator's pass has placed
 * and filled the close. Baseline, alternated with it in the same run: a trade's round trip through the same
 * WebSocket to the client's price feed alone (a symbol the evaluator does not hold). Both sides share the process
 * with the fake server, so the server's send costs are in both.
 */
const ROUNDS = 1_000;
const DAY = 86_400_000;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

export async function benchEvaluatorStream(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ats-bench-stream-'));
  const store = openStore(join(dir, 'ats.db'));
  const fake = await startFakePolygon({ apiKey: 'bench-key' });
  const prices = startPriceStream({
    apiKey: 'bench-key',
    delayedUrl: `${fake.wsUrl}/delayed`,
    realtimeUrl: fake.wsUrl,
    realtime: false,
    symbols: ['SPY'],
    log: silentLogger,
  });
  // Simulated market time, a session a buy: trades are stamped just before it (the paper broker reads no later price).
  const clock = { now: Date.UTC(2020, 0, 2, 15) };
  const deps: ExecutionDeps = {
    store,
    broker: new PaperBroker(store, { now: () => clock.now, startingCash: 1e12 }),
    events: new ExecutionEvents(),
    log: silentLogger,
    now: () => clock.now,
    submitPolicy: { baseDelayMs: 1, sleep: async () => {} },
  };
  const buy = async (): Promise<void> => {
    clock.now += DAY;
    recordLastTrade(store, 'AAPL', 100, clock.now - 1_000, clock.now - 1_000);
    await placeOrder(deps, {
      symbol: 'AAPL',
      side: 'buy',
      qty: 10,
      type: 'market',
      timeInForce: 'day',
      limitPrice: null,
      stopPrice: null,
      runId: 'bench',
      source: 'cli',
    });
  };
  // The first position exists before the evaluator starts: its first pass finds it and follows AAPL.
  await buy();
  let onClose: (() => void) | null = null;
  const stop = new AbortController();
  const watching = watchPositions(
    deps,
    { stopLoss: null, takeProfit: 0.1, trailing: null },
    {
      intervalMs: 3_600_000,
      signal: stop.signal,
      onPass: (r: EvaluatorResult[]) => {
        if (r.some((x) => x.action === 'close')) onClose?.();
      },
      live: { feed: prices.feed, maxAgeMs: 60_000, follow: (s) => prices.follow(s) },
    },
  );
  const trade = (sym: string, p: number, i: number) => ({
    ev: 'T',
    sym,
    i: String(i),
    x: 4,
    p,
    s: 10,
    t: clock.now - 500,
    q: i,
  });
  const evaluator: number[] = [];
  const baseline: number[] = [];
  try {
    await fake.ws.waitForSubscription('T.SPY');
    await fake.ws.waitForSubscription('T.AAPL');
    for (let i = 0; i < ROUNDS; i++) {
      if (i > 0) await buy();
      // the baseline: a trade to the feed only
      const seen = new Promise<number>((resolve) => {
        const off = prices.feed.onUpdate((p) => {
          if (p.symbol !== 'SPY') return;
          off();
          resolve(performance.now());
        });
      });
      const b0 = performance.now();
      fake.ws.push([trade('SPY', 400 + (i % 7), 2 * i)]);
      baseline.push((await seen) - b0);
      // the evaluator: a trade across the take-profit to the filled close
      const closed = new Promise<number>((resolve) => (onClose = () => resolve(performance.now())));
      const e0 = performance.now();
      fake.ws.push([trade('AAPL', 111, 2 * i + 1)]);
      evaluator.push((await closed) - e0);
      onClose = null;
    }
  } finally {
    stop.abort();
    await watching;
    await prices.stop();
    await fake.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  // The ledger grows by two orders and two fills a round and each pass reads all of it: the first rounds show
  // the latency of a small book.
  const early = evaluator.slice(0, 100).sort((a, b) => a - b);
  const earlyBase = baseline.slice(0, 100).sort((a, b) => a - b);
  evaluator.sort((a, b) => a - b);
  baseline.sort((a, b) => a - b);
  const result = (name: string, q: number): BenchResult => {
    const value = quantile(evaluator, q);
    const base = quantile(baseline, q);
    return {
      name,
      value,
      unit: 'ms',
      baseline: base,
      ratio: value / base,
      note: `${ROUNDS} crossings; baseline: the trade through the WebSocket to the price feed alone`,
    };
  };
  return [
    result('evaluator stream latency median', 0.5),
    result('evaluator stream latency p99', 0.99),
    {
      name: 'evaluator stream latency median, first 100 crossings',
      value: quantile(early, 0.5),
      unit: 'ms',
      baseline: quantile(earlyBase, 0.5),
      ratio: quantile(early, 0.5) / quantile(earlyBase, 0.5),
      note: 'a ledger of under 200 orders',
    },
  ];
}
