import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseBarsCsv } from '../../src/lib/market/csv-bars.js';
import { runQualityChecks, summarizeFindings } from '../../src/lib/quality/index.js';
import { UsageError } from '../../src/lib/errors.js';
import { cleanBars, findingsOf, OPTIONS, problems } from './build-bars.js';

test('a clean series gives only the summary', () => {
  const findings = findingsOf(cleanBars());
  assert.deepEqual(findings, [
    {
      symbol: 'TEST',
      level: 'info',
      check: 'summary',
      message: '9 sessions with bars from 2024-01-02 to 2024-01-12 (9 rows)',
      detail: { first: '2024-01-02', last: '2024-01-12', sessions: 9, rows: 9 },
    },
  ]);
  assert.deepEqual(summarizeFindings(findings), { error: 0, warning: 0, info: 1 });
});

test('input order does not matter', () => {
  assert.deepEqual(problems(cleanBars().reverse()), []);
});

test('no bars at all is an error', () => {
  const findings = findingsOf([]);
  assert.deepEqual(
    findings.map((f) => [f.level, f.check]),
    [['error', 'no-data']],
  );
});

// Reference: data/sample/*.csv (real split-adjusted daily bars 2013-01-02..2023-12-29, copied from
// /work/shared/data/sample, see its SOURCES.txt): complete and well-formed, so no check may report an error.
test('the bundled sample data has no errors; its only warnings are real earnings-day moves', () => {
  const outliers: string[] = [];
  for (const symbol of ['AAPL', 'AMZN', 'GOOGL', 'META', 'MSFT', 'NVDA', 'TSLA']) {
    const text = readFileSync(join(process.cwd(), 'data', 'sample', `${symbol}.csv`), 'utf8');
    const bars = parseBarsCsv(text, symbol, `${symbol}.csv`);
    const findings = runQualityChecks(symbol, bars, [], {
      asOf: '2023-12-29',
      nowMs: Date.parse('2023-12-30T00:00:00Z'),
    });
    assert.equal(summarizeFindings(findings).error, 0, symbol);
    for (const f of findings) {
      if (f.level === 'warning') outliers.push(`${symbol} ${f.check} ${f.date} ${f.message.match(/[-+][\d.]+%/)?.[0]}`);
    }
  }
  // Closes in the CSVs: META 26.51 -> 34.36 after Q2 2013 results, 323.00 -> 237.76 after Q4 2021 results;
  // NVDA 16.94 -> 21.99 after its Q3 FY2017 results.
  assert.deepEqual(outliers, [
    'META outlier-move 2013-07-25 +29.6%',
    'META outlier-move 2022-02-03 -26.4%',
    'NVDA outlier-move 2016-11-11 +29.8%',
  ]);
});

test('bad options throw UsageError', () => {
  assert.throws(() => findingsOf(cleanBars(), [], { ...OPTIONS, outlierReturn: 0 }), UsageError);
  assert.throws(() => findingsOf(cleanBars(), [], { ...OPTIONS, outlierReturn: Number.NaN }), UsageError);
  assert.throws(() => findingsOf(cleanBars(), [], { asOf: '2024-13-01' }), UsageError);
  assert.throws(() => findingsOf(cleanBars(), [], { ...OPTIONS, nowMs: Number.POSITIVE_INFINITY }), UsageError);
});

test('summarizeFindings counts per level', () => {
  const f = (level: 'error' | 'warning' | 'info') => ({ symbol: 'X', level, check: 'ohlc' as const, message: '' });
  assert.deepEqual(summarizeFindings([f('error'), f('error'), f('warning')]), { error: 2, warning: 1, info: 0 });
});
