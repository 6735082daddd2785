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

/**
 * The years firstYear..lastYear as one ascending list of [start, end, offset] triples, a span that runs on
 * into the next year merged with it (New Year changes no offset): stamps that walk forward find their next
 * segment at the next triple, with no date arithmetic.
 */
let flat: number[] = [];
let firstYear = Number.NaN;
let lastYear = Number.NaN;
let segIndex = -3;
/** Years further than this from the list are looked up alone rather than joined to it. */
const MAX_YEARS_JOINED = 200;

function merged(spans: number[], into: number[]): number[] {
  for (let k = 0; k < spans.length; k += 3) {
    const n = into.length;
    if (n > 0 && into[n - 2] === spans[k] && into[n - 1] === spans[k + 2]) into[n - 2] = spans[k + 1]!;
    else into.push(spans[k]!, spans[k + 1]!, spans[k + 2]!);
  }
  return into;
}

/** Extends the list to `year`; false when the year is too far from it to join. */
function cover(year: number): boolean {
  if (Number.isNaN(firstYear)) {
    flat = merged(spansOf(year), []);
    firstYear = lastYear = year;
    return true;
  }
  if (year > lastYear + MAX_YEARS_JOINED || year < firstYear - MAX_YEARS_JOINED) return false;
  while (year > lastYear) merged(spansOf(++lastYear), flat);
  while (year < firstYear) flat = merged(flat, merged(spansOf(--firstYear), []));
  return true;
}

function setSegment(start: number, end: number, offset: number): void {
  segStart = start;
  segEnd = end;
  segOffset = offset;
}

function loadSegment(ts: number): void {
  const next = segIndex + 3;
  if (next >= 0 && next + 1 < flat.length && ts >= flat[next]! && ts < flat[next + 1]!) {
    segIndex = next;
    return setSegment(flat[next]!, flat[next + 1]!, flat[next + 2]!);
  }
  const year = new Date(ts).getUTCFullYear();
  if (Number.isNaN(year)) return setSegment(ts, ts + 1, nyOffsetMs(ts));
  if (!cover(year)) {
    const spans = spansOf(year);
    for (let k = 0; k < spans.length; k += 3)
      if (ts < spans[k + 1]!) return setSegment(spans[k]!, spans[k + 1]!, spans[k + 2]!);
    return setSegment(ts, ts + 1, nyOffsetMs(ts));
  }
  // The last triple starting at or before ts (the list covers ts's whole year).
  let lo = 0;
  let hi = flat.length / 3 - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (flat[3 * mid]! <= ts) lo = mid;
    else hi = mid - 1;
  }
  segIndex = 3 * lo;
  setSegment(flat[segIndex]!, flat[segIndex + 1]!, flat[segIndex + 2]!);
}

/** One stamp (UTC ms) to New York naive ms. */
export function nyLocalMs(ts: number): number {
  if (!(ts >= segStart && ts < segEnd)) loadSegment(ts);
  return ts + segOffset;
}

/** Whole array version: out[i] = nyLocalMs(ts[i]); `into`: where to write (ts.length values), if not a new array. */
export function toNyLocal(ts: Float64Array, into?: Float64Array): Float64Array {
  const out = into ?? new Float64Array(ts.length);
  // The segment in locals: module variables are reloaded (and hole-checked) on every access.
  let start = segStart;
  let end = segEnd;
  let offset = segOffset;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    if (!(t >= start && t < end)) {
      loadSegment(t);
      start = segStart;
      end = segEnd;
      offset = segOffset;
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
