import { evaluatePosition } from '../src/lib/evaluator/evaluate.js';
import type { EvaluatedPosition, Thresholds } from '../src/lib/evaluator/evaluate.js';
import type { BenchResult } from './types.js';

/**
 * evaluatePosition at decisions/second: 500 open positions on a stream of quotes (each quote re-evaluates every
 * position, as the evaluator's watch loop does), beside a bare loop of the same comparisons on typed arrays in
 * the same run. Ratio = ours / bare loop (1.0 = no overhead).
 */
const POSITIONS = 500;
const QUOTES = 4_000;

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function setup() {
  const rnd = lcg(42);
  const qty = new Float64Array(POSITIONS);
  const avg = new Float64Array(POSITIONS);
  const high = new Float64Array(POSITIONS);
  const positions: EvaluatedPosition[] = [];
  for (let i = 0; i < POSITIONS; i++) {
    qty[i] = rnd() < 0.8 ? 1 + Math.floor(rnd() * 100) : -(1 + Math.floor(rnd() * 100));
    avg[i] = 20 + rnd() * 400;
    high[i] = avg[i]!;
    positions.push({ qty: qty[i]!, avgCost: avg[i]! });
  }
  // Each quote moves every position's price by a small random step (±0.5 %), so most decisions are "hold".
  const moves = new Float64Array(QUOTES);
  for (let q = 0; q < QUOTES; q++) moves[q] = 1 + (rnd() - 0.5) * 0.01;
  return { qty, avg, high, positions, moves };
}

const T: Thresholds = { stopLoss: 0.2, takeProfit: 0.3, trailing: 0.25 };

function runOurs(s: ReturnType<typeof setup>): { ms: number; closes: number } {
  const price = Float64Array.from(s.avg);
  const high = Float64Array.from(s.high);
  let closes = 0;
  const t0 = performance.now();
  for (let q = 0; q < QUOTES; q++) {
    const m = s.moves[q]!;
    for (let i = 0; i < POSITIONS; i++) {
      const p = (price[i] = price[i]! * m);
      const long = s.qty[i]! > 0;
      if (long ? p > high[i]! : p < high[i]!) high[i] = p;
      if (evaluatePosition(s.positions[i]!, p, high[i]!, T).action === 'close') closes++;
    }
  }
  return { ms: performance.now() - t0, closes };
}

function runBare(s: ReturnType<typeof setup>): { ms: number; closes: number } {
  const price = Float64Array.from(s.avg);
  const high = Float64Array.from(s.high);
  const {
    stopLoss: sl,
    takeProfit: tp,
    trailing: tr,
  } = T as { stopLoss: number; takeProfit: number; trailing: number };
  let closes = 0;
  const t0 = performance.now();
  for (let q = 0; q < QUOTES; q++) {
    const m = s.moves[q]!;
    for (let i = 0; i < POSITIONS; i++) {
      const p = (price[i] = price[i]! * m);
      const a = s.avg[i]!;
      if (s.qty[i]! > 0) {
        if (p > high[i]!) high[i] = p;
        if (p <= a * (1 - sl) || p >= a * (1 + tp) || p <= high[i]! * (1 - tr)) closes++;
      } else {
        if (p < high[i]!) high[i] = p;
        if (p >= a * (1 + sl) || p <= a * (1 - tp) || p >= high[i]! * (1 + tr)) closes++;
      }
    }
  }
  return { ms: performance.now() - t0, closes };
}

function best(run: () => { ms: number; closes: number }, reps = 5): { ms: number; closes: number } {
  let out = run();
  for (let i = 1; i < reps; i++) {
    const r = run();
    if (r.ms < out.ms) out = r;
  }
  return out;
}

export function benchEvaluator(): BenchResult[] {
  const s = setup();
  runOurs(s);
  runBare(s); // warm-up
  const ours = best(() => runOurs(s));
  const bare = best(() => runBare(s));
  if (ours.closes !== bare.closes)
    throw new Error(`evaluator bench: decisions differ (${ours.closes} vs ${bare.closes} closes)`);
  const decisions = POSITIONS * QUOTES;
  const oursRate = decisions / (ours.ms / 1000);
  const bareRate = decisions / (bare.ms / 1000);
  return [
    {
      name: `evaluatePosition, ${POSITIONS} positions × ${QUOTES} quotes`,
      value: oursRate,
      unit: 'decisions/s',
      baseline: bareRate,
      ratio: oursRate / bareRate,
      note: `${ours.closes} close decisions; baseline: the same comparisons inline on Float64Arrays`,
    },
  ];
}
