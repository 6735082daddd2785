/** Small builders shared by the backtest tests (not a test file itself). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fixturePath } from '../helpers/tmp.js';
import { parseBarsCsv } from '../../src/lib/market/csv-bars.js';
import { toSeries } from '../../src/lib/bar-columns.js';
import { addDays, nyMidnight } from '../../src/lib/time.js';
import type { BarSeries } from '../../src/lib/types.js';
import { Target, type Strategy, type TargetName } from '../../src/lib/backtest/strategy.js';

/** Daily bars on consecutive calendar days from `first`; high/low span open and close. */
export function bars(
  symbol: string,
  rows: ReadonlyArray<readonly [open: number, close: number]>,
  first = '2024-01-01',
): BarSeries {
  return toSeries(
    symbol,
    rows.map(([o, c], i) => ({
      symbol,
      timeframe: '1d' as const,
      ts: nyMidnight(addDays(first, i)),
      open: o,
      close: c,
      high: Math.max(o, c),
      low: Math.min(o, c),
      volume: 1000,
      vwap: null,
      trades: null,
    })),
  );
}

/** A strategy that plays back fixed targets (index = bar), for hand-computed cases. */
export function scripted(targets: readonly TargetName[], warmup = 0): Strategy {
  return {
    name: 'scripted',
    plan(series) {
      const t = new Int8Array(series.close.length);
      targets.forEach((name, i) => (t[i] = Target[name]));
      return { targets: t, warmup, indicators: {} };
    },
  };
}

/** Deterministic pseudo-random targets (LCG), for identity and look-ahead checks. */
export function randomTargets(n: number, seed: number): TargetName[] {
  const names: TargetName[] = ['hold', 'hold', 'hold', 'long', 'short', 'flat'];
  let x = seed >>> 0;
  const out: TargetName[] = [];
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out.push(names[x % names.length]!);
  }
  return out;
}

export function loadGoog(): BarSeries {
  const text = readFileSync(fixturePath('backtesting_py', 'GOOG.csv'), 'utf8');
  return toSeries('GOOG', parseBarsCsv(text, 'GOOG', 'GOOG.csv'));
}

export function assertClose(actual: number, expected: number, what: string, rel = 1e-9): void {
  const tol = rel * Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: expected ${expected}, got ${actual}`);
}
