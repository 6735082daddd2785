import { allInShares, commissionOf, slipped, TradeLog } from './fills.js';
import { Target } from './strategy.js';

export interface PortfolioLoopInput {
  /** Slot-major (index j * symbols + s) opens and closes, NaN where a symbol has no bar. */
  openAt: Float64Array;
  closeAt: Float64Array;
  /** Slot-major targets; hold wherever a symbol may not decide. */
  targetAt: Int8Array;
  slots: number;
  symbols: number;
  cash: number;
  rate: number;
  slip: number;
  finalize: boolean;
}

export interface PortfolioLoopOutput {
  equity: Float64Array;
  cash: Float64Array;
  /** Equal-weight buy & hold index (1 at each symbol's first close). */
  benchmark: Float64Array;
  log: TradeLog;
  /** Positions still open at the end, per symbol (size 0 when flat), and last closes. */
  size: Float64Array;
  entryPrice: Float64Array;
  entryBar: Int32Array;
  mark: Float64Array;
}

const HOLD = Target.hold;
const LONG = Target.long;
const SHORT = Target.short;
const FLAT = Target.flat;

/**
 * The per-slot simulation of the portfolio engine: waiting orders fill at their symbol's open
 * (exits first, then entries sized to equity/N capped by free cash), positions are marked at the
 * close, and each bar's target becomes the next order. Reads slot-major copies, so each slot's
 * prices and targets sit together in memory.
 */
export function runPortfolioLoop(input: PortfolioLoopInput): PortfolioLoopOutput {
  const { openAt, closeAt, targetAt, rate, slip } = input;
  const n = input.slots;
  const N = input.symbols;
  const size = new Float64Array(N);
  const entryPrice = new Float64Array(N);
  const entryBar = new Int32Array(N);
  const pending = new Int8Array(N);
  const mark = new Float64Array(N).fill(Number.NaN);
  const base = new Float64Array(N).fill(Number.NaN);
  const equity = new Float64Array(n);
  const cash = new Float64Array(n);
  const benchmark = new Float64Array(n);
  const log = new TradeLog();
  const queue = new Int32Array(N); // symbols with an order waiting for their next open
  let waiting = 0;
  let money = input.cash;
  let outOfMoney = false;

  const exit = (s: number, j: number, price: number): void => {
    log.add(s, size[s]!, entryBar[s]!, entryPrice[s]!, j, price);
    money += size[s]! * price - commissionOf(size[s]!, price, rate);
    size[s] = 0;
  };

  for (let j = 0; j < n; j++) {
    const row = j * N;
    if (waiting > 0) {
      // Exits first, so the cash they free is available to this morning's entries.
      let entries = 0;
      for (let k = 0; k < waiting; k++) {
        const s = queue[k]!;
        const px = openAt[row + s]!;
        if (px !== px) continue; // no bar today: the order waits for the symbol's next open
        if (size[s] !== 0) exit(s, j, slipped(px, -size[s]!, slip));
        if (pending[s] !== FLAT) entries++;
      }
      let value = money;
      let tied = 0;
      if (entries > 0) {
        for (let s = 0; s < N; s++) {
          if (size[s] === 0) continue;
          const px = openAt[row + s]!;
          const p = px === px ? px : mark[s]!;
          value += size[s]! * p;
          tied += Math.abs(size[s]!) * p;
        }
      }
      let still = 0;
      for (let k = 0; k < waiting; k++) {
        const s = queue[k]!;
        const px = openAt[row + s]!;
        if (px !== px) {
          queue[still++] = s;
          continue;
        }
        if (pending[s] !== FLAT) {
          const side = pending[s] === LONG ? 1 : -1;
          const shares = allInShares(Math.max(0, Math.min(value / N, value - tied)), px, side, slip, rate);
          if (shares !== 0) {
            const fill = slipped(px, side, slip);
            const cost = commissionOf(shares, fill, rate);
            size[s] = shares;
            entryPrice[s] = fill;
            entryBar[s] = j;
            money -= shares * fill + cost;
            value -= cost;
            tied += Math.abs(shares) * fill;
          }
        }
        pending[s] = HOLD;
      }
      waiting = still;
    }
    let value = money;
    let bench = 0;
    for (let s = 0; s < N; s++) {
      const px = closeAt[row + s]!;
      if (px === px) {
        mark[s] = px;
        if (base[s] !== base[s]) base[s] = px;
      }
      const held = size[s]!;
      if (held !== 0) value += held * mark[s]!;
      bench += base[s] === base[s] ? mark[s]! / base[s]! : 1;
      const t = targetAt[row + s]!;
      if ((t === LONG && held <= 0) || (t === SHORT && held >= 0) || (t === FLAT && held !== 0)) {
        if (pending[s] === HOLD) queue[waiting++] = s;
        pending[s] = t;
      }
    }
    benchmark[j] = bench / N;
    if (value <= 0) {
      for (let s = 0; s < N; s++) if (size[s] !== 0) exit(s, j, mark[s]!);
      money = 0;
      outOfMoney = true;
      break;
    }
    equity[j] = value;
    cash[j] = money;
  }

  if (!outOfMoney && input.finalize) {
    for (let s = 0; s < N; s++) {
      if (size[s] === 0) continue;
      const px = openAt[(n - 1) * N + s]!;
      exit(s, n - 1, px === px ? slipped(px, -size[s]!, slip) : mark[s]!);
    }
    equity[n - 1] = money;
    cash[n - 1] = money;
  }

  return { equity, cash, benchmark, log, size, entryPrice, entryBar, mark };
}
