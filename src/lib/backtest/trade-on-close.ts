/**
 * Trade on close (the paper convention of issue 10: ats runs after the close, and a market order decided on session
 * t fills at session t's close). The engines fill a decision taken on bar t at bar t+1's open (backtesting.py's
 * default); giving them a series whose open is the previous bar's close makes that fill happen at bar t's close,
 * exactly as backtesting.py's `trade_on_close=True` does (its equity on bar t, too, is recorded before the fill's
 * commission). The trades' bars and times are then moved back to the decision bar.
 */
import type { BarSeries } from '../types.js';
import type { Trade } from './fills.js';
import { formatLocal, nyLocalMs } from './local-time.js';

/** The series with each bar's open replaced by the previous bar's close (the first bar keeps its open). */
export function closeFillSeries(s: BarSeries): BarSeries {
  const open = new Float64Array(s.close.length);
  if (open.length > 0) open[0] = s.open[0]!;
  open.set(s.close.subarray(0, Math.max(0, s.close.length - 1)), 1);
  return { ...s, open };
}

/** Trades filled at "bar b's open" of closeFillSeries really filled at bar b−1's close: relabel them. */
export function tradesAtClose(trades: readonly Trade[], ts: Float64Array): Trade[] {
  const at = (bar: number) => Math.max(0, bar - 1);
  return trades.map((t) => {
    const entryBar = at(t.entryBar);
    const exitBar = at(t.exitBar);
    return {
      ...t,
      entryBar,
      exitBar,
      entryTime: formatLocal(nyLocalMs(ts[entryBar]!)),
      exitTime: formatLocal(nyLocalMs(ts[exitBar]!)),
    };
  });
}
