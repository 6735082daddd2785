import type { BenchResult } from './types.js';

/**
 * `make bench`: every benchmark, each printed beside the baseline measured in the same run.
 * `node dist/bench/run.js ingest help` runs a subset.
 */
const SUITES: Record<string, () => Promise<BenchResult[]>> = {
  help: async () => (await import('./cli-bench.js')).benchHelp(),
  ingest: async () => (await import('./ingest-bench.js')).benchIngest(),
  backtest: async () => (await import('./backtest-bench.js')).benchBacktest(),
  'backtest-stats': async () => (await import('./backtest-bench.js')).benchBacktestStats(),
  features: async () => (await import('./features-bench.js')).benchFeatures(),
  indicators: async () => (await import('./features-bench.js')).benchIndicatorsVsLibrary(),
  train: async () => (await import('./train-bench.js')).benchTrain(),
  zoo: async () => (await import('./zoo-bench.js')).benchZoo(),
  evaluator: async () => (await import('./evaluator-bench.js')).benchEvaluator(),
  stream: async () => (await import('./evaluator-stream-bench.js')).benchEvaluatorStream(),
  portfolio: async () => (await import('./portfolio-bench.js')).benchPortfolioShow(),
  daily: async () => (await import('./daily-bench.js')).benchDaily(),
  paper: async () => (await import('./paper-sim-bench.js')).benchPaperSim(),
  options: async () => (await import('./options-bench.js')).benchOptions(),
  'options-scan': async () => (await import('./options-scan-bench.js')).benchOptionsScan(),
  walkforward: async () => (await import('./walk-forward-bench.js')).benchWalkForward(),
  tune: async () => (await import('./tune-bench.js')).benchTune(),
  metrics: async () => (await import('./metrics-bench.js')).benchMetricsScrape(),
  serve: async () => (await import('./serve-bench.js')).benchServe(),
};

function fmt(v: number): string {
  if (Math.abs(v) >= 100) return Math.round(v).toLocaleString('en-US');
  return Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3);
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const names = wanted.length ? wanted : Object.keys(SUITES);
  let failures = 0;
  for (const name of names) {
    const suite = SUITES[name];
    if (!suite) throw new Error(`unknown benchmark "${name}" (have: ${Object.keys(SUITES).join(', ')})`);
    try {
      for (const r of await suite()) {
        const vs =
          r.baseline === undefined
            ? ''
            : `  baseline ${fmt(r.baseline)} ${r.unit}  ratio ${r.ratio?.toFixed(3)}${r.target ? ` (target ${r.target})` : ''}`;
        process.stdout.write(`${r.name}: ${fmt(r.value)} ${r.unit}${vs}${r.note ? `  — ${r.note}` : ''}\n`);
      }
    } catch (err) {
      failures++;
      process.stdout.write(`${name}: FAILED ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    }
  }
  process.exitCode = failures ? 1 : 0;
}

await main();
