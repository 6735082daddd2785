import { formatUtcDate, nyDate, nyMidnight } from '../time.js';

/**
 * 00:00 America/New_York of the New York day containing instant `t` — the stamp of a daily bar.
 *
 * New York midnight of calendar date D falls at 04:00 or 05:00 UTC of D (UTC−4 in summer, UTC−5 in
 * winter; clocks change at 02:00 local, never near midnight). So for `t` in UTC day d, the answer is
 * New York midnight of d's date if `t` is at or after it, else that of the day before. Those instants
 * are kept in a table indexed by UTC day number: arithmetic and one typed-array read per bar, where a
 * Map keyed by the instant would box every key (a ten-year universe is over a million lookups).
 */

const DAY_MS = 86_400_000;
/** UTC days 1 … 72 999 after the epoch: 1970-01-02 to 2169. Outside, the slow exact path. */
const TABLE_DAYS = 73_000;
let table: Float64Array | null = null;

/** New York midnight of the calendar date of UTC day `d`. */
function midnightOfDay(d: number): number {
  table ??= new Float64Array(TABLE_DAYS).fill(NaN);
  let v = table[d]!;
  if (v !== v) table[d] = v = nyMidnight(formatUtcDate(d * DAY_MS));
  return v;
}

export function sessionStamp(t: number): number {
  const d = Math.floor(t / DAY_MS);
  if (!(d >= 1 && d < TABLE_DAYS)) return nyMidnight(nyDate(t));
  const sameDate = midnightOfDay(d);
  const before = midnightOfDay(d - 1); // filled too, so stampSessions finds both
  return t >= sameDate ? sameDate : before;
}

/**
 * sessionStamp of every element, in place. The table is read once before the loop and each case has
 * its own store: reading the module variable inside the loop, or storing one conditional expression
 * that merges a table value with a call's result, made V8 box two doubles per element.
 */
export function stampSessions(ts: Float64Array): void {
  const tb = (table ??= new Float64Array(TABLE_DAYS).fill(NaN));
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    const d = (t / DAY_MS) | 0; // an int32 index; floor for t > 0 (t ≤ 0 falls to the general path)
    if (d >= 1 && d < TABLE_DAYS) {
      const sameDate = tb[d]!;
      const before = tb[d - 1]!;
      if (sameDate === sameDate && before === before) {
        ts[i] = t >= sameDate ? sameDate : before;
        continue;
      }
    }
    ts[i] = sessionStamp(t); // outside the table, or not computed yet (NaN): fills the table
  }
}
