import { formatPrice, isPositivePrice } from './prepare.js';
import { type Finding, FindingLevel, QualityCheck, type QualityContext } from './types.js';

const PRICE_FIELDS = ['open', 'high', 'low', 'close'] as const;

/**
 * Relative slack for the OHLC ordering tests: adjusted prices are products of floats, so a high can land a
 * few ulps under the close. 1e-9 is far below a cent on any real price, so real violations still show.
 */
const OHLC_SLACK = 1e-9;

/** Null, NaN, infinite, zero or negative open/high/low/close. */
export function checkPrices(ctx: QualityContext): Finding[] {
  const findings: Finding[] = [];
  for (const { bar, date } of ctx.dated) {
    const bad = PRICE_FIELDS.filter((f) => !isPositivePrice(bar[f]));
    if (bad.length === 0) continue;
    findings.push({
      symbol: ctx.symbol,
      level: FindingLevel.error,
      check: QualityCheck.badPrice,
      message: `${date}: ${bad.map((f) => `${f}=${String(bar[f])}`).join(', ')} (prices must be positive numbers)`,
      date,
      detail: { ts: bar.ts, fields: bad.join(',') },
    });
  }
  return findings;
}

/** High must be the bar's highest price and low its lowest: high ≥ max(open, close), low ≤ min(open, close), high ≥ low. */
export function checkOhlc(ctx: QualityContext): Finding[] {
  const findings: Finding[] = [];
  for (const { bar, date } of ctx.dated) {
    const { open, high, low, close } = bar;
    if (!isPositivePrice(open) || !isPositivePrice(high) || !isPositivePrice(low) || !isPositivePrice(close)) continue;
    const below = (a: number, b: number): boolean => a < b * (1 - OHLC_SLACK);
    const problems: string[] = [];
    if (below(high, Math.max(open, close))) problems.push('high below open/close');
    if (below(Math.min(open, close), low)) problems.push('low above open/close');
    if (below(high, low)) problems.push('high below low');
    if (problems.length === 0) continue;
    findings.push({
      symbol: ctx.symbol,
      level: FindingLevel.error,
      check: QualityCheck.ohlc,
      message:
        `${date}: ${problems.join(', ')} ` +
        `(O=${formatPrice(open)} H=${formatPrice(high)} L=${formatPrice(low)} C=${formatPrice(close)})`,
      date,
      detail: { open, high, low, close },
    });
  }
  return findings;
}

/** Volume must be a finite number ≥ 0 (zero is legitimate on a halted day). */
export function checkVolume(ctx: QualityContext): Finding[] {
  const findings: Finding[] = [];
  for (const { bar, date } of ctx.dated) {
    const v = bar.volume;
    if (v !== null && Number.isFinite(v) && v >= 0) continue;
    findings.push({
      symbol: ctx.symbol,
      level: FindingLevel.error,
      check: QualityCheck.badVolume,
      message: `${date}: volume ${String(v)} (must be a number ≥ 0)`,
      date,
      detail: { ts: bar.ts, volume: String(v) },
    });
  }
  return findings;
}
