/**
 * Fill arithmetic shared by the single-symbol and portfolio engines, written to perform the same
 * floating-point operations in the same order as backtesting.py 0.6.6 (`_Broker._process_orders`,
 * `_open_trade`, `_close_trade`, `Trade.pl`, `Trade.pl_pct`) so sizes and PnL match bit for bit.
 */
import type { Trade } from '../trade.js';

export type { Trade };

/** Time of a bar (index into the run's window) as New York naive ms, and its display label. */
export interface BarClock {
  localMs(bar: number): number;
  label(bar: number): string;
}

/** backtesting.py's default order size `Strategy._FULL_EQUITY = 1 - sys.float_info.epsilon`. */
export const FULL_EQUITY = 1 - Number.EPSILON;

/**
 * Python's float `//` (CPython float_floor_div → _float_div_mod): differs from Math.floor(a / b)
 * when the quotient rounds up to an integer, which matters for the whole-share count.
 */
export function pyFloorDiv(a: number, b: number): number {
  const mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0 && b < 0 !== mod < 0) div -= 1;
  if (div === 0) return 0;
  let floor = Math.floor(div);
  if (div - floor > 0.5) floor += 1;
  return floor;
}

/** Commission in cash for trading `size` shares at `price`: a fraction of traded value. */
export function commissionOf(size: number, price: number, rate: number): number {
  return 0 + Math.abs(size) * price * rate;
}

/** Fill price for an order in direction `side` (+1 buy, −1 sell): slippage always against us. */
export function slipped(open: number, side: number, slip: number): number {
  return open * (1 + (side > 0 ? slip : -slip));
}

/**
 * Whole shares an all-in order can buy (side +1) or sell short (side −1) with `available` cash
 * (backtesting.py: `int((margin_available * leverage * abs(size)) // adjusted_price_plus_commission)`
 * with margin 1). Returns 0 when not even one share fits (the broker cancels the order).
 */
export function allInShares(available: number, open: number, side: number, slip: number, rate: number): number {
  const price = slipped(open, side, slip);
  const perShare = price + commissionOf(FULL_EQUITY, price, rate) / FULL_EQUITY;
  const room = available * 1 * FULL_EQUITY;
  const shares = Math.trunc(pyFloorDiv(room, perShare));
  if (shares === 0 || shares * perShare > available) return 0;
  return side > 0 ? shares : -shares;
}

/**
 * MAX_RISK of the strategy in a backtest. Backtests place no protective stop, so the most an entry can lose is its
 * whole cost, |shares| × fill price, the same amount the live risk check holds against MAX_RISK. An entry costing
 * more is sized down to the whole shares that fit (0 = skipped when not one does), never refused outright: an
 * all-in backtest would otherwise never trade once MAX_RISK is below its equity.
 */
export function capToMaxCost(shares: number, fill: number, maxCost: number): number {
  if (!(maxCost < Infinity) || Math.abs(shares) * fill <= maxCost) return shares;
  const cap = Math.floor(maxCost / fill + 1e-9);
  return shares > 0 ? cap : -cap;
}

/**
 * Cash a closed trade returns to backtesting.py's broker cash: its gross PnL minus the exit
 * commission (the entry commission was paid at entry) — `_close_trade`: `cash += trade.pl − commission`.
 */
export function exitCashDelta(size: number, entryPrice: number, exitPrice: number, rate: number): number {
  return size * (exitPrice - entryPrice) - 0 - commissionOf(size, exitPrice, rate);
}

/**
 * Round trips recorded by the engines' hot loops as columns (no object per trade in the loop);
 * `toTrades` builds the Trade records afterwards.
 */
export class TradeLog {
  count = 0;
  symbol: Int32Array;
  size: Float64Array;
  entryBar: Int32Array;
  exitBar: Int32Array;
  entryPrice: Float64Array;
  exitPrice: Float64Array;

  /** `capacity`: trades expected (the log grows past it as needed). */
  constructor(capacity = 64) {
    this.size = this.entryPrice = this.exitPrice = new Float64Array(0);
    this.symbol = this.entryBar = this.exitBar = new Int32Array(0);
    this.allocate(Math.max(1, capacity));
  }

  /** Columns of `cap` trades as views of one buffer (one allocation instead of six), keeping what was logged. */
  private allocate(cap: number): void {
    const buf = new ArrayBuffer(cap * 36);
    const f = (k: number, a: Float64Array): Float64Array => {
      const b = new Float64Array(buf, k * 8 * cap, cap);
      b.set(a.subarray(0, this.count));
      return b;
    };
    const i = (k: number, a: Int32Array): Int32Array => {
      const b = new Int32Array(buf, 24 * cap + k * 4 * cap, cap);
      b.set(a.subarray(0, this.count));
      return b;
    };
    this.size = f(0, this.size);
    this.entryPrice = f(1, this.entryPrice);
    this.exitPrice = f(2, this.exitPrice);
    this.symbol = i(0, this.symbol);
    this.entryBar = i(1, this.entryBar);
    this.exitBar = i(2, this.exitBar);
  }

