import { CALENDAR_YEARS, isSession } from '../market/calendar.js';
import { nyDate } from '../time.js';
import type { DatedBar, QualityBar, QualityContext } from './types.js';

function dateOf(ts: number): string | null {
  if (!Number.isFinite(ts)) return null;
  const date = nyDate(ts);
  const year = Number(date.slice(0, 4));
  return year >= CALENDAR_YEARS.first && year <= CALENDAR_YEARS.last ? date : null;
}

/** Sort by timestamp, give each bar its New York session date, pick one bar per session for series checks. */
export function prepareBars(symbol: string, bars: readonly QualityBar[]): QualityContext {
  const dated: DatedBar[] = [];
  const undatable: QualityBar[] = [];
  for (const bar of bars) {
    const date = dateOf(bar.ts);
    if (date === null) undatable.push(bar);
    else dated.push({ bar, date });
  }
  dated.sort((a, b) => a.bar.ts - b.bar.ts);
  const sessions: DatedBar[] = [];
  for (const d of dated) {
    if (sessions[sessions.length - 1]?.date !== d.date && isSession(d.date)) sessions.push(d);
  }
  return { symbol, dated, sessions, undatable };
}

export function isPositivePrice(v: number | null): v is number {
  return v !== null && Number.isFinite(v) && v > 0;
}

export function formatPercent(ret: number): string {
  return `${ret >= 0 ? '+' : ''}${(ret * 100).toFixed(1)}%`;
}

/** A price for a message: six significant digits drop float noise (26.510000228881836 -> 26.51). */
export function formatPrice(v: number): string {
  return String(Number(v.toPrecision(6)));
}
