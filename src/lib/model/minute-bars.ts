/** Stored minute bars for the intraday features (features/intraday.ts). */
import { lastBarTs, loadMinuteSeries } from '../store/bars.js';
import type { Store } from '../store/open.js';
import type { BarSeries } from '../types.js';

/**
 * Minute bars within [fromTs, toTs] of each symbol that has any, or null when none of them has minute bars
 * (then the matrix has no intraday columns, and models trained on it do not ask for them).
 */
export function loadMinuteMap(
  store: Store,
  symbols: readonly string[],
  toTs: number,
  fromTs = -Infinity,
): Map<string, BarSeries> | null {
  const withMinutes = symbols.filter((s) => lastBarTs(store, s, '1m') !== null);
  if (withMinutes.length === 0) return null;
  return new Map(withMinutes.map((s) => [s, loadMinuteSeries(store, s, fromTs, toTs)]));
}
