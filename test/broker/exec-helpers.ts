/** Shared setup for the execution tests: a temp store with prices, paper and Alpaca brokers, ExecutionDeps. */
import { join } from 'node:path';
import { silentLogger } from '../../src/lib/log.js';
import { openStore } from '../../src/lib/store/open.js';
import type { Store } from '../../src/lib/store/open.js';
import { upsertQuoteSnapshot } from '../../src/lib/store/reference.js';
import { upsertSector } from '../../src/lib/store/sectors.js';
import { PaperBroker } from '../../src/lib/broker/paper.js';
import type { PaperBrokerOptions } from '../../src/lib/broker/paper.js';
import { AlpacaBroker } from '../../src/lib/broker/alpaca.js';
import type { Broker } from '../../src/lib/broker/types.js';
import { ExecutionEvents } from '../../src/lib/execution/events.js';
import type { ExecutionDeps } from '../../src/lib/execution/place-order.js';
import { writeExecutionCsv } from '../../src/lib/report/execution-csv.js';
import { tempDir } from '../helpers/tmp.js';
import { GENEROUS_MS } from '../helpers/wait.js';
import type { FakeAlpaca } from '../fakes/alpaca-server.js';

/** 2025-03-04 15:00 UTC = 10:00 in New York, a Tuesday session. */
export const T0 = Date.UTC(2025, 2, 4, 15, 0, 0);

export interface ExecEnv {
  dir: string;
  store: Store;
  reportsDir: string;
  clock: { now: number };
}

export function execEnv(t: { after: (fn: () => void) => void }): ExecEnv {
  const dir = tempDir(t, 'ats-exec-');
  const store = openStore(join(dir, 'ats.db'));
  t.after(() => store.close());
  return { dir, store, reportsDir: join(dir, 'reports'), clock: { now: T0 } };
}

/** A quote snapshot (last trade) at `ts` (default the env clock). */
export function setQuote(env: ExecEnv, symbol: string, last: number, ts = env.clock.now): void {
  upsertQuoteSnapshot(
    env.store,
    {
      symbol,
      ts,
      bid: null,
      bidSize: null,
      ask: null,
      askSize: null,
      last,
      lastSize: null,
      dayClose: null,
      prevClose: null,
    },
    ts,
  );
}

export function setSector(env: ExecEnv, symbol: string, sector: string): void {
  upsertSector(env.store, { symbol, sector, sicCode: null, source: 'test' }, env.clock.now);
}

export function paperBroker(env: ExecEnv, opts: PaperBrokerOptions = {}): PaperBroker {
  return new PaperBroker(env.store, { now: () => env.clock.now, ...opts });
}

/** Generous timeout: a local answer never takes this long; tests that need a timeout make the server hang. */
export function alpacaBroker(fake: FakeAlpaca, timeoutMs = GENEROUS_MS, baseUrl = fake.url): AlpacaBroker {
  return new AlpacaBroker({ keyId: fake.keyId, secretKey: fake.secretKey, baseUrl, timeoutMs });
}

export function deps(env: ExecEnv, broker: Broker): ExecutionDeps {
  return {
    store: env.store,
    broker,
    events: writeExecutionCsv(new ExecutionEvents(), env.reportsDir),
    log: silentLogger,
    now: () => env.clock.now,
    submitPolicy: { baseDelayMs: 1, sleep: async () => {} },
  };
}

export const market = { type: 'market', timeInForce: 'day', limitPrice: null, stopPrice: null } as const;

export function order(symbol: string, side: 'buy' | 'sell', qty: number, runId = 'test') {
  return { symbol, side, qty, ...market, runId, source: 'cli' };
}
