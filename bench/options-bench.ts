/**
 * Option pricing throughput: European price + greeks, American prices on the default Leisen-Reimer tree,
 * Monte Carlo probability-of-profit paths. Each beside a baseline measured in the same run, alternated,
 * best of several: the European price alone; a bare roll-back of the same tree; a bare Box-Muller + exp loop.
 * Run alone: node dist/bench/run.js options
 */
import { AMERICAN_STEPS, americanPrice } from '../src/lib/options/american.js';
import { europeanGreeks, europeanPrice, type OptionInput } from '../src/lib/options/bsm.js';
import { popMonteCarlo } from '../src/lib/options/pop.js';
import { strategyLegs } from '../src/lib/options/strategy-legs.js';
import { analyzeStrategy } from '../src/lib/options/strategy.js';
import type { BenchResult } from './types.js';

const ROUNDS = 5;
let sink = 0;

function cases(n: number): OptionInput[] {
  return Array.from({ length: n }, (_, i) => ({
    type: i % 2 ? 'call' : 'put',
    spot: 80 + (i % 41),
    strike: 100,
    years: (7 + (i % 360)) / 365,
    rate: 0.04,
    dividendYield: 0.01 * (i % 3),
    vol: 0.1 + 0.01 * (i % 50),
  }));
}

/** Best (highest) rate of `fn` over ROUNDS, alternating with the baseline. */
function alternate(count: number, fn: () => void, base: () => void): [number, number] {
  let best = 0;
  let bestBase = 0;
  for (let r = 0; r < ROUNDS; r++) {
    for (const [which, f] of [
      [0, fn],
      [1, base],
    ] as const) {
      const t0 = process.hrtime.bigint();
      f();
      const rate = count / (Number(process.hrtime.bigint() - t0) / 1e9);
      if (which === 0) best = Math.max(best, rate);
      else bestBase = Math.max(bestBase, rate);
    }
  }
  return [best, bestBase];
}

/** The same number of tree nodes, discounting only (no spot, no exercise check). */
function bareRollBack(n: number): void {
  const v = new Float64Array(n + 1).fill(1);
  for (let i = n - 1; i >= 0; i--) for (let j = 0; j <= i; j++) v[j] = 0.4999 * v[j]! + 0.4999 * v[j + 1]!;
  sink += v[0]!;
}

function bareLognormalLoop(paths: number): void {
  let u = 0x12345;
  for (let i = 0; i < paths; i++) {
    u = (u * 1103515245 + 12345) >>> 0;
    const z = Math.sqrt(-2 * Math.log((u + 1) / 4294967297)) * Math.cos(i);
    sink += Math.exp(0.01 + 0.1 * z);
  }
}

const result = (name: string, unit: string, value: number, baseline: number, note: string): BenchResult => ({
  name,
  unit,
  value,
  baseline,
  ratio: value / baseline,
  note,
});

export function benchOptions(): BenchResult[] {
  const euro = cases(200_000);
  const [greeks, priceOnly] = alternate(
    euro.length,
    () => euro.forEach((o) => (sink += europeanGreeks(o).delta)),
    () => euro.forEach((o) => (sink += europeanPrice(o))),
  );
  const amer = cases(40);
  const [american, bareTree] = alternate(
    amer.length,
    () => amer.forEach((o) => (sink += americanPrice(o))),
    () => amer.forEach(() => bareRollBack(AMERICAN_STEPS)),
  );
  const market = { spot: 104, years: 21 / 365, vol: 0.3, rate: 0.04, dividendYield: 0 };
  const condor = analyzeStrategy({
    name: 'iron_condor',
    legs: strategyLegs('iron_condor', [90, 95, 110, 115]),
    market,
    positions: 1,
    american: false,
    paths: 100_000,
    seed: 1,
  });
  const legs = condor.legs.map((l) => ({ kind: l.kind, qty: l.qty, strike: l.strike ?? undefined, price: l.price }));
  const paths = 200_000;
  const [mc, bare] = alternate(
    paths,
    () => (sink += popMonteCarlo(legs, market, paths, 3).pop),
    () => bareLognormalLoop(paths),
  );
  if (sink === 42) process.stdout.write('');
  return [
    result('options European price+greeks', 'evals/s', greeks, priceOnly, 'baseline: European price alone'),
    result(
      `options American LR ${AMERICAN_STEPS} steps`,
      'prices/s',
      american,
      bareTree,
      'baseline: bare roll-back, same nodes',
    ),
    result('options MC POP (iron condor)', 'paths/s', mc, bare, 'baseline: bare Box-Muller + exp loop'),
  ];
}
