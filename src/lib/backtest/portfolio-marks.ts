/**
 * Marking the portfolio to market after the simulation. Equity is summed symbol by symbol into one
 * array: each slot still receives the same terms in the same order (symbol 0 first), so it is the
 * same float as a slot-by-slot sum, while each symbol's closes are read front to back.
 */
import type { TradeLog } from './fills.js';
import type { PortfolioLoopInput } from './portfolio-input.js';

/**
 * Positions held at each slot's close, for the equity pass: closed trades (held from their entry
 * slot to the slot before their exit, or through it for trades from `heldThrough` on, which closed
 * after that slot's close), then what is still open (size ≠ 0) through the last slot.
 */
export interface Holdings {
  log: TradeLog;
  heldThrough: number;
  size: Float64Array;
  entryBar: Int32Array;
}

/**
 * Account value at each slot's close: cash (after that slot's fills) plus every held position at
 * its symbol's last close, summed symbol by symbol.
 */
export function closeValues(input: PortfolioLoopInput, cashAt: Float64Array, held: Holdings): Float64Array {
  const { close, first, last, slotOf, lo } = input;
  const n = input.slots;
  const N = input.symbols;
  const { log, heldThrough } = held;
  const value = cashAt.slice();
  // Holding periods grouped by symbol: each symbol's closed trades in closing order (its entry
  // order), then its open position. Copied out of the log in one pass, so that valuing a symbol
  // reads its periods in sequence rather than hopping through the log.
  const symStart = new Int32Array(N + 1);
  for (let k = 0; k < log.count; k++) {
    const s = log.symbol[k]! + 1;
    symStart[s] = symStart[s]! + 1;
  }
  for (let s = 0; s < N; s++) symStart[s + 1]! += symStart[s]! + (held.size[s] !== 0 ? 1 : 0);
  const at = symStart.slice(0, N);
  const periods = symStart[N]!;
  const size = new Float64Array(periods);
  const from = new Int32Array(periods);
  const to = new Int32Array(periods);
  for (let k = 0; k < log.count; k++) {
    const i = at[log.symbol[k]!]!++;
    size[i] = log.size[k]!;
    from[i] = log.entryBar[k]!;
    to[i] = k >= heldThrough ? log.exitBar[k]! : log.exitBar[k]! - 1;
  }
  for (let s = 0; s < N; s++) {
    if (held.size[s] === 0) continue;
    const i = at[s]!;
    size[i] = held.size[s]!;
    from[i] = held.entryBar[s]!;
    to[i] = n - 1;
  }

  for (let s = 0; s < N; s++) {
    const c = close[s]!;
    const slots = slotOf?.[s];
    let bar = first[s]!; // union calendar: the symbol's first bar after the slot being valued
    for (let i = symStart[s]!; i < symStart[s + 1]!; i++) {
      if (slots) bar = addHeldUnion(value, c, slots, last[s]!, bar, lo, size[i]!, from[i]!, to[i]!);
      else addHeld(value, c, lo, size[i]!, from[i]!, to[i]!);
    }
  }
  return value;
}

/** value[j] += size × close on slots from..to (a symbol with a bar on every slot). */
function addHeld(value: Float64Array, close: Float64Array, lo: number, size: number, from: number, to: number): void {
  for (let j = from; j <= to; j++) value[j]! += size * close[lo + j]!;
}

/** addHeld on the symbol's own calendar (its last close at or before each slot); returns the cursor. */
function addHeldUnion(
  value: Float64Array,
  close: Float64Array,
  slots: Int32Array,
  last: number,
  cursor: number,
  lo: number,
  size: number,
  from: number,
  to: number,
): number {
  let bar = cursor;
  for (let j = from; j <= to; j++) {
    while (bar <= last && slots[bar]! <= lo + j) bar++;
    value[j]! += size * close[bar - 1]!;
  }
  return bar;
}

/** Each symbol's last close at or before slot j (NaN when it has no bar there yet). */
export function closesAt(input: PortfolioLoopInput, j: number): Float64Array {
  const { close, first, last, slotOf, lo } = input;
  const out = new Float64Array(input.symbols).fill(Number.NaN);
  for (let s = 0; s < input.symbols; s++) {
    const slots = slotOf?.[s];
    let b = slots ? last[s]! : lo + j;
    if (slots) while (b >= first[s]! && slots[b]! > lo + j) b--;
    if (b >= first[s]!) out[s] = close[s]![b]!;
  }
  return out;
}
