/** The playbook's regime: computed from the scored symbols' bars, stored for every session up to the scored one. */
import { computeRegime, regimeAt, type RegimeState } from '../features/regime.js';
import type { Store } from '../store/open.js';
import { saveRegime, type RegimeRow } from '../store/regime.js';
import { nyDate } from '../time.js';

export function recordRegime(
  store: Store,
  series: ReadonlyArray<{ ts: Float64Array; close: Float64Array }>,
  sessionTs: number,
  now: number,
): RegimeState {
  const r = computeRegime(series);
  const rows: RegimeRow[] = [];
  let last: RegimeState = { trend: null, volPct: null };
  for (let i = 0; i < r.ts.length && r.ts[i]! <= sessionTs; i++) {
    last = regimeAt(r, i);
    rows.push({
      session: nyDate(r.ts[i]!),
      index: r.index[i]!,
      sma200: r.sma[i]!,
      trend: last.trend,
      vol20: r.vol[i]!,
      volPct: last.volPct,
      symbols: r.symbols[i]!,
    });
  }
  saveRegime(store, rows, now);
  return last;
}
