import { AtsError, ExitCode } from '../errors.js';
import type { Logger } from '../log.js';
import type { MarketSource } from '../market/source.js';
import type { Store } from '../store/open.js';
import type { SessionDate } from '../types.js';
import { collectUniverse, type CollectReport } from '../collect/collect-symbols.js';
import { checkStoredSymbols, type QualityReport } from '../quality/check-store.js';

export interface DailyOptions {
  symbols: string[];
  days: number;
  asOf: SessionDate;
  skip: string[];
  force: boolean;
  outlierReturn: number;
}

export interface StepResult {
  name: string;
  status: 'ok' | 'skipped' | 'failed' | 'stopped';
  ms: number;
  summary: string;
}

export interface DailyRun {
  asOf: SessionDate;
  source: string;
  status: 'ok' | 'failed' | 'stopped';
  steps: StepResult[];
  collect?: CollectReport;
  quality?: QualityReport;
  exitCode: number;
}

export const DAILY_STEPS = ['verify', 'collect', 'quality'] as const;

interface Deps {
  store: Store;
  source: MarketSource;
  log: Logger;
  now: () => number;
  scrub: (s: string) => string;
}

/**
 * The daily chain: each step reads its inputs from the store, so each can also run alone.
 * The quality gate stops the run on error-level findings unless forced.
 */
export async function runDaily(deps: Deps, opts: DailyOptions): Promise<DailyRun> {
  const run: DailyRun = { asOf: opts.asOf, source: deps.source.name, status: 'ok', steps: [], exitCode: ExitCode.ok };
  const steps: Array<{ name: string; body: () => Promise<string> }> = [
    { name: 'verify', body: async () => deps.source.verify() },
    {
      name: 'collect',
      body: async () => {
        run.collect = await collectUniverse(deps.store, deps.source, opts.symbols, { days: opts.days, asOf: opts.asOf, now: deps.now, log: deps.log, scrub: deps.scrub });
        const added = run.collect.symbols.reduce((n, s) => n + s.newBars, 0);
        return `${added} new bar(s) for ${opts.symbols.length} symbol(s), ${run.collect.requests} request(s)`;
      },
    },
    {
      name: 'quality',
      body: async () => {
        run.quality = checkStoredSymbols(deps.store, opts.symbols, { asOf: opts.asOf, outlierReturn: opts.outlierReturn });
        const summary = `${run.quality.errors} error(s), ${run.quality.warnings} warning(s)`;
        if (run.quality.errors > 0) {
          if (!opts.force) throw new QualityGateError(`quality gate: ${summary}; fix the data (ats quality) or pass --force`);
          deps.log.warn(`quality gate overridden by --force: ${summary}`);
        }
        return summary;
      },
    },
  ];
  let stopped = false;
  for (const step of steps) {
    if (stopped || opts.skip.includes(step.name)) {
      run.steps.push({ name: step.name, status: stopped ? 'stopped' : 'skipped', ms: 0, summary: stopped ? 'not run' : 'skipped by --skip' });
      continue;
    }
    const t0 = performance.now();
    deps.log.info(`▶ ${step.name}`);
    try {
      const summary = await step.body();
      run.steps.push({ name: step.name, status: 'ok', ms: performance.now() - t0, summary });
    } catch (err) {
      const message = deps.scrub(err instanceof Error ? err.message : String(err));
      run.steps.push({ name: step.name, status: 'failed', ms: performance.now() - t0, summary: message });
      run.status = err instanceof QualityGateError ? 'stopped' : 'failed';
      run.exitCode = err instanceof AtsError ? err.exitCode : ExitCode.internal;
      deps.log.error(`${step.name}: ${message}`);
      stopped = true;
    }
  }
  return run;
}

class QualityGateError extends AtsError {
  constructor(message: string) {
    super(message, ExitCode.qualityFailed);
  }
}
