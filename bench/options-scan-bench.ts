/**
 * A full `options scan` over the bundled 7-symbol sample (model chain: no market quotes) in a real store, with a
 * playbook that makes bull puts, bear calls and iron condors, in seconds; beside the baseline of the same number of
 * strategy analyses of one fixed iron condor (American legs, 100,000 Monte Carlo paths), alternated, best of 3.
 * Run alone: node dist/bench/run.js options-scan
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBarsCsv } from '../src/lib/market/csv-bars.js';
import { scanOptions } from '../src/lib/pipeline/options-scan.js';
import { upsertBars } from '../src/lib/store/bars.js';
import { openStore } from '../src/lib/store/open.js';
import { replacePlaybook, type PlaybookRow } from '../src/lib/store/playbook.js';
import { strategyLegs } from '../src/lib/options/strategy-legs.js';
import { analyzeStrategy } from '../src/lib/options/strategy.js';
import type { BenchResult } from './types.js';

const SYMBOLS = ['AAPL', 'AMZN', 'GOOGL', 'META', 'MSFT', 'NVDA', 'TSLA'];
const ROUNDS = 3;

const pick = (symbol: string, rank: number, side: PlaybookRow['side']): PlaybookRow => ({
  symbol,
  rank,
  probability: 0.5,
  momentum: 0,
  rsi: 50,
  atrPct: 0.02,
  close: 100,
  side,
});

export function benchOptionsScan(): BenchResult[] {
  const dir = mkdtempSync(join(tmpdir(), 'ats-bench-scan-'));
  const store = openStore(join(dir, 'ats.db'));
  try {
    for (const s of SYMBOLS)
      upsertBars(store, parseBarsCsv(readFileSync(join('data', 'sample', `${s}.csv`), 'utf8'), s), 'sample');
    replacePlaybook(store, '2023-12-29', 'bench', [pick('AAPL', 1, 'long'), pick('NVDA', 2, 'short')], 1);
    let trades = 0;
    const scan = (): void => {
      const r = scanOptions(store, { asOf: '2023-12-29', equity: 100_000, maxRisk: {}, rate: 0.04, ivRichRank: 0 });
      trades = r.trades.length;
    };
    const legs = strategyLegs('iron_condor', [90, 95, 105, 110]);
    const base = (): void => {
      for (let i = 0; i < SYMBOLS.length; i++)
        analyzeStrategy({
          name: 'iron_condor',
          legs,
          market: { spot: 100, years: 35 / 365, vol: 0.3, rate: 0.04, dividendYield: 0 },
          positions: 1,
          american: true,
          paths: 100_000,
          seed: 1,
        });
    };
    let best = Infinity;
    let bestBase = Infinity;
    for (let r = 0; r < ROUNDS; r++) {
      for (const [which, f] of [
        [0, scan],
        [1, base],
      ] as const) {
        const t0 = process.hrtime.bigint();
        f();
        const s = Number(process.hrtime.bigint() - t0) / 1e9;
        if (which === 0) best = Math.min(best, s);
        else bestBase = Math.min(bestBase, s);
      }
    }
    return [
      {
        name: 'options scan, 7-symbol sample model chain',
        value: best,
        unit: 's',
        baseline: bestBase,
        ratio: best / bestBase,
        note: `${trades} trades; baseline = ${SYMBOLS.length} analyses of one fixed iron condor`,
      },
    ];
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
