/** Synthetic minute bars for the intraday features' tests, the perturbations those tests apply, and a series copy. */
import { nyDate, nyTime } from '../../src/lib/time.js';
import type { BarSeries } from '../../src/lib/types.js';

export const clone = (s: BarSeries): BarSeries => ({
  symbol: s.symbol,
  ts: s.ts.slice(),
  open: s.open.slice(),
  high: s.high.slice(),
  low: s.low.slice(),
  close: s.close.slice(),
  volume: s.volume.slice(),
});

/** 390 regular-session minute bars (plus two pre-market ones) for each of the daily sessions `from..`. */
export function minuteBars(daily: BarSeries, from: number): BarSeries {
  const m: Record<'ts' | 'open' | 'high' | 'low' | 'close' | 'volume', number[]> = {
    ts: [],
    open: [],
    high: [],
    low: [],
    close: [],
    volume: [],
  };
  let seed = 7;
  const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  for (let d = from; d < daily.ts.length; d++) {
    const date = nyDate(daily.ts[d]!);
    let price = daily.open[d]!;
    const starts = [
      nyTime(date, 8, 0),
      nyTime(date, 8, 1),
      ...Array.from({ length: 390 }, (_, k) => nyTime(date, 9, 30) + k * 60_000),
    ];
    for (const ts of starts) {
      const next = price * (1 + 0.002 * (rnd() - 0.5));
      m.ts.push(ts);
      m.open.push(price);
      m.close.push(next);
      m.high.push(Math.max(price, next) * (1 + 0.0005 * rnd()));
      m.low.push(Math.min(price, next) * (1 - 0.0005 * rnd()));
      m.volume.push(100 + Math.round(1000 * rnd()));
      price = next;
    }
  }
  const f = (a: number[]) => Float64Array.from(a);
  return {
    symbol: daily.symbol,
    ts: f(m.ts),
    open: f(m.open),
    high: f(m.high),
    low: f(m.low),
    close: f(m.close),
    volume: f(m.volume),
  };
}

/** Scales the minute bars in [fromTs, toTs) by f (prices) — a rewritten intraday path. */
export function scaleMinutes(m: BarSeries, fromTs: number, toTs: number, f: (k: number) => number): BarSeries {
  const c = clone(m);
  let k = 0;
  for (let i = 0; i < c.ts.length; i++) {
    if (c.ts[i]! < fromTs || c.ts[i]! >= toTs) continue;
    const g = f(k++);
    c.open[i]! *= g;
    c.close[i]! *= g;
    c.high[i] = Math.max(c.high[i]!, c.open[i]!, c.close[i]!);
    c.low[i] = Math.min(c.low[i]!, c.open[i]!, c.close[i]!);
  }
  return c;
}
