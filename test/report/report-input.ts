/** Builders for the backtest report tests (not a test file itself). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { executeBacktest, type BacktestJob, type BacktestJobResult } from '../../src/lib/backtest/run-job.js';
import { smaCross } from '../../src/lib/backtest/strategy.js';
import { parseBarsCsv } from '../../src/lib/market/csv-bars.js';
import { toSeries } from '../../src/lib/bar-columns.js';
import type { BacktestReportInput } from '../../src/lib/report/backtest-html.js';
import type { BarSeries } from '../../src/lib/types.js';

/** data/sample/<SYMBOL>.csv: real daily bars 2013-01-02..2023-12-29 shipped with the project. */
export function sampleSeries(symbol: string): BarSeries {
  const file = join(process.cwd(), 'data', 'sample', `${symbol}.csv`);
  return toSeries(symbol, parseBarsCsv(readFileSync(file, 'utf8'), symbol, file));
}

/** SMA(10/20) cross with 0.2 % commission, as `ats backtest` runs it, and the report input the command builds. */
export function smaCrossRun(
  symbols: readonly string[],
  extra: Partial<BacktestJob['options']> = {},
): { result: BacktestJobResult; input: BacktestReportInput } {
  const series = symbols.map(sampleSeries);
  const options = { cash: 10_000, commission: 0.002, ...extra };
  const params = {
    strategy: 'sma_cross',
    fast: 10,
    slow: 20,
    longOnly: false,
    cash: 10_000,
    commission: 0.002,
    source: 'data/sample',
  };
  const result = executeBacktest(
    { series, strategy: smaCross({ fast: 10, slow: 20 }), options, params },
    Date.UTC(2024, 0, 2, 21, 30),
  );
  const input: BacktestReportInput = {
    runId: result.id,
    title: `sma_cross on ${result.symbols.join(', ')}`,
    params,
    bars: series.map((s) => ({ symbol: s.symbol, series: s })),
    equity: result.curves,
    stats: result.stats as unknown as Record<string, unknown>,
    trades: result.trades,
    perSymbol: Object.entries(result.perSymbol).map(([symbol, v]) => ({ symbol, ...v })),
  };
  return { result, input };
}

/** The JSON payload embedded in a rendered report. */
export function embeddedPayload(html: string): Record<string, unknown> {
  const m = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error('no report-data block');
  return JSON.parse(m[1]!) as Record<string, unknown>;
}
