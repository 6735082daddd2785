import { upsertBars } from '../../src/lib/store/bars.js';
import { mulberry32 } from '../../src/lib/model/rng.js';
import { nyMidnight } from '../../src/lib/time.js';
import type { Store } from '../../src/lib/store/open.js';
import type { Bar } from '../../src/lib/types.js';

export const DAY = 86_400_000;
export const START = nyMidnight('2020-01-01');

/**
 * Seeded daily bars (one bar per calendar day) of `symbols`: a random walk with 2 % daily moves for the
 * first `noise` sessions, then a planted, learnable pattern: each return undoes 60 % of the previous one
 * (mean reversion), so ret_1 predicts the next session's direction.
 */
export function plantedBars(symbols: string[], sessions: number, noise: number, seed: number): Bar[] {
  const bars: Bar[] = [];
  symbols.forEach((symbol, k) => {
    const rand = mulberry32(seed + k);
    const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    let close = 100;
    let prev = 0;
    for (let i = 0; i < sessions; i++) {
      const r = (i >= noise ? -0.6 * prev : 0) + 0.02 * normal();
      const open = close;
      close = open * (1 + r);
      prev = r;
      bars.push({
        symbol,
        timeframe: '1d',
        ts: START + i * DAY,
        open,
        high: Math.max(open, close) * (1 + 0.005 * rand()),
        low: Math.min(open, close) * (1 - 0.005 * rand()),
        close,
        volume: 1_000_000 + Math.floor(200_000 * rand()),
        vwap: null,
        trades: null,
      });
    }
  });
  return bars;
}

export function storePlanted(store: Store, symbols: string[], sessions: number, noise: number, seed = 11): void {
  upsertBars(store, plantedBars(symbols, sessions, noise, seed), 'test');
}
