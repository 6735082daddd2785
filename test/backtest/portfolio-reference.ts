/**
 * The portfolio engine's rules written the plain way, as an executable specification for the
 * tests (not a test file itself): every series copied onto slot-major arrays of the union calendar
 * (NaN where a symbol has no bar), then one pass over the slots that fills, marks and decides for
 * every symbol — the engine before it was made fast (fills.ts does the arithmetic for both). The
 * engine must give exactly the same numbers, whichever of its paths it takes.
 */
import { drawdownSeries } from '../../src/lib/backtest/drawdown.js';
import { allInShares, commissionOf, slipped, TradeLog, type Trade } from '../../src/lib/backtest/fills.js';
import { formatLocal, toNyLocal } from '../../src/lib/backtest/local-time.js';
import { resolveOptions, validateSeries, windowOf, type BacktestOptions } from '../../src/lib/backtest/options.js';
import { computeStats, type BacktestStats } from '../../src/lib/backtest/stats.js';
import { Target, type Strategy } from '../../src/lib/backtest/strategy.js';
import { unionCalendar } from '../../src/lib/backtest/union-calendar.js';
import type { BarSeries } from '../../src/lib/types.js';

export interface ReferenceResult {
  ts: Float64Array;
  equity: Float64Array;
  cash: Float64Array;
  drawdown: Float64Array;
  trades: Trade[];
  stats: BacktestStats;
}

export function referencePortfolio(
  seriesList: readonly BarSeries[],
  strategy: Strategy,
  opts: BacktestOptions,
): ReferenceResult {
  seriesList.forEach(validateSeries);
  const { cash: startCash, commission: rate, slip, finalizeTrades } = resolveOptions(opts);
  const cal = unionCalendar(seriesList);
  const { lo, hi } = windowOf(cal.ts, opts.from, opts.to);
  const n = hi - lo + 1;
  const N = seriesList.length;
  // Slot-major copies: index j * N + s.
  const openAt = new Float64Array(n * N).fill(Number.NaN);
  const closeAt = new Float64Array(n * N).fill(Number.NaN);
  const targetAt = new Int8Array(n * N);
  let firstDecision = n - 1;
  seriesList.forEach((series, s) => {
    const { targets, warmup } = strategy.plan(series);
    const slots = cal.slotOf[s]!;
    const bars = [...slots.keys()].filter((b) => slots[b]! >= lo && slots[b]! <= hi);
    const last = bars[bars.length - 1] ?? -1;
    const start = Math.max((bars[0] ?? 0) + 1, warmup + 1);
    for (const b of bars) {
      const j = slots[b]! - lo;
      openAt[j * N + s] = series.open[b]!;
      closeAt[j * N + s] = series.close[b]!;
      if (b >= start && b < last) {
        targetAt[j * N + s] = targets[b]!;
        firstDecision = Math.min(firstDecision, j);
      }
    }
  });

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
  let queue: number[] = [];
  let money = startCash;
  let broke = false;
  const exit = (s: number, j: number, price: number): void => {
    log.add(s, size[s]!, entryBar[s]!, entryPrice[s]!, j, price);
    money += size[s]! * price - commissionOf(size[s]!, price, rate);
    size[s] = 0;
  };
  for (let j = 0; j < n && !broke; j++) {
    const open = (s: number): number => openAt[j * N + s]!;
    // Morning: exits first, then entries sized on equity at this open, capped by free cash.
    const ready = queue.filter((s) => !Number.isNaN(open(s)));
    for (const s of ready) if (size[s] !== 0) exit(s, j, slipped(open(s), -size[s]!, slip));
    let value = money;
    let tied = 0;
    if (ready.some((s) => pending[s] !== Target.flat)) {
      for (let s = 0; s < N; s++) {
        if (size[s] === 0) continue;
        const p = Number.isNaN(open(s)) ? mark[s]! : open(s);
        value += size[s]! * p;
        tied += Math.abs(size[s]!) * p;
      }
    }
    for (const s of ready) {
      if (pending[s] !== Target.flat) {
        const side = pending[s] === Target.long ? 1 : -1;
        const shares = allInShares(Math.max(0, Math.min(value / N, value - tied)), open(s), side, slip, rate);
        if (shares !== 0) {
          const fill = slipped(open(s), side, slip);
          size[s] = shares;
          entryPrice[s] = fill;
          entryBar[s] = j;
          money -= shares * fill + commissionOf(shares, fill, rate);
          value -= commissionOf(shares, fill, rate);
          tied += Math.abs(shares) * fill;
        }
      }
      pending[s] = Target.hold;
    }
    queue = queue.filter((s) => !ready.includes(s));
    // Evening: mark at the close, take decisions.
    value = money;
    let index = 0;
    for (let s = 0; s < N; s++) {
      const px = closeAt[j * N + s]!;
      if (!Number.isNaN(px)) {
        mark[s] = px;
        if (Number.isNaN(base[s]!)) base[s] = px;
      }
      if (size[s] !== 0) value += size[s]! * mark[s]!;
      index += Number.isNaN(base[s]!) ? 1 : mark[s]! / base[s]!;
      const t = targetAt[j * N + s]!;
      const held = size[s]!;
      if ((t === Target.long && held <= 0) || (t === Target.short && held >= 0) || (t === Target.flat && held !== 0)) {
        if (pending[s] === Target.hold) queue.push(s);
        pending[s] = t;
      }
    }
    benchmark[j] = index / N;
    if (value <= 0) {
      for (let s = 0; s < N; s++) if (size[s] !== 0) exit(s, j, mark[s]!);
      broke = true;
    } else {
      equity[j] = value;
      cash[j] = money;
    }
  }
  if (!broke && finalizeTrades) {
    for (let s = 0; s < N; s++) {
      if (size[s] === 0) continue;
      const px = openAt[(n - 1) * N + s]!;
      exit(s, n - 1, Number.isNaN(px) ? mark[s]! : slipped(px, -size[s]!, slip));
    }
    equity[n - 1] = money;
    cash[n - 1] = money;
  }

  const symbols = seriesList.map((s) => s.symbol);
  const localTime = toNyLocal(cal.ts.subarray(lo, hi + 1));
  const trades = log.toTrades(symbols, rate, {
    localMs: (j) => localTime[j]!,
    label: (j) => formatLocal(localTime[j]!),
  });
  const drawdown = drawdownSeries(equity);
  const stats = computeStats({
    localTime,
    equity,
    drawdown,
    trades,
    benchmark,
    benchmarkStart: Math.max(0, firstDecision - 1),
    symbols,
  });
  return { ts: cal.ts.subarray(lo, hi + 1), equity, cash, drawdown, trades, stats };
}
