/** Small hand-built bar lists for the quality tests. */
import { runQualityChecks, type Finding, type QualityBar, type QualityOptions } from '../../src/lib/quality/index.js';
import { nyMidnight } from '../../src/lib/time.js';
import type { Split } from '../../src/lib/types.js';

/** NYSE sessions 2024-01-02..2024-01-12 (Jan 1 New Year's Day, Jan 6–7 weekend; next session Jan 16 after MLK Day). */
export const SESSIONS = [
  '2024-01-02',
  '2024-01-03',
  '2024-01-04',
  '2024-01-05',
  '2024-01-08',
  '2024-01-09',
  '2024-01-10',
  '2024-01-11',
  '2024-01-12',
];

/** Saturday after the last session: the last completed session is 2024-01-12. */
export const OPTIONS: QualityOptions = { asOf: '2024-01-13' };

export function bar(date: string, close: number, overrides: Partial<QualityBar> = {}): QualityBar {
  return { ts: nyMidnight(date), open: close, high: close + 1, low: close - 1, close, volume: 1000, ...overrides };
}

/** A defect-free series: one bar per session, closes 100, 101, … */
export function cleanBars(): QualityBar[] {
  return SESSIONS.map((d, i) => bar(d, 100 + i));
}

/** Replace the bar of one date in the clean series. */
export function withBar(date: string, replacement: QualityBar): QualityBar[] {
  return cleanBars().map((b) => (b.ts === nyMidnight(date) ? replacement : b));
}

/** Everything but the summary: [level, check, date] triples, for exact comparisons. */
export function problems(
  bars: readonly QualityBar[],
  splits: readonly Split[] = [],
  options: QualityOptions = OPTIONS,
): Array<[string, string, string | undefined]> {
  return findingsOf(bars, splits, options)
    .filter((f) => f.level !== 'info')
    .map((f) => [f.level, f.check, f.date]);
}

export function findingsOf(
  bars: readonly QualityBar[],
  splits: readonly Split[] = [],
  options: QualityOptions = OPTIONS,
): Finding[] {
  return runQualityChecks('TEST', bars, splits, options);
}
