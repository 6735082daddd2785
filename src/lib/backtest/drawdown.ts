/**
 * Drawdown = 1 − equity / running peak of equity (a fraction, ≥ 0). A drawdown period runs from a
 * bar at a new peak (drawdown 0) to the next such bar, or to the last bar while still under water
 * (backtesting.py `_stats.compute_drawdown_duration_peaks`).
 */

/** `into`: where to write (equity.length values), when the caller has room for them. */
export function drawdownSeries(equity: Float64Array, into?: Float64Array): Float64Array {
  const dd = into ?? new Float64Array(equity.length);
  let peak = Number.NaN;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i]!;
    peak = i === 0 ? e : Math.max(peak, e); // NaN propagates, as np.maximum.accumulate
    dd[i] = 1 - e / peak;
  }
  return dd;
}

export interface DrawdownPeriods {
  /** Bar index where each period ends (a new peak, or the last bar). */
  endBar: Int32Array;
  /** Length of each period in local ms (end time − time of the peak that started it). */
  durationMs: Float64Array;
  /** Deepest drawdown reached within each period. */
  peakDrawdown: Float64Array;
}

/** The drawdown periods; empty when equity never fell below a previous peak between peaks. */
export function drawdownPeriods(dd: Float64Array, localTime: Float64Array): DrawdownPeriods {
  const n = dd.length;
  const ends: number[] = [];
  const durations: number[] = [];
  const peaks: number[] = [];
  let prev = -1;
  let worst = -Infinity; // deepest drawdown since `prev`
  for (let i = 0; i < n; i++) {
    const d = dd[i]!;
    if (d > worst) worst = d;
    if (d !== 0 && i !== n - 1) continue;
    if (prev >= 0 && i > prev + 1) {
      ends.push(i);
      durations.push(localTime[i]! - localTime[prev]!);
      peaks.push(worst);
    }
    prev = i;
    worst = d;
  }
  return {
    endBar: Int32Array.from(ends),
    durationMs: Float64Array.from(durations),
    peakDrawdown: Float64Array.from(peaks),
  };
}

/**
 * Duration column of backtesting.py's `_equity_curve` (in days): the period's length on the bar
 * that ends it, NaN elsewhere.
 */
export function drawdownDurationColumn(dd: Float64Array, localTime: Float64Array): Float64Array {
  const out = new Float64Array(dd.length).fill(Number.NaN);
  const p = drawdownPeriods(dd, localTime);
  for (let k = 0; k < p.endBar.length; k++) out[p.endBar[k]!] = p.durationMs[k]! / 86_400_000;
  return out;
}
