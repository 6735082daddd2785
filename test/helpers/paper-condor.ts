/**
 * A store with a synthetic SPY (closes alternate 100, 101 from 2 Jan to 30 Jun 2025) and a SPY iron condor
 * 90/95/105/110 expiring 16 May 2025, opened on the paper broker as one mleg market order as of 15 Apr 2025's
 * close (model chain: the legs fill at 0.01, 0.26, 0.41, 0.04 → 0.62 credit; see test/broker/paper-options.test.ts).
 */
import { PaperBroker } from '../../src/lib/broker/paper.js';
import { sessionClose, sessionsBetween } from '../../src/lib/market/calendar.js';
import { upsertBars } from '../../src/lib/store/bars.js';
import { openStore } from '../../src/lib/store/open.js';
import type { Store } from '../../src/lib/store/open.js';
import { nyMidnight } from '../../src/lib/time.js';
import type { OptionOrderLeg } from '../../src/lib/order-types.js';
import type { OrderRequest } from '../../src/lib/broker/types.js';

export const CONDOR_LEGS = [
  ['SPY250516P00090000', 'buy'],
  ['SPY250516P00095000', 'sell'],
  ['SPY250516C00105000', 'sell'],
  ['SPY250516C00110000', 'buy'],
] as const;

/** The condor's legs as an opening mleg order carries them. */
export const CONDOR_OPEN_LEGS: OptionOrderLeg[] = CONDOR_LEGS.map(([symbol, side]) => ({
  symbol,
  side,
  ratioQty: 1,
  positionIntent: side === 'buy' ? 'buy_to_open' : 'sell_to_open',
}));

/** The condor as one mleg market order to open it (sold for a credit); `extra` overrides fields. */
export function condorOrder(clientOrderId: string, extra: Partial<OrderRequest> = {}): OrderRequest {
  return {
    clientOrderId,
    symbol: 'SPY',
    side: 'sell',
    qty: 1,
    type: 'market',
    timeInForce: 'day',
    limitPrice: null,
    stopPrice: null,
    orderClass: 'mleg',
    optionLegs: CONDOR_OPEN_LEGS,
    ...extra,
  };
}

/**
 * The synthetic SPY daily bars from 2 Jan to 30 Jun 2025: by default closes 100 on even session indexes, 101 on odd
 * ones; `closeOf` sets other closes (open = high = low = close).
 */
export function seedSyntheticSpy(
  store: Store,
  closeOf: (session: string, i: number) => number = (_s, i) => (i % 2 === 0 ? 100 : 101),
): void {
  upsertBars(
    store,
    sessionsBetween('2025-01-02', '2025-06-30').map((s, i) => {
      const c = closeOf(s, i);
      return {
        symbol: 'SPY',
        timeframe: '1d' as const,
        ts: nyMidnight(s),
        open: c,
        high: c,
        low: c,
        close: c,
        volume: 1e6,
        vwap: null,
        trades: null,
      };
    }),
    'test',
  );
}

export async function openPaperCondor(dbPath: string, asOf = '2025-04-15'): Promise<void> {
  const store = openStore(dbPath);
  try {
    seedSyntheticSpy(store);
    const broker = new PaperBroker(store, { now: () => sessionClose(asOf) + 60_000, optionsRate: 0.04 });
    await broker.submitOrder(condorOrder('condor-1'));
  } finally {
    store.close();
  }
}
