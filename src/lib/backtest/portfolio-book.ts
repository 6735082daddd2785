import { allInShares, capToMaxCost, commissionOf, slipped, TradeLog } from './fills.js';
import type { PortfolioLoopInput } from './portfolio-input.js';
import { Target } from './strategy.js';

const HOLD = Target.hold;
const LONG = Target.long;
const SHORT = Target.short;
const FLAT = Target.flat;

/** Days of opens copied slot-major at a time (shared calendar): one day's opens then sit together. */
const OPEN_BLOCK = 8;

/**
 * The portfolio's account between slots: cash, positions and waiting orders, with the morning
 * (fills at the open) and evening (decisions at the close) of each slot. Methods rather than
 * closures, so their optimized code survives from one run to the next.
 */
export class PortfolioBook {
  readonly open: readonly Float64Array[];
  readonly close: readonly Float64Array[];
  readonly first: Int32Array;
  readonly last: Int32Array;
  readonly slotOf: readonly Int32Array[];
  readonly shared: boolean;
  readonly lo: number;
  readonly slots: number;
  readonly N: number;
  readonly rate: number;
  readonly slip: number;
  readonly maxCost: number;
  readonly size: Float64Array;
  readonly entryPrice: Float64Array;
  readonly entryBar: Int32Array;
  readonly pending: Int8Array;
  /** Symbols with an order waiting for their next open, in the order they were queued. */
  readonly queue: Int32Array;
  /** Union calendar: each symbol's first bar on or after the slot last looked at. */
  readonly cursor: Int32Array;
  /** Shared calendar: opens of days blockDay.. as blockDay-relative rows of N. */
  readonly openBlock: Float64Array;
  readonly log: TradeLog;
  /** Equity and the value tied up in positions at an open (heldAtOpen's result). */
  readonly sums = new Float64Array(2);
  blockDay = -1;
  waiting = 0;
  money: number;

  /** `decisions`: how many non-hold targets the run has, which bounds its entries and so its trades. */
  constructor(input: PortfolioLoopInput, decisions: number) {
    const N = input.symbols;
    this.log = new TradeLog(Math.min(decisions, 1 << 16) + N);
    this.open = input.open;
    this.close = input.close;
    this.first = input.first;
    this.last = input.last;
    this.slotOf = input.slotOf ?? [];
    this.shared = input.slotOf === null;
    this.lo = input.lo;
    this.slots = input.slots;
    this.N = N;
    this.rate = input.rate;
    this.slip = input.slip;
    this.maxCost = input.maxCost;
    this.size = new Float64Array(N);
    this.entryPrice = new Float64Array(N);
    this.entryBar = new Int32Array(N);
    this.pending = new Int8Array(N);
    this.queue = new Int32Array(N);
    this.cursor = Int32Array.from(input.first);
    this.openBlock = new Float64Array(this.shared ? OPEN_BLOCK * N : 0);
    this.money = input.cash;
  }

  /** Symbol s's bar on window slot j, or −1 (slots must be asked in increasing order per symbol). */
  barOn(s: number, j: number): number {
    if (this.shared) return this.lo + j;
    const slot = this.lo + j;
    const slots = this.slotOf[s]!;
    const end = this.last[s]!;
    let b = this.cursor[s]!;
    while (b <= end && slots[b]! < slot) b++;
    this.cursor[s] = b;
    return b <= end && slots[b] === slot ? b : -1;
  }

  /** Close of symbol s's last bar before the slot last passed to barOn (NaN before its first). */
  lastClose(s: number): number {
    const b = this.cursor[s]! - 1;
    return b >= this.first[s]! ? this.close[s]![b]! : Number.NaN;
  }

  exit(s: number, j: number, price: number): void {
    const size = this.size[s]!;
    this.log.add(s, size, this.entryBar[s]!, this.entryPrice[s]!, j, price);
    this.money += size * price - commissionOf(size, price, this.rate);
    this.size[s] = 0;
  }

