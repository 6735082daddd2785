/**
 * Every number typed on the command line is parsed here (README, "Numbers on the command line").
 * Decimal notation only: `Number()` alone also accepts `0x10`, `1e3`, `' 5 '` and `''` (= 0), so raw
 * input is matched against a pattern first.
 *   whole numbers (quantities, counts):  digits only, e.g. 10
 *   decimals (prices, cash, weights):    e.g. 190, 190.5, -0.3 where a sign makes sense
 *   percentage-like (stop-loss, commission, outlier…): `5%` or the fraction `0.05`, the same value;
 *     a plain number of 1 or more is refused as ambiguous (is `5` five percent or 500 %?)
 *   probabilities (thresholds): a number in [0, 1], or a percentage such as `55%`
 */
import { UsageError } from './errors.js';

const WHOLE = /^[0-9]+$/;
const DECIMAL = /^-?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)$/;

export interface Bounds {
  min?: number;
  max?: number;
  /** The minimum itself is refused (default: allowed). */
  minExclusive?: boolean;
}

function checkBounds(v: number, b: Bounds, fail: (why: string) => never, show: (n: number) => string): number {
  if (b.min !== undefined && (b.minExclusive ? v <= b.min : v < b.min))
    fail(`${b.minExclusive ? 'above' : 'at least'} ${show(b.min)}`);
  if (b.max !== undefined && v > b.max) fail(`at most ${show(b.max)}`);
  return v;
}

const wholeKind = (min: number): string =>
  min === 1 ? 'a positive whole number' : min === 0 ? 'a whole number' : `a whole number of at least ${min}`;

/** A whole number in decimal digits (no sign, exponent, hex or spaces), at least `min`. */
export function parseWholeNumber(raw: string | number, name: string, min = 1): number {
  const text = String(raw);
  const v = WHOLE.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(v) || v < min) throw new UsageError(`${name} must be ${wholeKind(min)}, got "${text}"`);
  return v;
}

/** A decimal number such as 190.5 (a leading minus only when `min` allows it). */
export function parseDecimal(raw: string | number, name: string, bounds: Bounds = {}): number {
  const text = String(raw);
  const v = DECIMAL.test(text) ? Number(text) : NaN;
  const fail = (why: string): never => {
    throw new UsageError(`${name} must be a decimal number${why ? ` ${why}` : ''}, got "${text}"`);
  };
  if (!Number.isFinite(v)) fail('');
  return checkBounds(v, bounds, fail, String);
}

/** A price: a decimal number > 0. */
export function parsePrice(raw: string | number, name: string): number {
  const text = String(raw);
  const v = DECIMAL.test(text) ? Number(text) : NaN;
  if (!(Number.isFinite(v) && v > 0)) throw new UsageError(`${name} must be a price > 0, got "${text}"`);
  return v;
}

const showPct = (f: number): string => `${+(f * 100).toFixed(6)}%`;

/**
 * A percentage-like value as a fraction: `5%` and `0.05` both give 0.05. A plain number whose size is 1
 * or more is refused as ambiguous, naming both spellings.
 */
export function parseFraction(raw: string | number, name: string, bounds: Bounds = {}): number {
  const text = String(raw);
  const pct = text.endsWith('%');
  const body = pct ? text.slice(0, -1) : text;
  const n = DECIMAL.test(body) ? Number(body) : NaN;
  if (!Number.isFinite(n))
    throw new UsageError(`${name} must be a percentage such as 5% or a fraction such as 0.05, got "${text}"`);
  if (!pct && Math.abs(n) >= 1)
    throw new UsageError(`${name} ${text} is ambiguous: write ${text}% or ${+(n / 100).toFixed(10)}`);
  const v = pct ? n / 100 : n;
  return checkBounds(
    v,
    bounds,
    (why) => {
      throw new UsageError(`${name} must be ${why}, got "${text}"`);
    },
    showPct,
  );
}

/** A probability: a number in [min, max] ⊆ [0, 1], or the same as a percentage (`55%`). */
export function parseProbability(raw: string | number, name: string, min = 0, max = 1): number {
  const text = String(raw);
  const pct = text.endsWith('%');
  const body = pct ? text.slice(0, -1) : text;
  const n = DECIMAL.test(body) ? Number(body) : NaN;
  const v = pct ? n / 100 : n;
  if (!(Number.isFinite(v) && v >= min && v <= max))
    throw new UsageError(`${name} must be a probability within [${min}, ${max}], got "${text}"`);
  return v;
}
