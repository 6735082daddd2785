/**
 * Named option strategies as legs (Hull ch. 12; Natenberg, Option Volatility and Pricing). Strikes are given
 * ascending; a leg's quantity is signed (+ bought, − sold), in contracts for options and in shares for stock.
 */
import { UsageError } from '../errors.js';

export type LegKind = 'call' | 'put' | 'stock';

export interface LegSpec {
  kind: LegKind;
  /** + long, − short: contracts for options, shares for stock. */
  qty: number;
  /** Options only. */
  strike?: number;
}

type Builder = (k: number[]) => LegSpec[];

const call = (qty: number, strike: number): LegSpec => ({ kind: 'call', qty, strike });
const put = (qty: number, strike: number): LegSpec => ({ kind: 'put', qty, strike });

/** Strategy name → [number of strikes, legs from the ascending strikes]. */
export const STRATEGIES: Record<string, [number, Builder]> = {
  long_call: [1, ([k]) => [call(1, k!)]],
  long_put: [1, ([k]) => [put(1, k!)]],
  covered_call: [1, ([k]) => [{ kind: 'stock', qty: 100 }, call(-1, k!)]],
  cash_secured_put: [1, ([k]) => [put(-1, k!)]],
  bull_call_spread: [2, ([a, b]) => [call(1, a!), call(-1, b!)]],
  bear_put_spread: [2, ([a, b]) => [put(1, b!), put(-1, a!)]],
  bull_put_spread: [2, ([a, b]) => [put(1, a!), put(-1, b!)]],
  bear_call_spread: [2, ([a, b]) => [call(-1, a!), call(1, b!)]],
  iron_condor: [4, ([a, b, c, d]) => [put(1, a!), put(-1, b!), call(-1, c!), call(1, d!)]],
  long_straddle: [1, ([k]) => [call(1, k!), put(1, k!)]],
  long_strangle: [2, ([a, b]) => [put(1, a!), call(1, b!)]],
};

/** Single legs and verticals: probability of profit in closed form; the rest by Monte Carlo. */
export const CLOSED_FORM_POP = new Set([
  'long_call',
  'long_put',
  'covered_call',
  'cash_secured_put',
  'bull_call_spread',
  'bear_put_spread',
  'bull_put_spread',
  'bear_call_spread',
]);

/** The legs of a named strategy; refuses a wrong number of strikes or strikes not strictly ascending. */
export function strategyLegs(name: string, strikes: number[]): LegSpec[] {
  const entry = STRATEGIES[name];
  if (!entry)
    throw new UsageError(`unknown strategy "${name}": use one of ${[...Object.keys(STRATEGIES), 'custom'].join(', ')}`);
  const [count, build] = entry;
  if (strikes.length !== count)
    throw new UsageError(`${name} takes ${count} strike${count > 1 ? 's' : ''} (--strikes), got ${strikes.length}`);
  for (let i = 1; i < strikes.length; i++)
    if (!(strikes[i]! > strikes[i - 1]!))
      throw new UsageError(`--strikes must be strictly ascending, got ${strikes.join(',')}`);
  return build(strikes);
}

/**
 * Custom legs: `buy:call:100,sell:call:105:2,buy:stock:100` — side, kind, strike (options), then an optional
 * quantity (contracts; for stock the field after the kind is the number of shares).
 */
export function parseCustomLegs(raw: string): LegSpec[] {
  const legs: LegSpec[] = [];
  for (const part of raw.split(',').map((p) => p.trim())) {
    if (part === '') continue;
    const bad = (why: string): never => {
      throw new UsageError(`invalid leg "${part}": ${why} (e.g. buy:call:100, sell:put:95:2, buy:stock:100)`);
    };
    const [side, kind, a, b, ...extra] = part.toLowerCase().split(':');
    if (extra.length > 0) bad('too many fields');
    if (side !== 'buy' && side !== 'sell') bad(`side must be buy or sell, got "${side}"`);
    const sign = side === 'buy' ? 1 : -1;
    if (kind === 'stock') {
      if (b !== undefined) bad('a stock leg is buy|sell:stock:SHARES');
      legs.push({ kind: 'stock', qty: sign * positiveWhole(a ?? '100', bad, 'shares') });
    } else if (kind === 'call' || kind === 'put') {
      const strike = Number(a);
      if (a === undefined || !/^\d+(\.\d+)?$/.test(a) || !(strike > 0))
        bad(`strike must be a price above 0, got "${a}"`);
      legs.push({ kind, qty: sign * positiveWhole(b ?? '1', bad, 'quantity'), strike });
    } else bad(`kind must be call, put or stock, got "${kind}"`);
  }
  if (legs.length === 0) throw new UsageError('custom strategy needs --legs, e.g. buy:call:100,sell:call:105');
  if (!legs.some((l) => l.kind !== 'stock')) throw new UsageError('custom strategy needs at least one option leg');
  return legs;
}

function positiveWhole(text: string, bad: (why: string) => never, name: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) bad(`${name} must be a positive whole number, got "${text}"`);
  return Number(text);
}
