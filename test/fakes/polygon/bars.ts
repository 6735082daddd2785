/**
 * Bars the fake Polygon serves. By default a deterministic random walk per symbol on NYSE sessions
 * (holidays skipped via src/lib/market/calendar.ts), timestamps as Polygon gives them: a daily bar's
 * `t` is 00:00 America/New_York of its session, in epoch ms.
 *
 * Memory matters (the benchmark asks for 500 symbols × 10 years): a generated symbol keeps only its
 * closes (Float64Array); open/high/low/volume are re-derived from a hash of (symbol, day) on demand.
 */
import { isEarlyClose, sessionsBetween } from '../../../src/lib/market/calendar.js';
import { nyMidnight, nyTime } from '../../../src/lib/time.js';
import type { SessionDate } from '../../../src/lib/types.js';

export interface FakeBar {
  t: number;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
  vw?: number;
  n?: number;
}

/** Read-only view of one symbol's daily bars, oldest first. */
export interface BarSeries {
  readonly length: number;
  timeAt(i: number): number;
  barAt(i: number): FakeBar;
}

const FIRST_SESSION = '2000-01-03';
const LAST_SESSION = '2030-12-31';
let sessionDates: SessionDate[] | undefined;
let sessionTimes: Float64Array | undefined;

function sessions(): { dates: SessionDate[]; times: Float64Array } {
  if (sessionDates === undefined || sessionTimes === undefined) {
    sessionDates = sessionsBetween(FIRST_SESSION, LAST_SESSION);
    sessionTimes = Float64Array.from(sessionDates, (d) => nyMidnight(d));
  }
  return { dates: sessionDates, times: sessionTimes };
}

/** 32-bit integer hash (Chris Wellons' lowbias32) → [0, 1). Deterministic "randomness". */
function unit(seed: number, i: number, k: number): number {
  let x = (seed ^ Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(k + 1, 0x85ebca77)) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return (x >>> 0) / 4294967296;
}

export function symbolSeed(symbol: string): number {
  let h = 2166136261;
  for (let i = 0; i < symbol.length; i++) h = Math.imul(h ^ symbol.charCodeAt(i), 16777619);
  return h >>> 0;
}

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/** Geometric random walk: ~2% daily volatility, start price 20–200 depending on the symbol. */
export class GeneratedSeries implements BarSeries {
  private readonly closes: Float64Array;
  private readonly times: Float64Array;
  private readonly seed: number;
  readonly length: number;

  constructor(symbol: string) {
    const { times } = sessions();
    this.times = times;
    this.seed = symbolSeed(symbol);
    this.length = times.length;
    this.closes = new Float64Array(times.length);
    let price = 20 + (this.seed % 181);
    for (let i = 0; i < times.length; i++) {
      // Sum of 4 uniforms, centred: close enough to normal for a fake.
      const z =
        (unit(this.seed, i, 0) + unit(this.seed, i, 1) + unit(this.seed, i, 2) + unit(this.seed, i, 3) - 2) * 1.732;
      price = Math.max(1, price * Math.exp(0.02 * z + 0.0002));
      this.closes[i] = round4(price);
    }
  }

  timeAt(i: number): number {
    return this.times[i] as number;
  }

  barAt(i: number): FakeBar {
    const c = this.closes[i] as number;
    const prev = i > 0 ? (this.closes[i - 1] as number) : c;
    const o = round4(prev * (1 + (unit(this.seed, i, 4) - 0.5) * 0.01));
    const h = round4(Math.max(o, c) * (1 + unit(this.seed, i, 5) * 0.01));
    const l = round4(Math.min(o, c) * (1 - unit(this.seed, i, 6) * 0.01));
    const v = Math.floor(1_000_000 + unit(this.seed, i, 7) * 9_000_000);
    return { t: this.timeAt(i), o, h, l, c, v, vw: round4((o + h + l + c) / 4), n: Math.floor(v / 97) };
  }
}

/** Bars given by a test, sorted by time. */
export class ArraySeries implements BarSeries {
  private readonly bars: FakeBar[];
  constructor(bars: readonly FakeBar[]) {
    this.bars = [...bars].sort((a, b) => a.t - b.t);
  }
  get length(): number {
    return this.bars.length;
  }
  timeAt(i: number): number {
    return (this.bars[i] as FakeBar).t;
  }
  barAt(i: number): FakeBar {
    return this.bars[i] as FakeBar;
  }
}

/** First index whose time is >= t (series.length when none). */
export function lowerIndex(series: BarSeries, t: number): number {
  let lo = 0;
  let hi = series.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (series.timeAt(mid) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * One-minute bars of a session, derived from its daily bar: a path from open to close that stays
 * inside [low, high], from 09:30 to the close (16:00, or 13:00 on early-close days).
 */
export function minuteBars(day: FakeBar, date: SessionDate, seed: number): FakeBar[] {
  const open = nyTime(date, 9, 30);
  const minutes = ((isEarlyClose(date) ? 13 : 16) * 60 - (9 * 60 + 30)) | 0;
  const out: FakeBar[] = [];
  const span = day.h - day.l;
  const clamp = (x: number): number => Math.min(day.h, Math.max(day.l, x));
  const priceAt = (j: number): number => {
    if (j === 0) return day.o;
    if (j === minutes) return day.c;
    const drift = day.o + ((day.c - day.o) * j) / minutes;
    return clamp(drift + (unit(seed, day.t / 60_000 + j, 8) - 0.5) * span * 0.5);
  };
  const perMinute = Math.max(1, Math.floor(day.v / minutes));
  for (let j = 0; j < minutes; j++) {
    const o = round4(priceAt(j));
    const c = round4(priceAt(j + 1));
    const wiggle = span * 0.02 * unit(seed, day.t / 60_000 + j, 9);
    const h = round4(clamp(Math.max(o, c) + wiggle));
    const l = round4(clamp(Math.min(o, c) - wiggle));
    const v = perMinute;
    out.push({
      t: open + j * 60_000,
      o,
      h,
      l,
      c,
      v,
      vw: round4((o + h + l + c) / 4),
      n: Math.max(1, Math.floor(v / 97)),
    });
  }
  return out;
}
