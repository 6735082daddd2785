/**
 * What the portfolio engine derives from each symbol on its own, one symbol at a time (while its
 * columns are in cache): its bars inside the window, the slots where it may act, and its term of the
 * buy & hold index. A per-slot total over symbols is summed here symbol by symbol into one array:
 * each slot still receives the same terms in the same order (symbol 0 first), so it is the same
 * float as a slot-by-slot sum.
 */

/** Non-hold targets the symbols may act on, grouped by slot (CSR), ascending by symbol within one. */
export interface DecisionEvents {
  /** Events of slot j are dayStart[j] ≤ e < dayStart[j + 1]. */
  dayStart: Int32Array;
  symbol: Int32Array;
  target: Int8Array;
}

export class SymbolColumns {
  /** Per symbol: first and last bar inside the window (last < first when none). */
  readonly first: Int32Array;
  readonly last: Int32Array;
  /** Σ over symbols of close / first close in the window, per slot (1 before a symbol's first bar). */
  readonly indexSum: Float64Array;
  /** Earliest slot where any symbol may decide (slots − 1 if none). */
  firstDecision: number;
  private count = 0;
  private day = new Int32Array(1024);
  private symbol = new Int32Array(1024);
  private target = new Int8Array(1024);

  constructor(
    symbols: number,
    /** Window of calendar slots [lo, hi]. */
    readonly lo: number,
    readonly hi: number,
  ) {
    this.first = new Int32Array(symbols);
    this.last = new Int32Array(symbols);
    this.indexSum = new Float64Array(hi - lo + 1);
    this.firstDecision = hi - lo;
  }

  /**
   * Symbol s (added in increasing order): `slots` maps its bars to calendar slots, null when its
   * bars are the calendar. It may decide from bar max(first + 1, warmup + 1) (backtesting.py), and
   * not on its last bar in the window (nothing would fill the order).
   */
  add(s: number, close: Float64Array, targets: Int8Array, warmup: number, slots: Int32Array | null): void {
    const { lo, hi } = this;
    let f = lo;
    let l = hi;
    if (slots) {
      f = 0;
      while (f < slots.length && slots[f]! < lo) f++;
      l = slots.length - 1;
      while (l >= 0 && slots[l]! > hi) l--;
    }
    this.first[s] = f;
    this.last[s] = l;
    const start = Math.max(f + 1, warmup + 1);
    if (start < l) this.firstDecision = Math.min(this.firstDecision, (slots ? slots[start]! : start) - lo);
    this.scan(s, targets, start, l, slots);
    if (slots) this.addIndexTerm(close, slots, f, l);
    else {
      const sum = this.indexSum;
      const base = close[lo]!;
      for (let j = 0; j < sum.length; j++) sum[j]! += close[lo + j]! / base;
    }
  }

  /** Pushes symbol s's non-hold targets on bars start..end−1 (almost all are hold: 4 bytes at a time). */
  private scan(s: number, targets: Int8Array, start: number, end: number, slots: Int32Array | null): void {
    const words =
      targets.byteOffset % 4 === 0 ? new Int32Array(targets.buffer, targets.byteOffset, targets.length >> 2) : null;
    for (let b = start; b < end; b++) {
      if (words && (b & 3) === 0 && b + 4 <= end && words[b >> 2] === 0) {
        b += 3;
        continue;
      }
      const t = targets[b]!;
      if (t !== 0) this.push((slots ? slots[b]! : b) - this.lo, s, t);
    }
  }

  /** addIndex for a symbol on its own calendar: 1 before its first bar, last close over its gaps. */
  private addIndexTerm(close: Float64Array, slots: Int32Array, first: number, last: number): void {
    const sum = this.indexSum;
    const n = sum.length;
    if (first > last) {
      for (let j = 0; j < n; j++) sum[j]! += 1;
      return;
    }
    const lead = slots[first]! - this.lo;
    let j = 0;
    for (; j < lead; j++) sum[j]! += 1;
    const base = close[first]!;
    let mark = base;
    let b = first;
    for (; j < n; j++) {
      if (b <= last && slots[b]! - this.lo === j) mark = close[b++]!;
      sum[j]! += mark / base;
    }
  }

  private push(day: number, s: number, t: number): void {
    if (this.count === this.day.length) {
      const grow = <A extends Int32Array | Int8Array>(a: A, b: A): A => (b.set(a), b);
      this.day = grow(this.day, new Int32Array(this.count * 2));
      this.symbol = grow(this.symbol, new Int32Array(this.count * 2));
      this.target = grow(this.target, new Int8Array(this.count * 2));
    }
    const e = this.count++;
    this.day[e] = day;
    this.symbol[e] = s;
    this.target[e] = t;
  }

  /** The decision events sorted by slot (stable: symbols stay ascending within a slot). */
  events(): DecisionEvents {
    const n = this.indexSum.length;
    const dayStart = new Int32Array(n + 1);
    for (let e = 0; e < this.count; e++) {
      const j = this.day[e]! + 1;
      dayStart[j] = dayStart[j]! + 1;
    }
    for (let j = 0; j < n; j++) dayStart[j + 1]! += dayStart[j]!;
    const at = dayStart.slice(0, n);
    const symbol = new Int32Array(this.count);
    const target = new Int8Array(this.count);
    for (let e = 0; e < this.count; e++) {
      const k = at[this.day[e]!]!++;
      symbol[k] = this.symbol[e]!;
      target[k] = this.target[e]!;
    }
    return { dayStart, symbol, target };
  }

  /** The equal-weight buy & hold index through slot `lastSlot` (0 after: the run stopped there). */
  index(symbols: number, lastSlot: number): Float64Array {
    const sum = this.indexSum;
    for (let j = 0; j < sum.length; j++) sum[j] = j <= lastSlot ? sum[j]! / symbols : 0;
    return sum;
  }
}
