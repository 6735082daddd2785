import { Buffer } from 'node:buffer';
import type { BarSeries } from '../types.js';

/** Every stamp that any series has, ascending, and where each series' bars sit on it. */
export interface UnionCalendar {
  ts: Float64Array;
  /** slotOf[s][b] = calendar slot of series s's bar b. */
  slotOf: Int32Array[];
}

/** Union of two ascending, duplicate-free arrays. */
function mergeUnique(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? a[i]! : Infinity;
    const y = j < b.length ? b[j]! : Infinity;
    if (x <= y) {
      out[k++] = x;
      i++;
      if (x === y) j++;
    } else {
      out[k++] = y;
      j++;
    }
  }
  return out.subarray(0, k);
}

/**
 * True when both arrays of (validated, so NaN-free) stamps hold the same values. Equal bytes mean
 * equal values, which a native byte comparison finds fastest; otherwise (±0) compare values.
 */
export function sameStamps(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  const bytes = (x: Float64Array): Buffer => Buffer.from(x.buffer, x.byteOffset, x.byteLength);
  if (bytes(a).equals(bytes(b))) return true;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Series must be validated first (strictly increasing stamps). */
export function unionCalendar(series: readonly BarSeries[]): UnionCalendar {
  let ts: Float64Array = new Float64Array(0);
  for (const s of series) if (!sameStamps(s.ts, ts)) ts = mergeUnique(ts, s.ts);
  ts = ts.slice();
  const slotOf = series.map((s) => {
    const slots = new Int32Array(s.ts.length);
    let c = 0;
    for (let b = 0; b < s.ts.length; b++) {
      while (ts[c]! < s.ts[b]!) c++;
      slots[b] = c;
    }
    return slots;
  });
  return { ts, slotOf };
}