  add(symbol: number, size: number, entryBar: number, entryPrice: number, exitBar: number, exitPrice: number): void {
    if (this.count === this.size.length) this.allocate(2 * this.size.length);
    const k = this.count++;
    this.symbol[k] = symbol;
    this.size[k] = size;
    this.entryBar[k] = entryBar;
    this.exitBar[k] = exitBar;
    this.entryPrice[k] = entryPrice;
    this.exitPrice[k] = exitPrice;
  }

  /** The closed trades as columns, with backtesting.py's `Trade.pl`, `Trade.pl_pct` and `_commissions`. */
  table(symbols: readonly string[], rate: number): TradeTable {
    const count = this.count;
    const buf = new ArrayBuffer(24 * count);
    const pnl = new Float64Array(buf, 0, count);
    const returnPct = new Float64Array(buf, 8 * count, count);
    const commission = new Float64Array(buf, 16 * count, count);
    for (let k = 0; k < count; k++) {
      const size = this.size[k]!;
      const entryPrice = this.entryPrice[k]!;
      const exitPrice = this.exitPrice[k]!;
      const paid = commissionOf(size, exitPrice, rate) + commissionOf(size, entryPrice, rate);
      commission[k] = paid;
      pnl[k] = size * (exitPrice - entryPrice) - paid;
      returnPct[k] = Math.sign(size) * (exitPrice / entryPrice - 1) - paid / (Math.abs(size) * entryPrice);
    }
    const used = <A extends Int32Array | Float64Array>(a: A): A => a.subarray(0, count) as A;
    return {
      count,
      symbols,
      symbol: used(this.symbol),
      entryBar: used(this.entryBar),
      exitBar: used(this.exitBar),
      pnl,
      returnPct,
      commission,
    };
  }

  /** Trade records (the table's values, plus sizes, prices and times). */
  toTrades(symbols: readonly string[], rate: number, clock: BarClock): Trade[] {
    const t = this.table(symbols, rate);
    const out = new Array<Trade>(t.count);
    for (let k = 0; k < t.count; k++) {
      const entryBar = this.entryBar[k]!;
      const exitBar = this.exitBar[k]!;
      out[k] = {
        symbol: symbols[this.symbol[k]!]!,
        size: this.size[k]!,
        entryBar,
        exitBar,
        entryTime: clock.label(entryBar),
        exitTime: clock.label(exitBar),
        entryPrice: this.entryPrice[k]!,
        exitPrice: this.exitPrice[k]!,
        pnl: t.pnl[k]!,
        returnPct: t.returnPct[k]!,
        commission: t.commission[k]!,
        duration: (clock.localMs(exitBar) - clock.localMs(entryBar)) / 86_400_000,
      };
    }
    return out;
  }
}

/**
 * Closed trades as columns (what the statistics read): a portfolio run closes tens of thousands of
 * trades, and the statistics need no object per trade.
 */
export interface TradeTable {
  count: number;
  /** Trade k is in symbols[symbol[k]]. */
  symbols: readonly string[];
  symbol: Int32Array;
  entryBar: Int32Array;
  exitBar: Int32Array;
  pnl: Float64Array;
  returnPct: Float64Array;
  commission: Float64Array;
}

/** The table of Trade records (symbols indexed in order of first appearance). */
export function tradeTable(
  trades: readonly Pick<Trade, 'symbol' | 'entryBar' | 'exitBar' | 'pnl' | 'returnPct' | 'commission'>[],
): TradeTable {
  const count = trades.length;
  const symbols: string[] = [];
  const index = new Map<string, number>();
  const table: TradeTable = {
    count,
    symbols,
    symbol: new Int32Array(count),
    entryBar: new Int32Array(count),
    exitBar: new Int32Array(count),
    pnl: new Float64Array(count),
    returnPct: new Float64Array(count),
    commission: new Float64Array(count),
  };
  trades.forEach((t, k) => {
    let s = index.get(t.symbol);
    if (s === undefined) {
      s = symbols.push(t.symbol) - 1;
      index.set(t.symbol, s);
    }
    table.symbol[k] = s;
    table.entryBar[k] = t.entryBar;
    table.exitBar[k] = t.exitBar;
    table.pnl[k] = t.pnl;
    table.returnPct[k] = t.returnPct;
    table.commission[k] = t.commission;
  });
  return table;
}
