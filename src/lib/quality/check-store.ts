import { loadBars } from '../store/bars.js';
import type { Store } from '../store/open.js';
import { loadSplits } from '../store/reference.js';
import type { SessionDate } from '../types.js';
import { runQualityChecks, type Finding } from './index.js';

export interface QualityReport {
  asOf: SessionDate;
  symbols: Array<{ symbol: string; errors: number; warnings: number; findings: Finding[] }>;
  errors: number;
  warnings: number;
}

/** Run every check over each symbol's stored daily bars (a symbol with no bars gets a no-data error). */
export function checkStoredSymbols(
  store: Store,
  symbols: readonly string[],
  opts: { asOf: SessionDate; outlierReturn: number },
): QualityReport {
  const report: QualityReport = { asOf: opts.asOf, symbols: [], errors: 0, warnings: 0 };
  for (const symbol of symbols) {
    const findings = runQualityChecks(symbol, loadBars(store, symbol, '1d'), loadSplits(store, symbol), {
      outlierReturn: opts.outlierReturn,
      asOf: opts.asOf,
    });
    const errors = findings.filter((f) => f.level === 'error').length;
    const warnings = findings.filter((f) => f.level === 'warning').length;
    report.symbols.push({ symbol, errors, warnings, findings });
    report.errors += errors;
    report.warnings += warnings;
  }
  return report;
}
