import type { SessionDate, Split } from '../types.js';
import { formatPercent, formatPrice, isPositivePrice } from './prepare.js';
import { type Finding, FindingLevel, QualityCheck, type QualityContext } from './types.js';

/**
 * Close-to-close moves larger than `bound` in absolute value. A split executed on that session explains the
 * move when undoing it (close × splitTo/splitFrom: a 4-for-1 split quarters the raw price) brings the move back
 * within the bound; a split-adjusted series shows no jump there and is not flagged either.
 */
export function checkOutliers(ctx: QualityContext, splits: readonly Split[], bound: number): Finding[] {
  const splitOn = new Map<SessionDate, Split>();
  for (const s of splits) {
    if (s.symbol === ctx.symbol && s.splitFrom > 0 && s.splitTo > 0) splitOn.set(s.executionDate, s);
  }
  const findings: Finding[] = [];
  let prev: { date: SessionDate; close: number } | null = null;
  for (const { bar, date } of ctx.sessions) {
    const close = bar.close;
    if (!isPositivePrice(close)) continue;
    if (prev) {
      const ret = close / prev.close - 1;
      const split = splitOn.get(date);
      const splitAdjusted = split ? (close * split.splitTo) / split.splitFrom / prev.close - 1 : null;
      if (Math.abs(ret) > bound && (splitAdjusted === null || Math.abs(splitAdjusted) > bound)) {
        const splitNote = split ? ` (${split.splitTo}-for-${split.splitFrom} split that day does not explain it)` : '';
        findings.push({
          symbol: ctx.symbol,
          level: FindingLevel.warning,
          check: QualityCheck.outlierMove,
          message:
            `${date}: close moved ${formatPercent(ret)} from ${formatPrice(prev.close)} on ${prev.date} ` +
            `to ${formatPrice(close)}${splitNote}`,
          date,
          detail: {
            previousDate: prev.date,
            previousClose: prev.close,
            close,
            return: ret,
            ...(split ? { splitFrom: split.splitFrom, splitTo: split.splitTo } : {}),
          },
        });
      }
    }
    prev = { date, close };
  }
  return findings;
}
