import { sessionsBetween } from '../../src/lib/market/calendar.js';
import { mulberry32 } from '../../src/lib/model/rng.js';
import { nyMidnight } from '../../src/lib/time.js';
import type { Bar, BarSeries } from '../../src/lib/types.js';

/**
 * Seeded daily bars on NYSE sessions from 2015. With `planted`, the next session's move follows where today's close
 * sits in its range (close in the upper half → up 2 %, lower half → down 2 %, 85 % of the time): the `close_location`
 * feature predicts it. Without, the moves are a coin flip. Either way the drift is zero, so buy-and-hold earns nothing
 * on average.
 */
export function plantedBars(symbol: string, sessions: number, seed: number, planted: boolean): Bar[] {
  const rand = mulberry32(seed);
  const days = sessionsBetween('2015-01-02', '2030-12-31').slice(0, sessions);
  let close = 100;
  let location = 0.5;
  return days.map((d) => {
    const follows = rand() < 0.85;
    const up = planted ? location > 0.5 === follows : rand() < 0.5;
    const open = close * (1 + (rand() - 0.5) * 0.002);
    close = open * (up ? 1.02 : 1 / 1.02);
    // Today's close sits at `location` of a 2 % range (widened to hold the open): tomorrow's move reads it.
    location = rand();
    const range = close * 0.02;
    const low = Math.min(open, close - location * range);
    const high = Math.max(open, close - location * range + range);
    location = (close - low) / (high - low);
    const volume = 1e6 * (1 + rand());
    return { symbol, timeframe: '1d', ts: nyMidnight(d), open, high, low, close, volume, vwap: null, trades: null };
  });
}

export function toBarSeries(bars: readonly Bar[]): BarSeries {
  return {
    symbol: bars[0]!.symbol,
    ts: Float64Array.from(bars, (b) => b.ts),
    open: Float64Array.from(bars, (b) => b.open),
    high: Float64Array.from(bars, (b) => b.high),
    low: Float64Array.from(bars, (b) => b.low),
    close: Float64Array.from(bars, (b) => b.close),
    volume: Float64Array.from(bars, (b) => b.volume),
  };
}
