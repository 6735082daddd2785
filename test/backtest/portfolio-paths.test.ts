/**
 * The portfolio engine takes a fast path when every series has the same stamps (bars indexed by
 * slot) and a general one otherwise (each symbol's bars mapped onto the union calendar). On real
 * daily bars — data/sample/{AAPL,MSFT,NVDA}.csv, split-adjusted 2013-01-02..2023-12-29, bundled with
 * the project — both paths must give the same numbers bit for bit, and the same as the plain
 * slot-by-slot formulation in portfolio-reference.ts (the engine before it was made fast).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPortfolio, runPortfolioBacktest, type PortfolioResult } from '../../src/lib/backtest/portfolio-engine.js';
import { preparePortfolio } from '../../src/lib/backtest/portfolio-prepare.js';
import type { BacktestOptions } from '../../src/lib/backtest/options.js';
import { smaCross, type Strategy } from '../../src/lib/backtest/strategy.js';
import { parseBarsCsv } from '../../src/lib/market/csv-bars.js';
import { toSeries } from '../../src/lib/bar-columns.js';
import type { BarSeries } from '../../src/lib/types.js';
import { randomTargets, scripted } from './bars.js';
import { referencePortfolio } from './portfolio-reference.js';

function sample(symbol: string): BarSeries {
  const text = readFileSync(join(process.cwd(), 'data', 'sample', `${symbol}.csv`), 'utf8');
  return toSeries(symbol, parseBarsCsv(text, symbol, `${symbol}.csv`));
}

/** The bars of `s` whose index passes `keep`. */
function keepBars(s: BarSeries, keep: (bar: number) => boolean): BarSeries {
  const pick = (a: Float64Array) => a.filter((_, i) => keep(i));
  return {
    symbol: s.symbol,
    ts: pick(s.ts),
    open: pick(s.open),
    high: pick(s.high),
    low: pick(s.low),
    close: pick(s.close),
    volume: pick(s.volume),
  };
}

const shared = ['AAPL', 'MSFT', 'NVDA'].map(sample);
const n = shared[0]!.close.length;
// MSFT misses every ninth session, NVDA starts 300 sessions late and stops 100 early.
const gapped = [
  shared[0]!,
  keepBars(shared[1]!, (b) => b % 9 !== 4),
  keepBars(shared[2]!, (b) => b >= 300 && b < n - 100),
];

const runs: Array<{ name: string; strategy: Strategy; opts: BacktestOptions }> = [
  {
    name: 'SmaCross 10/30, costs, finalize',
    strategy: smaCross({ fast: 10, slow: 30 }),
    opts: { commission: 0.002, slippageBps: 3, finalizeTrades: true },
  },
  {
    name: 'SmaCross 5/20 long-only, window',
    strategy: smaCross({ fast: 5, slow: 20, longOnly: true }),
    opts: { cash: 50_000, from: '2016-03-01', to: '2021-06-30' },
  },
  {
    name: 'random targets, costs',
    strategy: scripted(randomTargets(n, 11), 3),
    opts: { commission: 0.001, slippageBps: 10, finalizeTrades: true, cash: 100_000 },
  },
];

/** Everything a run returns, with the lazily built trades and per-symbol breakdown. */
function whole(r: PortfolioResult): Record<string, unknown> {
  return { ...r };
}

function assertSameAsReference(
  r: PortfolioResult,
  list: readonly BarSeries[],
  strategy: Strategy,
  opts: BacktestOptions,
  what: string,
): void {
  const ref = referencePortfolio(list, strategy, opts);
  assert.deepStrictEqual(r.ts, ref.ts, `${what}: calendar`);
  assert.deepStrictEqual(r.equity, ref.equity, `${what}: equity`);
  assert.deepStrictEqual(r.cash, ref.cash, `${what}: cash`);
  assert.deepStrictEqual(r.drawdown, ref.drawdown, `${what}: drawdown`);
  assert.deepStrictEqual(r.trades, ref.trades, `${what}: trades`);
  assert.deepStrictEqual(r.stats, ref.stats, `${what}: statistics`);
}

test('shared calendar: the fast path and the general path agree bit for bit, and with the reference', () => {
  for (const { name, strategy, opts } of runs) {
    // The two calls really take different paths.
    assert.equal(preparePortfolio(shared, strategy, opts, false).slotOf, null, `${name}: fast path`);
    assert.notEqual(preparePortfolio(shared, strategy, opts, true).slotOf, null, `${name}: general path`);
    const fast = runPortfolio(shared, strategy, opts, false);
    const general = runPortfolio(shared, strategy, opts, true);
    assert.ok(fast.trades.length > 20, `${name}: enough trades to mean something (${fast.trades.length})`);
    assert.deepStrictEqual(whole(fast), whole(general), name);
    assertSameAsReference(fast, shared, strategy, opts, name);
  }
});

test('calendars with gaps: the general path agrees bit for bit with the reference', () => {
  for (const { name, strategy, opts } of runs) {
    assert.notEqual(
      preparePortfolio(gapped, strategy, opts, false).slotOf,
      null,
      `${name}: gaps force the general path`,
    );
    const r = runPortfolioBacktest(gapped, strategy, opts);
    assert.ok(
      r.trades.some((t) => t.symbol === 'NVDA') && r.trades.some((t) => t.symbol === 'MSFT'),
      `${name}: gapped symbols trade`,
    );
    assertSameAsReference(r, gapped, strategy, opts, name);
  }
});

test('running out of money: both paths stop at the same close as the reference', () => {
  // All-in short on every symbol from the second session: NVDA rose about 100-fold over the sample.
  const shortAll = scripted(['hold', 'short'], 0);
  for (const list of [shared, gapped]) {
    const opts = { cash: 10_000, finalizeTrades: true };
    const fast = runPortfolio(list, shortAll, opts, false);
    const general = runPortfolio(list, shortAll, opts, true);
    const stop = fast.equity.findIndex((v) => v === 0);
    assert.ok(stop > 0 && fast.cash[stop] === 0, `ran out of money (first zero equity at ${stop})`);
    assert.ok(
      fast.equity.subarray(stop).every((v) => v === 0),
      'nothing after the stop',
    );
    assert.deepStrictEqual(whole(fast), whole(general));
    assertSameAsReference(fast, list, shortAll, opts, list === shared ? 'shared' : 'gapped');
  }
});
