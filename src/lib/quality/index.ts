/**
 * Data-quality checks over one symbol's daily bars, as read raw from the store. Pure: bars in, findings out.
 * Errors mean the series is unusable as is (gaps, bad prices, duplicates); warnings need a look (outliers,
 * non-session bars, stale data); info is the summary.
 */
import { UsageError } from '../errors.js';
import { parseDate } from '../time.js';
import type { Split } from '../types.js';
import { checkMissingSessions, checkSummary } from './coverage.js';
import { checkOutliers } from './outliers.js';
import { prepareBars } from './prepare.js';
import { checkOhlc, checkPrices, checkVolume } from './prices.js';
import { checkStaleness } from './staleness.js';
import { checkDuplicates, checkMisaligned, checkNonSessionDays, checkUndatable } from './timestamps.js';
import { type Finding, type FindingLevel, type QualityBar, type QualityOptions } from './types.js';

export { FindingLevel } from './types.js';
export type { Finding, QualityBar, QualityOptions } from './types.js';

/** Default outlier bound: a 25% close-to-close move. */
export const DEFAULT_OUTLIER_RETURN = 0.25;

export function runQualityChecks(
  symbol: string,
  bars: readonly QualityBar[],
  splits: readonly Split[],
  options: QualityOptions,
): Finding[] {
  const bound = options.outlierReturn ?? DEFAULT_OUTLIER_RETURN;
  if (!Number.isFinite(bound) || bound <= 0)
    throw new UsageError(`outlier bound must be a positive number, got ${bound}`);
  const asOf = parseDate(options.asOf, 'asOf date');
  if (options.nowMs !== undefined && !Number.isFinite(options.nowMs))
    throw new UsageError(`invalid nowMs ${options.nowMs}`);
  const ctx = prepareBars(symbol, bars);
  return [
    ...checkSummary(ctx),
    ...checkUndatable(ctx),
    ...checkMisaligned(ctx),
    ...checkDuplicates(ctx),
    ...checkNonSessionDays(ctx),
    ...checkMissingSessions(ctx),
    ...checkPrices(ctx),
    ...checkOhlc(ctx),
    ...checkVolume(ctx),
    ...checkOutliers(ctx, splits, bound),
    ...checkStaleness(ctx, asOf, options.nowMs),
  ];
}

export type FindingCounts = Record<FindingLevel, number>;

export function summarizeFindings(findings: readonly Finding[]): FindingCounts {
  const counts: FindingCounts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.level] += 1;
  return counts;
}
