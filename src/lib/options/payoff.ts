/**
 * Profit and loss at expiry of a set of legs: a piecewise-linear function of the underlying's price with
 * kinks at the strikes, so its extremes lie at 0, at a strike, or in the right-hand tail, and its zeros
 * (the breakevens) are found segment by segment exactly.
 */
import type { LegKind } from './strategy-legs.js';

export const MULTIPLIER = 100;

export interface PricedLeg {
  kind: LegKind;
  /** Signed: contracts (options) or shares (stock). */
  qty: number;
  strike?: number;
  /** Entry price per share. */
  price: number;
}

/** Shares the leg moves with: contracts × 100, or shares. */
export const unitsOf = (l: PricedLeg): number => (l.kind === 'stock' ? l.qty : l.qty * MULTIPLIER);

/** Dollar profit at expiry with the underlying at `s`. */
export function profitAt(legs: PricedLeg[], s: number): number {
  let total = 0;
  for (const l of legs) {
    const k = l.strike ?? 0;
    const value = l.kind === 'stock' ? s : l.kind === 'call' ? Math.max(s - k, 0) : Math.max(k - s, 0);
    total += unitsOf(l) * (value - l.price);
  }
  return total;
}

export interface PayoffSummary {
  /** null = unbounded. */
  maxProfit: number | null;
  /** A positive amount lost at worst; null = unbounded. */
  maxLoss: number | null;
  breakevens: number[];
  /** Underlying price ranges at expiry where the position makes money; `to` null = no upper end. */
  profitRanges: Array<{ from: number; to: number | null }>;
}

export function summarizePayoff(legs: PricedLeg[]): PayoffSummary {
  const kinks = [...new Set(legs.filter((l) => l.kind !== 'stock').map((l) => l.strike!))].sort((a, b) => a - b);
  const xs = [0, ...kinks.filter((k) => k > 0)];
  const ys = xs.map((x) => profitAt(legs, x));
  // Beyond the last strike every call and share moves one for one with the underlying.
  const tailSlope = legs.reduce((sum, l) => sum + (l.kind === 'put' ? 0 : unitsOf(l)), 0);
  const last = ys[ys.length - 1]!;
  const maxProfit = tailSlope > 1e-9 ? null : Math.max(...ys);
  const worst = Math.min(...ys);
  const maxLoss = tailSlope < -1e-9 ? null : Math.max(-worst, 0);
  const breakevens: number[] = [];
  for (let i = 0; i + 1 < xs.length; i++) {
    const [x0, x1, y0, y1] = [xs[i]!, xs[i + 1]!, ys[i]!, ys[i + 1]!];
    if (y0 === 0 && i > 0) breakevens.push(x0);
    else if ((y0 < 0 && y1 > 0) || (y0 > 0 && y1 < 0)) breakevens.push(x0 + (y0 * (x1 - x0)) / (y0 - y1));
  }
  const xLast = xs[xs.length - 1]!;
  if (last === 0 && xs.length > 1) breakevens.push(xLast);
  else if ((last < 0 && tailSlope > 0) || (last > 0 && tailSlope < 0)) breakevens.push(xLast - last / tailSlope);
  return { maxProfit, maxLoss, breakevens, profitRanges: profitRanges(legs, breakevens) };
}

function profitRanges(legs: PricedLeg[], breakevens: number[]): PayoffSummary['profitRanges'] {
  const edges = [0, ...breakevens];
  const out: PayoffSummary['profitRanges'] = [];
  for (let i = 0; i < edges.length; i++) {
    const from = edges[i]!;
    const to = i + 1 < edges.length ? edges[i + 1]! : null;
    const probe = to === null ? from + 1 + from : (from + to) / 2;
    if (profitAt(legs, probe) > 0) out.push({ from, to });
  }
  return out;
}
