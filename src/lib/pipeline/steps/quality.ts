import { AtsError, ExitCode } from '../../errors.js';
import { checkStoredSymbols } from '../../quality/check-store.js';
import type { DailyStep } from '../steps.js';

/** Error-level findings stop the run before training or trading, unless --force. */
export class QualityGateError extends AtsError {
  constructor(message: string) {
    super(message, ExitCode.qualityFailed);
  }
}

export const qualityStep: DailyStep = {
  name: 'quality',
  run: (ctx) => {
    const report = checkStoredSymbols(ctx.store, ctx.symbols, {
      asOf: ctx.asOf,
      outlierReturn: ctx.options.outlierReturn,
    });
    ctx.results.quality = report;
    const summary = `${report.errors} error(s), ${report.warnings} warning(s)`;
    if (report.errors > 0) {
      const worst = report.symbols
        .flatMap((s) => s.findings.filter((f) => f.level === 'error').map((f) => `${s.symbol}: ${f.message}`))
        .slice(0, 3);
      if (!ctx.options.force)
        throw new QualityGateError(
          `quality gate: ${summary} (${worst.join('; ')}); fix the data (ats quality, ats backfill) or pass --force`,
        );
      ctx.log.warn(`quality gate overridden by --force: ${summary}`);
      return `${summary} — overridden by --force`;
    }
    return summary;
  },
};
