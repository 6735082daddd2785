/**
 * Option legs grouped into the strategy they form. Pure.
 *
 * Legs of the same underlying and expiry (and the same opening order, when known) are one position. Its name comes
 * from matching the legs, reduced by their common size, against the named shapes of options/strategy-legs.ts
 * (iron_condor, bull_put_spread, …); anything else is "custom". For the position:
 *   net greeks = Σ leg greeks (bsm.ts, European, at the leg's implied volatility) × contracts × 100;
 *   net PnL = Σ (mark − average) × contracts × 100; premium = −Σ average × contracts × 100 (+ a credit received);
 *   max profit / loss at expiry from the entry prices (options/payoff.ts; null = unbounded);
 *   days to expiry = calendar days from the as-of session.
 */
import { DAYS_PER_YEAR, europeanGreeks } from '../options/bsm.js';
import type { OptionType } from '../options/bsm.js';
import { parseOcc } from '../options/occ.js';
import { summarizePayoff } from '../options/payoff.js';
import { STRATEGIES } from '../options/strategy-legs.js';
import type { LegSpec } from '../options/strategy-legs.js';
import { utcMidnight } from '../time.js';
import { OPTION_MULTIPLIER } from '../contract-multiplier.js';

export interface OptionLegPosition {
  /** OCC symbol, either spelling. */
  symbol: string;
  /** Signed contracts. */
  qty: number;
  /** Average entry price per share. */
  avgCost: number;
  /** Current price per share. */
  mark: number;
  /** Implied volatility of the mark; null when unknown (then only delta is known, from moneyness). */
  iv: number | null;
  /** The underlying's price. */
  spot: number;
  /** The order that opened the leg, when known: legs of different orders stay apart. */
  openedBy?: string | null;
}

export interface NetGreeks {
  delta: number;
  gamma: number;
  theta: number;
  vega: number;
  rho: number;
}

export interface GroupedLeg {
  symbol: string;
  kind: OptionType;
  strike: number;
  qty: number;
  avgCost: number;
  mark: number;
  delta: number;
}

export interface OptionGroup {
  key: string;
  underlying: string;
  expiry: string;
  /** A name from strategy-legs.ts, or custom. */
  strategy: string;
  /** Strategy units: the legs' common contract count. */
  units: number;
  legs: GroupedLeg[];
  daysToExpiry: number;
  spot: number;
  /** Dollars at the marks (signed). */
  marketValue: number;
  netPnl: number;
  /** Dollars at entry: + a net credit received, − a net debit paid. */
  premium: number;
  maxProfit: number | null;
  maxLoss: number | null;
  greeks: NetGreeks;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** The name of the shape `legs` (already reduced to units) form, else custom. */
export function strategyName(legs: readonly LegSpec[]): string {
  const strikes = [...new Set(legs.map((l) => l.strike!))].sort((a, b) => a - b);
  const keyOf = (l: LegSpec): string => `${l.kind}:${l.strike}:${l.qty}`;
  const want = legs.map(keyOf).sort().join('|');
  for (const [name, [count, build]] of Object.entries(STRATEGIES)) {
    if (count !== strikes.length) continue;
    if (build(strikes).map(keyOf).sort().join('|') === want) return name;
  }
  return 'custom';
}

function legGreeks(leg: OptionLegPosition, type: OptionType, strike: number, days: number, rate: number): NetGreeks {
  if (days > 0 && leg.iv !== null && leg.iv > 0) {
    const g = europeanGreeks({
      type,
      spot: leg.spot,
      strike,
      years: days / DAYS_PER_YEAR,
      rate,
      dividendYield: 0,
      vol: leg.iv,
    });
    return { delta: g.delta, gamma: g.gamma, theta: g.theta, vega: g.vega, rho: g.rho };
  }
  const itm = type === 'call' ? leg.spot > strike : leg.spot < strike;
  return { delta: itm ? (type === 'call' ? 1 : -1) : 0, gamma: 0, theta: 0, vega: 0, rho: 0 };
}

export function groupOptionPositions(
  positions: readonly OptionLegPosition[],
  asOf: string,
  rate: number,
): OptionGroup[] {
  const byKey = new Map<string, OptionLegPosition[]>();
  for (const p of positions) {
    if (p.qty === 0) continue;
    const o = parseOcc(p.symbol);
    const key = `${o.root} ${o.expiry}${p.openedBy ? ` ${p.openedBy}` : ''}`;
    byKey.set(key, [...(byKey.get(key) ?? []), p]);
  }
  const out: OptionGroup[] = [];
  for (const [key, members] of byKey) {
    const first = parseOcc(members[0]!.symbol);
    const days = (utcMidnight(first.expiry) - utcMidnight(asOf)) / 86_400_000;
    const units = members.reduce((g, p) => gcd(g, Math.abs(p.qty)), 0);
    const greeks: NetGreeks = { delta: 0, gamma: 0, theta: 0, vega: 0, rho: 0 };
    const legs: GroupedLeg[] = [];
    let marketValue = 0;
    let premium = 0;
    for (const p of members) {
      const o = parseOcc(p.symbol);
      const g = legGreeks(p, o.type, o.strike, days, rate);
      const size = p.qty * OPTION_MULTIPLIER;
      for (const k of Object.keys(greeks) as Array<keyof NetGreeks>) greeks[k] += g[k] * size;
      marketValue += p.mark * size;
      premium -= p.avgCost * size;
      legs.push({
        symbol: p.symbol,
        kind: o.type,
        strike: o.strike,
        qty: p.qty,
        avgCost: p.avgCost,
        mark: p.mark,
        delta: g.delta,
      });
    }
    legs.sort((a, b) => a.strike - b.strike || a.kind.localeCompare(b.kind));
    const payoff = summarizePayoff(legs.map((l) => ({ kind: l.kind, qty: l.qty, strike: l.strike, price: l.avgCost })));
    out.push({
      key,
      underlying: first.root,
      expiry: first.expiry,
      strategy: strategyName(legs.map((l) => ({ kind: l.kind, qty: l.qty / units, strike: l.strike }))),
      units,
      legs,
      daysToExpiry: days,
      spot: members[0]!.spot,
      marketValue,
      netPnl: marketValue + premium,
      premium,
      maxProfit: payoff.maxProfit,
      maxLoss: payoff.maxLoss,
      greeks,
    });
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}