  /** Waiting orders whose symbol has a bar on slot j fill at its open; the others keep waiting. */
  fillAtOpen(j: number): void {
    const { queue, size, pending, slip, rate, N } = this;
    // Shared calendar: the day's opens sit in one row of openBlock (no cache miss per fill).
    const row = this.shared ? this.openRow(j) : -1;
    // Exits first, so the cash they free is available to this morning's entries.
    let entries = 0;
    for (let k = 0; k < this.waiting; k++) {
      const s = queue[k]!;
      const b = this.barOn(s, j);
      if (b < 0) continue;
      if (size[s] !== 0) this.exit(s, j, slipped(this.openOf(s, b, row), -size[s]!, slip));
      if (pending[s] !== FLAT) entries++;
    }
    const sums = this.sums;
    sums[0] = this.money;
    sums[1] = 0;
    if (entries > 0) {
      if (this.shared) heldAtOpen(size, this.openBlock, row, sums);
      else this.heldAtOpenUnion(j);
    }
    let value = sums[0];
    let tied = sums[1];
    let still = 0;
    for (let k = 0; k < this.waiting; k++) {
      const s = queue[k]!;
      const b = this.barOn(s, j);
      if (b < 0) {
        queue[still++] = s;
        continue;
      }
      if (pending[s] !== FLAT) {
        const px = this.openOf(s, b, row);
        const side = pending[s] === LONG ? 1 : -1;
        const fill = slipped(px, side, slip);
        const allIn = allInShares(Math.max(0, Math.min(value / N, value - tied)), px, side, slip, rate);
        const shares = capToMaxCost(allIn, fill, this.maxCost);
        if (shares !== 0) {
          const cost = commissionOf(shares, fill, rate);
          size[s] = shares;
          this.entryPrice[s] = fill;
          this.entryBar[s] = j;
          this.money -= shares * fill + cost;
          value -= cost;
          tied += Math.abs(shares) * fill;
        }
      }
      pending[s] = HOLD;
    }
    this.waiting = still;
  }

  /** heldAtOpen on a union calendar: a symbol without a bar on slot j counts at its last close. */
  heldAtOpenUnion(j: number): void {
    const size = this.size;
    let value = this.sums[0]!;
    let tied = 0;
    for (let s = 0; s < this.N; s++) {
      const held = size[s]!;
      if (held === 0) continue;
      const b = this.barOn(s, j);
      const p = b < 0 ? this.lastClose(s) : this.open[s]![b]!;
      value += held * p;
      tied += Math.abs(held) * p;
    }
    this.sums[0] = value;
    this.sums[1] = tied;
  }

  /** Symbol s's open on its bar b, from openBlock's `row` when the calendar is shared. */
  openOf(s: number, b: number, row: number): number {
    return row >= 0 ? this.openBlock[row + s]! : this.open[s]![b]!;
  }

  /** Offset of day j's opens in openBlock, copying the next OPEN_BLOCK days in when j is not there. */
  openRow(j: number): number {
    const N = this.N;
    if (this.blockDay < 0 || j >= this.blockDay + OPEN_BLOCK) {
      const days = Math.min(OPEN_BLOCK, this.slots - j);
      const from = this.lo + j;
      const block = this.openBlock;
      for (let s = 0; s < N; s++) {
        const o = this.open[s]!;
        for (let k = 0; k < days; k++) block[k * N + s] = o[from + k]!;
      }
      this.blockDay = j;
    }
    return (j - this.blockDay) * N;
  }

  /**
   * The decisions taken at slot j's close (symbols ascending): a target that changes the side held
   * becomes (or replaces) the symbol's waiting order.
   */
  decide(symbols: Int32Array, targets: Int8Array, from: number, to: number): void {
    const { size, pending, queue } = this;
    for (let e = from; e < to; e++) {
      const s = symbols[e]!;
      const t = targets[e]!;
      const held = size[s]!;
      if ((t === LONG && held <= 0) || (t === SHORT && held >= 0) || (t === FLAT && held !== 0)) {
        if (pending[s] === HOLD) queue[this.waiting++] = s;
        pending[s] = t;
      }
    }
  }

  /** Out of money at slot j's close: everything closes at its last close. */
  liquidate(j: number): void {
    for (let s = 0; s < this.N; s++) {
      if (this.size[s] === 0) continue;
      this.barOn(s, j + 1); // moves the cursor past slot j's bar
      this.exit(s, j, this.shared ? this.close[s]![this.lo + j]! : this.lastClose(s));
    }
    this.money = 0;
  }

  /** finalizeTrades: what is open closes at slot j's open, or at its last close without a bar there. */
  finalize(j: number): void {
    for (let s = 0; s < this.N; s++) {
      if (this.size[s] === 0) continue;
      const b = this.barOn(s, j);
      this.exit(s, j, b >= 0 ? slipped(this.open[s]![b]!, -this.size[s]!, this.slip) : this.lastClose(s));
    }
  }
}

/**
 * Equity (sums[0]: cash on entry, plus every position at its open) and the value tied up in
 * positions (sums[1] = Σ |size| × open) at one open, summed in symbol order; the day's opens are
 * opens[row + s] (shared calendar). The cash comes in through the Float64Array so that V8 keeps the
 * running sum an unboxed float (a number argument made it box a fresh heap number per symbol).
 */
function heldAtOpen(size: Float64Array, opens: Float64Array, row: number, sums: Float64Array): void {
  let value = sums[0]!;
  let tied = 0;
  for (let s = 0; s < size.length; s++) {
    const held = size[s]!;
    if (held === 0) continue;
    const p = opens[row + s]!;
    value += held * p;
    tied += Math.abs(held) * p;
  }
  sums[0] = value;
  sums[1] = tied;
}
