import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PaperBroker } from '../src/lib/broker/paper.js';
import { sessionClose, sessionsBetween } from '../src/lib/market/calendar.js';
import { mulberry32 } from '../src/lib/model/rng.js';
import { dailyBarsAfter, upsertBars } from '../src/lib/store/bars.js';
import { openStore } from '../src/lib/store/open.js';
import { fillPaperOrder, insertPaperOrder, listPaperOrders } from '../src/lib/store/paper.js';
import { nyMidnight } from '../src/lib/time.js';
import type { Bar } from '../src/lib/types.js';
import type { BenchResult } from './types.js';

const BRACKETS = 500;
const SYMBOLS = 50;
const SESSIONS = sessionsBetween('2014-01-02', '2023-12-29'); // 10 years, 2 516 sessions

/** Seeded random walks (2 % daily moves) for SYMBOLS symbols, and 500 market-entry brackets placed on day one. */
function buildStore(path: string): void {
  const store = openStore(path);
  const rand = mulberry32(42);
  const symbols = Array.from(
    { length: SYMBOLS },
    (_, i) => `B${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}`,
  );
  store.db.transaction(() => {
    for (const symbol of symbols) {
      let close = 100;
      const bars: Bar[] = SESSIONS.map((d) => {
        const open = close * (1 + (rand() - 0.5) * 0.02);
        close = open * (1 + (rand() - 0.5) * 0.04);
        const high = Math.max(open, close) * (1 + rand() * 0.01);
        const low = Math.min(open, close) * (1 - rand() * 0.01);
        return {
          symbol,
          timeframe: '1d',
          ts: nyMidnight(d),
          open,
          high,
          low,
          close,
          volume: 1e6,
          vwap: null,
          trades: null,
        };
      });
      upsertBars(store, bars, 'bench');
    }
  })();
  // Written directly (as submitOrder leaves them: the entry filled at day one's close, its legs resting), so the
  // setup does not pay 500 catch-ups.
  const day1 = SESSIONS[0] as string;
  const placedAt = sessionClose(day1) + 60_000;
  store.db.transaction(() => {
    for (let i = 0; i < BRACKETS; i++) {
      // legs from 5 % to 55 % away: most fill somewhere in the ten years, some never
      const width = 0.05 + (i % 11) * 0.05;
      const common = { symbol: symbols[i % SYMBOLS] as string, qty: 1, orderClass: 'bracket' as const };
      const id = `paper-bench-${i}`;
      const entry = { ...common, side: 'buy' as const, type: 'market' as const, timeInForce: 'day' as const };
      insertPaperOrder(
        store,
        id,
        { ...entry, clientOrderId: `bench-${i}`, limitPrice: null, stopPrice: null },
        placedAt,
      );
      fillPaperOrder(store, id, { price: 100, commission: 0, atMs: placedAt, session: day1 });
      const leg = { ...common, side: 'sell' as const, timeInForce: 'gtc' as const, parentId: id };
      const tp = Math.round(100 * (1 + 2 * width) * 100) / 100;
      const sl = Math.round(100 * (1 - width) * 100) / 100;
      insertPaperOrder(
        store,
        `${id}-tp`,
        { ...leg, clientOrderId: `bench-${i}-tp`, type: 'limit', limitPrice: tp, stopPrice: null },
        placedAt,
      );
      insertPaperOrder(
        store,
        `${id}-sl`,
        { ...leg, clientOrderId: `bench-${i}-sl`, type: 'stop', limitPrice: null, stopPrice: sl },
        placedAt,
      );
    }
  })();
  store.close();
}

function timed(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** The simulator working 500 brackets through ten years of daily bars in one read, beside reading the same bars. */
export function benchPaperSim(): Promise<BenchResult[]> {
  return Promise.resolve(runPaperSim());
}

function runPaperSim(): BenchResult[] {
  const dir = mkdtempSync(join(tmpdir(), 'ats-bench-paper-'));
  try {
    const seed = join(dir, 'seed.db');
    buildStore(seed);
    const end = sessionClose(SESSIONS.at(-1) as string) + 60_000;
    let best = Infinity;
    let baseline = Infinity;
    let filled = 0;
    for (let run = 0; run < 3; run++) {
      const path = join(dir, `run-${run}.db`);
      copyFileSync(seed, path);
      const store = openStore(path);
      try {
        // baseline: read the same bars the simulator reads, and touch each one
        baseline = Math.min(
          baseline,
          timed(() => {
            let n = 0;
            const symbols = new Set(listPaperOrders(store, 'open').map((o) => o.symbol));
            for (const s of symbols) for (const b of dailyBarsAfter(store, s, 0, end)) n += b.high > b.low ? 1 : 0;
            if (n === 0) throw new Error('no bars');
          }),
        );
        const broker = new PaperBroker(store, { now: () => end });
        best = Math.min(
          best,
          timed(() => broker.catchUp()),
        );
        filled = listPaperOrders(store, 'closed').filter((o) => o.parentId !== null && o.status === 'filled').length;
      } finally {
        store.close();
      }
    }
    return [
      {
        name: `paper simulator: ${BRACKETS} brackets through ${SESSIONS.length} sessions × ${SYMBOLS} symbols (best of 3)`,
        value: best,
        unit: 'ms',
        baseline,
        ratio: best / baseline,
        note: `${filled} exit legs filled: ${Math.round((filled / best) * 1000).toLocaleString('en-US')} orders filled/s; baseline reads the same bars`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
