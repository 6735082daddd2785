import { nyOffsetMs } from '../time.js';

/**
 * New York wall-clock time as "naive" epoch ms (the instant's New York date and time read as if it
 * were UTC). backtesting.py works on a tz-naive DatetimeIndex of local dates; converting our UTC
 * stamps this way makes day differences exact across DST changes (a daily bar stamped 00:00 New York
 * becomes exactly midnight) and lets stats group by calendar day with integer arithmetic.
 *
 * Speed: the offset is constant between DST transitions, so we cache one segment of constant
 * offset (found by binary search over whole hours with Intl) and only leave it when a stamp falls
 * outside; a few dozen Intl calls per calendar year of data, once per process, instead of one per bar.
 */

const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

let segStart = 0;
let segEnd = -1;
let segOffset = 0;

/** First whole-hour instant in [lo, hi] (hours since epoch) whose offset differs from `from`. */
function findChange(loHour: number, hiHour: number, from: number): number {
  let lo = loHour;
  let hi = hiHour;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (nyOffsetMs(mid * HOUR_MS) === from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Since 2007 New York keeps EDT (−4 h) from the second Sunday of March, 02:00 EST (07:00 UTC), to
 * the first Sunday of November, 02:00 EDT (06:00 UTC) — the Energy Policy Act of 2005, the rule
 * tzdata (and so Intl) applies to every later year. Computing it directly keeps long or far-dated
 * series from costing dozens of Intl calls per year; earlier years are searched with Intl.
 */
function ruleSpans(year: number): number[] {
  const sunday = (month: number, nth: number): number => {
    const first = Date.UTC(year, month, 1);
    const dow = new Date(first).getUTCDay();
    return first + (((7 - dow) % 7) + 7 * (nth - 1)) * DAY_MS;
  };
  const dstStart = sunday(2, 2) + 7 * HOUR_MS;
  const dstEnd = sunday(10, 1) + 6 * HOUR_MS;
  const yearStart = Date.UTC(year, 0, 1);
  const yearEnd = Date.UTC(year + 1, 0, 1);
  return [yearStart, dstStart, -5 * HOUR_MS, dstStart, dstEnd, -4 * HOUR_MS, dstEnd, yearEnd, -5 * HOUR_MS];
}

/** Each year's constant-offset spans as [start, end, offset] triples (ms), built once per process. */
const yearSpans = new Map<number, number[]>();

function intlSpans(year: number): number[] {
  const spans: number[] = [];
  const yearEndH = Date.UTC(year + 1, 0, 1) / HOUR_MS;
  // Walk the year's transitions.
  for (let startH = Date.UTC(year, 0, 1) / HOUR_MS; startH < yearEndH;) {
    const offset = nyOffsetMs(startH * HOUR_MS);
    const endH = findChange(startH, yearEndH, offset);
    spans.push(startH * HOUR_MS, endH * HOUR_MS, offset);
    startH = endH;
  }
  return spans;
}

function spansOf(year: number): number[] {
  let spans = yearSpans.get(year);
  if (!spans) {
    spans = year >= 2007 ? ruleSpans(year) : intlSpans(year);
    yearSpans.set(year, spans);
  }
  return spans;
}

function loadSegment(ts: number): void {
  const spans = spansOf(new Date(ts).getUTCFullYear());
  for (let k = 0; k < spans.length; k += 3) {
    if (ts < spans[k + 1]!) {
      segStart = spans[k]!;
      segEnd = spans[k + 1]!;
      segOffset = spans[k + 2]!;
      return;
    }
  }
  segStart = ts;
  segEnd = ts + 1;
  segOffset = nyOffsetMs(ts);
}

/** One stamp (UTC ms) to New York naive ms. */
export function nyLocalMs(ts: number): number {
  if (!(ts >= segStart && ts < segEnd)) loadSegment(ts);
  return ts + segOffset;
}

/** Whole array version: out[i] = nyLocalMs(ts[i]). */
export function toNyLocal(ts: Float64Array): Float64Array {
  const out = new Float64Array(ts.length);
  // The segment in locals: module variables are reloaded (and hole-checked) on every access.
  let start = segStart;
  let end = segEnd;
  let offset = segOffset;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    if (!(t >= start && t < end)) {
      loadSegment(t);
      [start, end, offset] = [segStart, segEnd, segOffset];
    }
    out[i] = t + offset;
  }
  return out;
}

/** '00'..'99': labels are built from preexisting strings, one allocation per label. */
const PAD2 = Array.from({ length: 100 }, (_, v) => String(v).padStart(2, '0'));

/**
 * `YYYY-MM-DD` when the local time is midnight (daily bars), else `YYYY-MM-DDTHH:MM:SS`.
 * Integer civil-from-days (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms") instead of
 * Date#toISOString: it runs once per trade end, which is hot on long intraday runs.
 */
export function formatLocal(localMs: number): string {
  const days = Math.floor(localMs / DAY_MS);
  const msOfDay = localMs - days * DAY_MS;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const date = `${y < 1000 ? String(y).padStart(4, '0') : y}-${PAD2[m]}-${PAD2[d]}`;
  if (msOfDay === 0) return date;
  const sec = Math.floor(msOfDay / 1000);
  return `${date}T${PAD2[Math.floor(sec / 3600)]}:${PAD2[Math.floor(sec / 60) % 60]}:${PAD2[sec % 60]}`;
}
