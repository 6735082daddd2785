/**
 * The cash and position arrays as the single-symbol engine wrote them before they became lazy
 * (engine.ts, symbol-loop.ts): every bar stores cash = realized − size × entry price and the size,
 * computed afresh. Kept as the reference the recorded steps must reproduce bit for bit.
 */
import { allInShares, commissionOf, exitCashDelta, slipped } from '../../src/lib/backtest/fills.js';
import type { BacktestOptions } from '../../src/lib/backtest/options.js';
import { resolveOptions, windowOf } from '../../src/lib/backtest/options.js';
import { Target, type Strategy } from '../../src/lib/backtest/strategy.js';
import type { BarSeries } from '../../src/lib/types.js';

export function eagerCashPosition(
  series: BarSeries,
  strategy: Strategy,
  opts: BacktestOptions,
): { cash: Float64Array; position: Float64Array } {
  const o = resolveOptions(opts);
  const { lo, hi } = windowOf(series.ts, opts.from, opts.to);
  const plan = strategy.plan(series);
  const { open, close } = series;
  const start = Math.max(lo + 1, plan.warmup + 1);
  const n = hi - lo + 1;
  const cash = new Float64Array(n);
  const position = new Float64Array(n);
  let realized = o.cash;
  let size = 0;
  let entryPrice = 0;
  let pending: number = Target.hold;
  for (let i = lo; i <= hi; i++) {
    const j = i - lo;
    if (i < start) {
      cash[j] = realized;
      continue;
    }
    if (pending !== Target.hold) {
      const px = open[i]!;
      if (size !== 0) {
        realized += exitCashDelta(size, entryPrice, slipped(px, -size, o.slip), o.commission);
        size = 0;
      }
      if (pending !== Target.flat) {
        const side = pending === Target.long ? 1 : -1;
        const shares = allInShares(realized > 0 ? realized : 0, px, side, o.slip, o.commission);
        if (shares !== 0) {
          size = shares;
          entryPrice = slipped(px, side, o.slip);
          realized -= commissionOf(shares, entryPrice, o.commission);
        }
      }
      pending = Target.hold;
    }
    const value = size === 0 ? realized : realized + (size * (close[i]! - entryPrice) - 0);
    if (value <= 0) return { cash, position }; // liquidated: zeros from here on
    cash[j] = realized - size * entryPrice;
    position[j] = size;
    const t = plan.targets[i]!;
    if (
      i < hi &&
      ((t === Target.long && size <= 0) || (t === Target.short && size >= 0) || (t === Target.flat && size !== 0))
    )
      pending = t;
  }
  if (o.finalizeTrades && size !== 0 && start <= hi) {
    realized += exitCashDelta(size, entryPrice, slipped(open[hi]!, -size, o.slip), o.commission);
    cash[n - 1] = realized;
    position[n - 1] = 0;
  }
  return { cash, position };
}
